/**
 * Server-only: reads lessons/NN-slug/checks.json (optional) next to the unit. The course
 * loader ignores the file; the grader is its only reader.
 */
import fs from "node:fs";
import path from "node:path";
import { describeIssues } from "../../validation/issues";
import { checksFileSchema, resolveChecks, type UnitChecks } from "./checks-schema";

const cache = new Map<string, UnitChecks | null>();

/** The unit's checks, or null when its folder has no checks.json. Throws on invalid content. */
export function loadChecks(slug: string, dir: string = path.join(process.cwd(), "lessons")): UnitChecks | null {
  const cacheKey = `${path.resolve(dir)}\u0000${slug}`;
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit;
  const folder = fs.readdirSync(dir).find((name) => new RegExp(`^\\d{2,}-${slug}$`).test(name));
  const file = folder && path.join(dir, folder, "checks.json");
  let checks: UnitChecks | null = null;
  if (file && fs.existsSync(file)) {
    const where = `${path.basename(dir)}/${folder}/checks.json`;
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
      throw new Error(`${where}: invalid JSON: ${(err as Error).message}`);
    }
    const parsed = checksFileSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${where}: ${describeIssues(parsed.error)}`);
    checks = resolveChecks(parsed.data);
  }
  if (process.env.NODE_ENV !== "development") cache.set(cacheKey, checks);
  return checks;
}
