/**
 * Whether a program that doesn't parse as TypeScript is Python - the course's own redis-py
 * code pasted in. Python's own shapes only, never one TypeScript shares: `import redis` (no
 * quotes, no `from "..."`), `def name(...):`, `with x as y:`, `except ...:`, `while True:`.
 */
const PYTHON_LINES = [
  /^\s*import\s+redis\s*$/,
  /^\s*from\s+redis(\.\w+)*\s+import\s+\w/,
  /^\s*(async\s+)?def\s+\w+\s*\(.*\)\s*(->\s*[^:]+)?:\s*$/,
  /^\s*with\s+.+\s+as\s+\w+\s*:\s*$/,
  /^\s*except(\s+[\w.]+(\s+as\s+\w+)?)?\s*:\s*$/,
  /^\s*while\s+True\s*:\s*$/,
];

/** The 1-based line of the first unmistakably Python line, or undefined. */
export function pythonLine(source: string): number | undefined {
  const lines = source.split("\n");
  const i = lines.findIndex((l) => PYTHON_LINES.some((re) => re.test(l)));
  return i === -1 ? undefined : i + 1;
}
