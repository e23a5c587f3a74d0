/**
 * Guest JavaScript (inside the prelude's closure): a connection's life as ioredis shows it -
 * `status` ("connecting", then "connect" and "ready", "end" after quit) and its events. "connect"
 * and "ready" fire a moment after the client is made and always before its first reply arrives;
 * "close" and "end" fire just after quit() resolves. The playground's connections don't fail
 * on their own (a Redis outage ends the whole run), so "error" is accepted and never fires.
 * Defines `life(id)`, `opened(id)`, `settleFor(id)`, `closed(id)`, `statusOf(id)` and LISTENER_METHODS; uses the
 * prelude's H, idOf and report.
 */
export const CONNECTION_JS = String.raw`
  const lives = new Map();
  // Every connection in the order it was made (ids only grow), and how far ready() has got in
  // it: the list is walked once per run, not once per reply - a run may open hundreds.
  const order = [];
  let nextInOrder = 0;
  const life = (id) => {
    let l = lives.get(id);
    if (!l) { l = { status: "connecting", listeners: new Map() }; lives.set(id, l); order.push(id); }
    return l;
  };
  const emit = (l, event, args) => {
    const list = l.listeners.get(event);
    if (!list || list.length === 0) return false;
    for (const entry of list.slice()) {
      if (entry.once) { const i = list.indexOf(entry); if (i !== -1) list.splice(i, 1); }
      try { entry.fn.apply(entry.self, args); } catch (e) { report(e); }
    }
    return true;
  };
  const becomeReady = (l) => {
    l.status = "connect";
    emit(l, "connect", []);
    if (l.status !== "connect") return;
    l.status = "ready";
    emit(l, "ready", []);
  };
  // Connections become ready in the order they were made, as they do over one loopback.
  const ready = (id) => {
    if (life(id).status !== "connecting") return;
    while (nextInOrder < order.length && order[nextInOrder] <= id) {
      const l = lives.get(order[nextInOrder++]);
      if (l.status === "connecting") becomeReady(l);
    }
  };
  // Scheduled once someone could notice (a listener, a look at status): a run whose program
  // never asks costs no timer per connection.
  const opened = (id) => {
    const l = life(id);
    if (l.scheduled || l.status !== "connecting") return;
    l.scheduled = true;
    H.sleep(0, 0).then(() => ready(id));
  };
  // Run before a reply of this connection reaches the program: ioredis is ready before it answers.
  const settleFor = (id) => ready(id);
  // A quit connection ends a moment later, as ioredis's socket closes just after quit's reply.
  // Only someone who could notice - a close/end listener, a look at status - costs the host
  // timer: a run waits for its timers, and this one (~1 ms) would delay every run ending in quit().
  const end = (id) => {
    const l = life(id);
    if (l.status === "end") return;
    ready(id);
    l.status = "end";
    emit(l, "close", []);
    emit(l, "end", []);
  };
  const endSoon = (id) => {
    const l = life(id);
    if (!l.closing || l.ending) return;
    l.ending = true;
    H.sleep(0, 0).then(() => end(id));
  };
  const watchesClose = (l) => ["close", "end"].some((e) => (l.listeners.get(e) || []).length > 0);
  const clock = Date.now.bind(Date);
  const closed = (id) => {
    const l = life(id);
    l.closing = true;
    l.closedAt = clock();
    if (watchesClose(l)) endSoon(id);
  };
  // A look at status long after quit (as ioredis, "end" within a millisecond or two) needs no wait.
  const statusOf = (id) => {
    opened(id);
    const l = life(id);
    if (l.closing && !l.ending && clock() - l.closedAt > 1) end(id);
    else endSoon(id);
    return l.status;
  };
  const listen = (self, event, fn, once, prepend) => {
    if (typeof fn !== "function") throw new TypeError('The "listener" argument must be of type function. Received ' + (fn === null ? "null" : typeof fn));
    const id = idOf(self);
    const l = life(id);
    opened(id);
    const list = l.listeners.get(event) || [];
    const entry = { fn, once, self };
    if (prepend) list.unshift(entry); else list.push(entry);
    l.listeners.set(event, list);
    if (event === "close" || event === "end") endSoon(id);
    return self;
  };
  const unlisten = (self, event, fn) => {
    const list = life(idOf(self)).listeners.get(event);
    if (list) { const i = list.findIndex((e) => e.fn === fn); if (i !== -1) list.splice(i, 1); }
    return self;
  };
  const LISTENER_METHODS = {
    on(event, fn) { return listen(this, event, fn, false, false); },
    addListener(event, fn) { return listen(this, event, fn, false, false); },
    prependListener(event, fn) { return listen(this, event, fn, false, true); },
    once(event, fn) { return listen(this, event, fn, true, false); },
    prependOnceListener(event, fn) { return listen(this, event, fn, true, true); },
    off(event, fn) { return unlisten(this, event, fn); },
    removeListener(event, fn) { return unlisten(this, event, fn); },
    removeAllListeners(event) { const l = life(idOf(this)); if (event === undefined) l.listeners.clear(); else l.listeners.delete(event); return this; },
    listenerCount(event) { const list = life(idOf(this)).listeners.get(event); return list ? list.length : 0; },
    listeners(event) { return (life(idOf(this)).listeners.get(event) || []).map((e) => e.fn); },
    eventNames() { return Array.from(life(idOf(this)).listeners.entries()).filter(([, v]) => v.length > 0).map(([k]) => k); },
    emit(event, ...args) { return emit(life(idOf(this)), event, args); },
  };
`;
