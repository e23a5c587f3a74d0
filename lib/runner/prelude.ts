/**
 * The guest side of the sandbox: JavaScript evaluated in each fresh QuickJS context before the
 * learner's program. It builds an ioredis-shaped `Redis` class whose methods forward to the
 * host bridge as JSON strings - no host object ever enters the sandbox - plus console (Node's
 * formatting, see guest/), timers, sleep and a `require` that knows only "ioredis". It runs once
 * per sandbox, before the sandbox's memory snapshot (see wasm-snapshot), so its size costs
 * nothing per run.
 */
import { LEARNER_FILE } from "./transpile";
import { ALLOWED, methodKind } from "./allowlist/allowlist";
import { MAP_TAG } from "./bridge/guest-args";
import { INSPECT_JS } from "./guest/inspect";
import { FORMAT_JS } from "./guest/format";
import { CONNECTION_JS } from "./guest/connection";
import { CLIENT_API, PIPELINE_API } from "./guest/surface";
import { BATCHES_JS } from "./guest/batches";
import { notOfferedMessage } from "./guest/messages";
import { CONNECTION_CLOSED } from "../errors";

export const PRELUDE_FILE = "playground-runtime.js";

const lineRe = LEARNER_FILE.replace(/\./g, "\\.");

/** Every allowed method with its kind (1 = connection only, 2 = also inside multi()); batches queue both. */
const ALLOWED_KINDS = JSON.stringify(ALLOWED.map((c) => [c.method, methodKind(c.method)]));
/** The message with placeholders the guest fills in: one home for its words (guest/messages). */
const NOT_OFFERED = JSON.stringify(notOfferedMessage("\u0001", "\u0002"));

