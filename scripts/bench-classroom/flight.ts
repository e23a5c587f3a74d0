// A server action's reply is React flight text, one row per line: `0:{"a":"$@1",...}` names the
// row that holds the returned value (`1:{...}`). Long strings may come as text rows
// (`2:T<hex length>,<text>`), referenced as "$2"; the bench only needs the returned object.

/** The value a server action returned, from its flight response text. */
export function actionResult(text: string): unknown {
  const rows = parseRows(text);
  const head = rows.get("0");
  if (head === undefined) throw new Error(`not a server action response: ${text.slice(0, 120)}`);
  const ref = typeof head === "object" && head !== null ? (head as { a?: unknown }).a : undefined;
  const id = typeof ref === "string" && ref.startsWith("$@") ? ref.slice(2) : undefined;
  const value = id === undefined ? head : rows.get(id);
  return resolveRefs(value, rows, 0);
}

function parseRows(text: string): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  let at = 0;
  while (at < text.length) {
    const colon = text.indexOf(":", at);
    if (colon < 0) break;
    const id = text.slice(at, colon);
    if (text[colon + 1] === "T") {
      // A text row: its length (hex, in bytes) says where it ends; no newline follows.
      const comma = text.indexOf(",", colon);
      const bytes = parseInt(text.slice(colon + 2, comma), 16);
      const body = Buffer.from(text.slice(comma + 1), "utf8").subarray(0, bytes).toString("utf8");
      rows.set(id, body);
      at = comma + 1 + body.length;
      continue;
    }
    const end = text.indexOf("\n", colon);
    const line = text.slice(colon + 1, end < 0 ? text.length : end);
    try {
      rows.set(id, JSON.parse(line));
    } catch {
      rows.set(id, line);
    }
    at = end < 0 ? text.length : end + 1;
  }
  return rows;
}

/** Replaces "$<row>" references (outlined strings and objects) and unescapes "$$". */
function resolveRefs(v: unknown, rows: Map<string, unknown>, depth: number): unknown {
  if (depth > 64) return v;
  if (typeof v === "string") {
    if (v === "$undefined") return undefined;
    if (v.startsWith("$$")) return v.slice(1);
    const m = /^\$([0-9a-f]+)$/.exec(v);
    return m && rows.has(m[1]!) ? resolveRefs(rows.get(m[1]!), rows, depth + 1) : v;
  }
  if (Array.isArray(v)) return v.map((x) => resolveRefs(x, rows, depth + 1));
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = resolveRefs(x, rows, depth + 1);
    return out;
  }
  return v;
}
