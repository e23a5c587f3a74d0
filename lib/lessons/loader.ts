/**
 * Server-only: reads the course from lessons/ with synchronous fs calls. Never import this
 * from a client component; pass the Unit objects (plain JSON) down instead.
 *
 * Layout, one folder per unit: lessons/NN-slug/{unit.json, lesson.md, starter.ts, solution.ts}.
 * solution.ts exists exactly for exercises. Adding a unit is adding a folder.
 */
import fs from "node:fs";
import path from "node:path";
import { unitFileSchema } from "./schema";
import { describeIssues } from "../validation/issues";
import type { Unit } from "./types";

const FOLDER = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** Content errors name the folder as the author sees it, e.g. "lessons/04-abort-negative". */
class ContentError extends Error {
  constructor(where: string, problem: string) {
    super(`${where}: ${problem}`);
    this.name = "ContentError";
  }
}

const cache = new Map<string, Unit[]>();

/**
 * Every unit under `dir`, sorted by order. Throws a ContentError naming the folder and the
 * problem on any invalid content. Cached per directory for the life of the process, except
 * in development, where content edits should show up on the next request.
 */
export function loadCourse(dir: string = path.join(process.cwd(), "lessons")): Unit[] {
  const key = path.resolve(dir);
  const cached = cache.get(key);
  if (cached) return cached;
  const units = readCourse(key);
  if (process.env.NODE_ENV !== "development") cache.set(key, units);
  return units;
}

/** The unit with this slug, or undefined. */
export function loadUnit(slug: string, dir?: string): Unit | undefined {
  return loadCourse(dir).find((unit) => unit.slug === slug);
}

/** Forget cached courses (tests, or a content reload). */
export function clearCourseCache(): void {
  cache.clear();
}

function readCourse(dir: string): Unit[] {
  const root = path.basename(dir);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new ContentError(root, `cannot read the course folder (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }

  const found: { unit: Unit; where: string }[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    const where = `${root}/${entry.name}`;
    found.push({ unit: readUnit(path.join(dir, entry.name), where), where });
  }
  if (found.length === 0) throw new ContentError(root, "no units found (expected folders named like 01-watch-basics)");

  // Sorted by order, then folder name, so duplicate errors are reported the same way every time.
  found.sort((a, b) => a.unit.order - b.unit.order || a.where.localeCompare(b.where));
  const byOrder = new Map<number, string>();
  const bySlug = new Map<string, string>();
  for (const { unit, where } of found) {
    const sameOrder = byOrder.get(unit.order);
    if (sameOrder) throw new ContentError(where, `order ${unit.order} is already used by ${sameOrder}`);
    const sameSlug = bySlug.get(unit.slug);
    if (sameSlug) throw new ContentError(where, `slug "${unit.slug}" is already used by ${sameSlug}`);
    byOrder.set(unit.order, where);
    bySlug.set(unit.slug, where);
  }
  const units = found.map((f) => f.unit);
  return deepFreeze(units);
}

function readUnit(folder: string, where: string): Unit {
  const match = FOLDER.exec(path.basename(folder));
  if (!match) {
    throw new ContentError(where, "folder name must be NN-slug, e.g. 01-watch-basics (lower-case, kebab-case slug)");
  }
  const order = Number(match[1]);
  const slug = match[2]!;
  if (order < 1) throw new ContentError(where, "order must start at 01");

  const rawJson = readText(folder, where, "unit.json");
  let json: unknown;
  try {
    json = JSON.parse(rawJson);
  } catch (err) {
    throw new ContentError(where, `unit.json: invalid JSON: ${(err as Error).message}`);
  }
  const parsed = unitFileSchema.safeParse(json);
  if (!parsed.success) throw new ContentError(where, `unit.json: ${describeIssues(parsed.error)}`);
  const meta = parsed.data;

  const prose = readText(folder, where, "lesson.md");
  const starter = readText(folder, where, "starter.ts");
  const hasSolution = fs.existsSync(path.join(folder, "solution.ts"));
  let solution: string | undefined;
  if (meta.kind === "exercise") {
    if (!hasSolution) throw new ContentError(where, "solution.ts is missing (every exercise needs a reference solution)");
    solution = readText(folder, where, "solution.ts");
    if (normalizeCode(solution) === normalizeCode(starter)) {
      throw new ContentError(where, "solution.ts is identical to starter.ts");
    }
  } else if (hasSolution) {
    throw new ContentError(where, `solution.ts is only allowed in exercises (this unit is a ${meta.kind})`);
  }

  return { slug, order, ...meta, prose, starter, ...(solution === undefined ? {} : { solution }) };
}

/** A required, non-empty text file, with line endings normalized. */
function readText(folder: string, where: string, file: string): string {
  const full = path.join(folder, file);
  let content: string;
  try {
    content = fs.readFileSync(full, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ContentError(where, code === "ENOENT" ? `${file} is missing` : `${file} cannot be read (${code ?? "error"})`);
  }
  content = content.replace(/\r\n?/g, "\n");
  if (content.trim() === "") throw new ContentError(where, `${file} is empty`);
  return content;
}

function normalizeCode(code: string): string {
  return code
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
}

// The cached course is shared by every request; freezing turns an accidental mutation into an error.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