export const PRELUDE = `"use strict";
(() => {
  const g = globalThis;
  const ALLOWED = ${ALLOWED_KINDS};
  const KIND = new Map(ALLOWED);
  const CLIENT_API = new Set(${JSON.stringify(CLIENT_API)});
  const PIPELINE_API = new Set(${JSON.stringify(PIPELINE_API)});
  const H = {
    call: g.__call, kind: g.__kind, newConn: g.__newConn, sleep: g.__sleep, cancel: g.__cancelTimer,
    log: g.__log, refuse: g.__refuse, badImport: g.__badImport, uncaught: g.__uncaught,
  };
  for (const k of ["__call", "__kind", "__newConn", "__sleep", "__cancelTimer", "__log", "__refuse", "__badImport", "__uncaught"]) delete g[k];

  const LEARNER_FILE = ${JSON.stringify(LEARNER_FILE)};
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

  // ioredis's reply errors: class SimpleError, name "ReplyError" (Node prints "SimpleError [ReplyError]").
  class ReplyError extends Error {}
  Object.defineProperty(ReplyError.prototype, "name", { value: "ReplyError", writable: true, configurable: true });
  class SimpleError extends ReplyError {}
  // Errors the prelude made carry the learner's line for the host; console output leaves it out.
  const ours = new WeakSet();
  const replyError = (message, line) => {
    const e = new SimpleError(message);
    if (line) { e.line = line; ours.add(e); }
    return e;
  };
  // The command as ioredis records it on its errors: flat string arguments.
  const commandOf = (m, args) => {
    const flat = [];
    for (const a of args) {
      const v = a instanceof Map ? Array.from(a.entries()).flat() : a && typeof a === "object" && !Array.isArray(a) ? Object.entries(a).flat() : a;
      if (Array.isArray(v)) flat.push(...v); else flat.push(v);
    }
    return { name: m, args: flat.map((x) => (x === null || x === undefined ? "" : String(x))) };
  };

  const revive = (v) => {
    if (Array.isArray(v)) return v.map(revive);
    if (v && typeof v === "object") {
      if (typeof v.__error === "string") return replyError(v.__error, 0);
      const o = {};
      for (const k of Object.keys(v)) o[k] = revive(v[k]);
      return o;
    }
    return v;
  };
  const settle = (json, line, m, args) => {
    const r = JSON.parse(json);
    if ("ok" in r) return revive(r.ok);
    const name = r.err.name || "ReplyError";
    const e = name === "ReplyError" ? replyError(r.err.message, line) : new Error(r.err.message);
    if (name === "ReplyError" && m) e.command = commandOf(m, args);
    else if (name !== "ReplyError") { e.name = name; e.line = line; ours.add(e); }
    throw e;
  };
  // A Map crosses the JSON bridge tagged (ioredis takes Maps in mset/hset and friends).
  const encodeMap = (v) => (v instanceof Map ? { ${MAP_TAG}: Array.from(v.entries()) } : v);
  const encodeArgs = (args) => {
    for (const a of args) if (typeof a === "function") throw new TypeError("A callback can only be the last argument, as in redis.get(key, (err, value) => ...) - or use await: const value = await redis.get(key).");
    return args.map((a) => (Array.isArray(a) ? a.map(encodeMap) : encodeMap(a)));
  };
  // ioredis's node-style callbacks: called with (err, result) as the reply arrives; the promise is returned all the same.
  // (No array destructuring on this path: QuickJS runs it through the iterator protocol, per command.)
  const callbackOf = (args) => (args.length > 0 && typeof args[args.length - 1] === "function" ? args[args.length - 1] : undefined);
  const withoutCallback = (args, cb) => (cb ? args.slice(0, -1) : args);
  const withCallback = (p, cb) => {
    if (cb) p.then((r) => { try { cb(null, r); } catch (e) { report(e); } }, (e) => { try { cb(e); } catch (x) { report(x); } });
    return p;
  };
  const send = (msg, line, args) => H.call(JSON.stringify(msg)).then((json) => { settleFor(msg.c); return settle(json, line, msg.m, args); });

  const ids = new WeakMap();
  const idOf = (self) => {
    const id = ids.get(self);
    if (typeof id !== "number") throw new TypeError("This is not a Redis connection. Create one with new Redis().");
    return id;
  };
${CONNECTION_JS}
  // ioredis's words for a command on a connection that was quit.
  const CLOSED = ${JSON.stringify(CONNECTION_CLOSED)};
  const notOffered = (receiver, prop) => function () {
    throw new Error(${NOT_OFFERED}.replace("\\u0001", receiver).replace("\\u0002", prop));
  };

  // Command methods: the allowed ones are made once, when the sandbox is built (its snapshot keeps
  // them), as plain methods on an object in each prototype chain. A proxy at the end of the chain
  // answers every other name: an ioredis method the playground doesn't offer says so; for the
  // rest the host, which owns the allowlist, says whether it is a refused command (3) or no
  // command at all (0, so then/toJSON stay undefined and nothing is thenable).
  const refused = (prop) => function () { H.refuse(prop, where()); return new Promise(() => {}); };
  // receiver: "redis" for a client, "multi" or "pipeline" for a batch.
  const tail = (receiver) => new Proxy(Object.create(null), {
    get(_t, prop) {
      if (typeof prop !== "string") return undefined;
      if ((receiver === "redis" ? CLIENT_API : PIPELINE_API).has(prop) || (prop.endsWith("Buffer") && H.kind(prop.slice(0, -6)) !== 0)) return notOffered(receiver, prop);
      return H.kind(prop) === 3 ? refused(prop) : undefined;
    },
  });
  const direct = (self, prop, args) => {
    const line = where();
    const cb = callbackOf(args);
    const a = withoutCallback(args, cb);
    const id = idOf(self);
    return withCallback(life(id).quit ? Promise.reject(new Error(CLOSED)) : send({ c: id, m: prop, a: encodeArgs(a), l: line }, line, a), cb);
  };
  // A batch queues every allowed command, WATCH too: inside MULTI, Redis itself answers that one.
  const methods = (receiver) => {
    const o = Object.create(tail(receiver));
    for (const [prop] of ALLOWED) {
      const f = receiver !== "redis" ? function (...args) { return queue(this, prop, args); } : function (...args) { return direct(this, prop, args); };
      Object.defineProperty(f, "name", { value: prop });
      o[prop] = f;
    }
    return Object.freeze(o);
  };
  // call("SET", ...) is the named method: the allowlist applies to the command it names.
  const named = (name, line) => {
    const m = String(name).toLowerCase();
    if (KIND.has(m)) return m;
    H.refuse(m, line);
    return undefined;
  };

${BATCHES_JS}
  class Redis {
    constructor() { const id = H.newConn(-1, where()); ids.set(this, id); life(id); }
    duplicate() { const r = Object.create(Redis.prototype); const id = H.newConn(idOf(this), where()); ids.set(r, id); life(id); return r; }
    multi(commands, options) {
      const line = where();
      if (commands && typeof commands === "object" && !Array.isArray(commands)) options = commands;
      // The client's own MULTI: sent now; its commands answer QUEUED until exec() or discard().
      if (options && options.pipeline === false) return send({ c: idOf(this), m: "multi", a: [], l: line }, line, []);
      return batch("multi", idOf(this), line, Array.isArray(commands) ? commands : undefined);
    }
    pipeline(commands) { return batch("pipeline", idOf(this), where(), commands); }
    exec(cb) { return direct(this, "exec", cb ? [cb] : []); }
    discard(cb) { return direct(this, "discard", cb ? [cb] : []); }
    call(name, ...args) {
      const line = where();
      const m = named(name, line);
      if (!m) return new Promise(() => {});
      const cb = callbackOf(args);
      const a = withoutCallback(args, cb);
      const id = idOf(this);
      return withCallback(life(id).quit ? Promise.reject(new Error(CLOSED)) : send({ c: id, m, a: encodeArgs(a), l: line }, line, a), cb);
    }
    quit(cb) {
      const line = where();
      const id = idOf(this);
      if (life(id).quit) return withCallback(Promise.reject(new Error(CLOSED)), cb);
      life(id).quit = true;
      return withCallback(send({ c: id, m: "quit", a: [], l: line }, line, []).then((r) => { closed(id); return r; }), cb);
    }
    disconnect() { const line = where(); const id = idOf(this); if (life(id).quit) return; life(id).quit = true; send({ c: id, m: "quit", a: [], l: line }, line, []).then(() => closed(id), () => {}); }
    get status() { return statusOf(idOf(this)); }
  }
  for (const [k, f] of Object.entries(LISTENER_METHODS)) Object.defineProperty(Redis.prototype, k, { value: f, writable: true, configurable: true });
  Object.setPrototypeOf(Redis.prototype, methods("redis"));
  Object.setPrototypeOf(Transaction.prototype, methods("multi"));
  Object.setPrototypeOf(Pipeline.prototype, methods("pipeline"));
  Redis.ReplyError = ReplyError;
  Redis.Redis = Redis;
  Redis.default = Redis;
  Object.freeze(Redis.prototype);
  Object.freeze(Transaction.prototype);
  Object.freeze(Pipeline.prototype);

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

${INSPECT_JS}
${FORMAT_JS}
  const con = {};
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    con[level] = (...a) => H.log(level === "debug" ? "log" : level, format(a), where());
  }
  con.dir = (v) => H.log("log", inspect(v), where());
  g.console = con;

  const ioredis = Object.freeze({ __esModule: true, default: Redis, Redis, ReplyError });
  g.require = (name) => {
    if (name === "ioredis") return ioredis;
    H.badImport(String(name), where());
    throw new Error("Only ioredis can be imported here.");
  };
  // The sandbox keeps this and hands it to the program (it is nowhere global).
  return mark;
})();
`;
