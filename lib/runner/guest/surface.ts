/**
 * Which ioredis methods exist (on a client, on a pipeline) that are not Redis commands: the
 * guest says of each that the playground doesn't offer it, rather than "not a function". Read
 * from ioredis itself, so the list follows the installed version. Redis commands (and their
 * *Buffer variants) are the allowlist's business, not this list's.
 */
import { Pipeline, Redis } from "ioredis";
import { exists } from "@ioredis/commands";

function apiMethods(proto: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const k of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (typeof d?.value !== "function" || k.startsWith("_") || k === "constructor") continue;
      if (exists(k) || (k.endsWith("Buffer") && exists(k.slice(0, -6)))) continue;
      names.add(k);
    }
  }
  return [...names].sort();
}

/** ioredis client methods that aren't Redis commands. */
export const CLIENT_API: readonly string[] = apiMethods(Redis.prototype);
/** ioredis Pipeline (and multi()) methods that aren't Redis commands. */
export const PIPELINE_API: readonly string[] = apiMethods(Pipeline.prototype);
