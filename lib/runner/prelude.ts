/**
 * The guest side of the sandbox: JavaScript evaluated in each fresh QuickJS context before the
 * learner's program. It builds an ioredis-shaped `Redis` class whose methods forward to the
 * host bridge as JSON strings - no host object ever enters the sandbox - plus console,
 * timers, sleep and a `require` that knows only "ioredis". It runs once per sandbox, before the
 * sandbox's memory snapshot (see wasm-snapshot), so its size costs nothing per run.
 */
import { LEARNER_FILE } from "./transpile";
import { ALLOWED, methodKind } from "./allowlist/allowlist";
import { MAP_TAG } from "./bridge/guest-args";

export const PRELUDE_FILE = "playground-runtime.js";

const lineRe = LEARNER_FILE.replace(/\./g, "\\.");

/** Every allowed method with its kind (1 = connection only, 2 = also inside multi()). */
const ALLOWED_KINDS = JSON.stringify(ALLOWED.map((c) => [c.method, methodKind(c.method)]));

export const PRELUDE = `"use strict";
(() => {
  const g = globalThis;
  const ALLOWED = ${ALLOWED_KINDS};
  const H = {
    call: g.__call, kind: g.__kind, newConn: g.__newConn, sleep: g.__sleep, cancel: g.__cancelTimer,
    log: g.__log, refuse: g.__refuse, badImport: g.__badImport, uncaught: g.__uncaught,
  };
  for (const k of ["__call", "__kind", "__newConn", "__sleep", "__cancelTimer", "__log", "__refuse", "__badImport", "__uncaught"]) delete g[k];

  const LINE = /${lineRe}:(\\d+)(?::(\\d+))?/;
  // The line of the call that brought us here. Each call in the program records its line just
  // before it happens (see line-marks.ts); a call that couldn't be marked has no line recorded,
  // and the line is read from a stack trace at the call site - ~60 µs in QuickJS, hence marks.
  let marked = 0;
  const NONE = Object.freeze([]);
  const mark = (line) => { marked = line; return NONE; };
  const where = () => {
    const line = marked;
    marked = 0;
    if (line) return line;
    const m = LINE.exec(new Error().stack || "");
    return m ? Number(m[1]) : 0;
  };

  const revive = (v) => {
    if (Array.isArray(v)) return v.map(revive);
    if (v && typeof v === "object") {
      if (typeof v.__error === "string") { const e = new Error(v.__error); e.name = "ReplyError"; return e; }
      const o = {};
      for (const k of Object.keys(v)) o[k] = revive(v[k]);
      return o;
    }
    return v;
  };
  const settle = (json, line) => {
    const r = JSON.parse(json);
    if ("ok" in r) return revive(r.ok);
    const e = new Error(r.err.message);
    e.name = r.err.name || "ReplyError";
    e.line = line;
    throw e;
  };
  // A Map crosses the JSON bridge tagged (ioredis takes Maps in mset/hset and friends).
  const encodeMap = (v) => (v instanceof Map ? { ${MAP_TAG}: Array.from(v.entries()) } : v);
  const encodeArgs = (args) => {
    for (const a of args) if (typeof a === "function") throw new TypeError("Callbacks aren't supported here: use await instead.");
    return args.map((a) => (Array.isArray(a) ? a.map(encodeMap) : encodeMap(a)));
  };
  const send = (msg, line) => H.call(JSON.stringify(msg)).then((json) => settle(json, line));

  const ids = new WeakMap();
  const idOf = (self) => {
    const id = ids.get(self);
    if (id === undefined) throw new TypeError("This is not a Redis connection. Create one with new Redis().");
    return id;
  };

  // Command methods: the allowed ones are made once, when the sandbox is built (its snapshot keeps
  // them), as plain methods on an object in each prototype chain. A proxy at the end of the chain
  // answers every other name: the host, which owns the allowlist, says whether it is a refused
  // command (3) or no command at all (0, so then/toJSON stay undefined and nothing is thenable).
  const refused = (prop) => function () { H.refuse(prop, where()); return new Promise(() => {}); };
  const tail = (inTx) => new Proxy(Object.create(null), {
    get(_t, prop) {
      if (typeof prop !== "string") return undefined;
      const kind = H.kind(prop);
      return kind === 3 || (inTx && kind === 1) ? refused(prop) : undefined;
    },
  });
  const methods = (inTx) => {
    const o = Object.create(tail(inTx));
    for (const [prop, kind] of ALLOWED) {
      if (inTx && kind === 1) continue;
      let f;
      if (inTx) f = function (...args) { ids.get(this).queue.push({ m: prop, a: encodeArgs(args), l: where() }); return this; };
      else f = function (...args) { const line = where(); return send({ c: idOf(this), m: prop, a: encodeArgs(args), l: line }, line); };
      Object.defineProperty(f, "name", { value: prop });
      o[prop] = f;
    }
    return Object.freeze(o);
  };

  class Transaction {
    constructor(conn, line) { ids.set(this, { conn, line, queue: [], used: false }); }
    exec() { return finish(this, "exec"); }
    discard() { return finish(this, "discard"); }
  }
  const finish = (tx, m) => {
    const st = ids.get(tx);
    const line = where();
    if (st.used) return Promise.reject(new Error("This transaction was already sent. Call multi() again for a new one."));
    st.used = true;
    return send({ c: st.conn, m, q: st.queue, l: line, ml: st.line }, line);
  };

  class Redis {
    constructor() { ids.set(this, H.newConn(-1, where())); }
    duplicate() { const r = Object.create(Redis.prototype); ids.set(r, H.newConn(idOf(this), where())); return r; }
    multi() { return new Transaction(idOf(this), where()); }
    quit() { const line = where(); return send({ c: idOf(this), m: "quit", a: [], l: line }, line); }
    disconnect() { const line = where(); send({ c: idOf(this), m: "quit", a: [], l: line }, line).catch(() => {}); }
  }
  Object.setPrototypeOf(Redis.prototype, methods(false));
  Object.setPrototypeOf(Transaction.prototype, methods(true));
  Object.freeze(Redis.prototype);
  Object.freeze(Transaction.prototype);

  let nextTimer = 1;
  const report = (e) => {
    const line = e && typeof e.line === "number" ? e.line : 0;
    const m = LINE.exec((e && e.stack) || "");
    H.uncaught(String((e && e.name) || "Error"), String((e && e.message) || e), m ? Number(m[1]) : line, m && m[2] ? Number(m[2]) : 0);
  };
  g.setTimeout = (fn, ms = 0, ...args) => {
    const id = nextTimer++;
    H.sleep(Number(ms) || 0, id).then((fired) => {
      if (!fired || typeof fn !== "function") return;
      try { const r = fn(...args); if (r && typeof r.then === "function") r.then(undefined, report); } catch (e) { report(e); }
    });
    return id;
  };
  g.clearTimeout = (id) => { if (typeof id === "number") H.cancel(id); };
  g.sleep = (ms) => H.sleep(Number(ms) || 0, 0).then(() => undefined);

  const inspect = (v, depth, seen) => {
    if (v === null) return "null";
    if (v === undefined) return "undefined";
    const t = typeof v;
    if (t === "string") return depth === 0 ? v : "'" + v + "'";
    if (t === "number" || t === "boolean" || t === "bigint") return String(v);
    if (t === "function") return "[Function: " + (v.name || "anonymous") + "]";
    if (t === "symbol") return v.toString();
    if (v instanceof Error) return (v.name || "Error") + ": " + v.message;
    if (seen.includes(v)) return "[Circular]";
    if (depth > 3) return Array.isArray(v) ? "[Array]" : "[Object]";
    const next = seen.concat([v]);
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return "[ " + v.slice(0, 100).map((x) => inspect(x, depth + 1, next)).join(", ") + (v.length > 100 ? ", ..." : "") + " ]";
    }
    if (ids.has(v)) return v instanceof Transaction ? "Transaction {}" : "Redis {}";
    const keys = Object.keys(v);
    if (keys.length === 0) return "{}";
    return "{ " + keys.slice(0, 100).map((k) => k + ": " + inspect(v[k], depth + 1, next)).join(", ") + " }";
  };
  const con = {};
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    con[level] = (...a) => H.log(level === "debug" ? "log" : level, a.map((x) => inspect(x, 0, [])).join(" "), where());
  }
  g.console = con;

  const ioredis = Object.freeze({ __esModule: true, default: Redis, Redis });
  g.require = (name) => {
    if (name === "ioredis") return ioredis;
    H.badImport(String(name), where());
    throw new Error("Only ioredis can be imported here.");
  };
  // The sandbox keeps this and hands it to the program (it is nowhere global).
  return mark;
})();
`;
