/**
 * Guest JavaScript (inside the prelude's closure): the batches ioredis builds on a client -
 * multi() (a transaction, sent as MULTI ... EXEC when exec() is called) and pipeline() (commands
 * sent together, no atomicity, with inline multi()/exec() inside). Both queue commands, chained
 * or step by step or from an array, and send nothing until their own exec(). As in ioredis,
 * discard() on a multi() only queues DISCARD; multi({ pipeline: false }) is the client's own
 * MULTI, answered at once, after which its commands answer QUEUED until redis.exec().
 * Defines Transaction, Pipeline and `batch(kind, conn, line, commands)`; uses the prelude's helpers.
 */
import { TRANSACTION_SENT_MESSAGE } from "./messages";

export const BATCHES_JS = String.raw`
  const queue = (b, prop, args) => {
    const cb = callbackOf(args);
    const a = withoutCallback(args, cb);
    const st = ids.get(b);
    st.queue.push({ m: prop, a: encodeArgs(a), l: where() });
    st.callbacks.push(cb);
    st.shown.push(a);
    return b;
  };
  const fromArray = (b, commands) => {
    if (!Array.isArray(commands)) return;
    for (const c of commands) {
      if (!Array.isArray(c) || c.length === 0) throw new TypeError("Each command is an array: [name, ...args], as in [\"set\", \"foo\", \"bar\"].");
      const m = String(c[0]).toLowerCase();
      if (m === "multi") ids.get(b).open++;
      else if (m === "exec" && ids.get(b).open > 0) ids.get(b).open--;
      queue(b, m, c.slice(1));
    }
  };
  // Each queued command's callback hears its own answer before exec() resolves.
  const answer = (st, i, err, res) => {
    const cb = st.callbacks[i];
    if (!cb) return;
    try { err ? cb(err) : cb(null, res); } catch (e) { report(e); }
  };
  const sendBatch = (b, m) => {
    const st = ids.get(b);
    const line = where();
    if (st.used) return Promise.reject(new Error(${JSON.stringify(TRANSACTION_SENT_MESSAGE)}));
    st.used = true;
    const msg = { c: st.conn, m, q: st.queue, l: line, ml: st.line };
    const raw = H.call(JSON.stringify(msg)).then((json) => { settleFor(st.conn); return JSON.parse(json); });
    return raw.then((r) => {
      if ("err" in r) {
        const e = replyError(r.err.message, line);
        e.command = { name: "exec", args: [] };
        // EXECABORT: the commands Redis rejected while queuing, in order.
        const previous = (r.err.previous || []).map((p, i) => {
          if (p === null || p === undefined) return null;
          const pe = replyError(p, 0);
          pe.command = commandOf(st.queue[i].m, st.shown[i]);
          return pe;
        });
        e.previousErrors = previous.filter((p) => p !== null);
        st.queue.forEach((_q, i) => answer(st, i, previous[i], "QUEUED"));
        throw e;
      }
      const res = revive(r.ok);
      if (m === "pipeline" && Array.isArray(res)) {
        res.forEach((pair, i) => {
          if (pair[0]) pair[0].command = commandOf(st.queue[i].m, st.shown[i]);
          answer(st, i, pair[0], pair[1]);
        });
      } else if (m === "exec") st.queue.forEach((_q, i) => answer(st, i, null, "QUEUED"));
      return res;
    });
  };

  class Transaction {
    constructor(conn, line) { ids.set(this, { conn, line, queue: [], callbacks: [], shown: [], used: false, open: 0 }); }
    get length() { return ids.get(this).queue.length + 1; }
    call(name, ...args) { return queue(this, String(name).toLowerCase(), args); }
    exec(cb) { return withCallback(sendBatch(this, "exec"), cb); }
    discard(...args) { return queue(this, "discard", args); }
  }
  class Pipeline {
    constructor(conn, line) { ids.set(this, { conn, line, queue: [], callbacks: [], shown: [], used: false, open: 0 }); }
    get length() { return ids.get(this).queue.length; }
    call(name, ...args) { return queue(this, String(name).toLowerCase(), args); }
    multi(...args) { ids.get(this).open++; return queue(this, "multi", args); }
    discard(...args) { const st = ids.get(this); if (st.open > 0) st.open--; return queue(this, "discard", args); }
    exec(...args) {
      const st = ids.get(this);
      // Inside the pipeline's own multi(), exec() is queued like any command (ioredis does the same).
      if (st.open > 0) { st.open--; return queue(this, "exec", args); }
      return withCallback(sendBatch(this, "pipeline"), args[0]);
    }
  }
  const batch = (kind, conn, line, commands) => {
    const b = kind === "pipeline" ? new Pipeline(conn, line) : new Transaction(conn, line);
    fromArray(b, commands);
    return b;
  };
`;
