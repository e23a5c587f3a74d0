/**
 * Guest JavaScript (part of INSPECT_JS): how Node's util.inspect prints an error - its stack,
 * opened by "name: message", the class shown when it differs from the name
 * ("SimpleError [ReplyError]: ..."), indented with its nesting, and its own properties after it.
 * The frames are the learner's lines (Node's would name host files). Defines `formatError`.
 */
export const INSPECT_ERROR_JS = String.raw`
  // QuickJS's err.stack holds only the frames; V8's opens with "name: message" as they are
  // when the stack is first read - for a log, now.
  const stackOf = (err) => {
    const name = err.name === undefined ? "Error" : String(err.name);
    const msg = err.message === undefined ? "" : String(err.message);
    const head = msg ? (name ? name + ": " + msg : msg) : name;
    const frames = String(err.stack || "").split("\n").filter((l) => LINE.test(l)).map((l) => "    at " + l.trim().replace(/^at /, ""));
    if (frames.length === 0) frames.push("    at " + LEARNER_FILE + ":" + (typeof err.line === "number" ? err.line : 1));
    return head + "\n" + frames.join("\n");
  };
  const formatError = (err, ctor, tag, ctx, keys) => {
    const name = err.name != null ? String(err.name) : "Error";
    let stack = stackOf(err);
    if (ours.has(err) && keys.includes("line")) keys.splice(keys.indexOf("line"), 1);
    for (const k of ["name", "message", "stack"]) {
      const i = keys.indexOf(k);
      if (i !== -1 && typeof err[k] === "string" && stack.includes(err[k])) keys.splice(i, 1);
    }
    if ("cause" in err && !keys.includes("cause")) keys.push("cause");
    const len = name.length;
    if (ctor === null || (name.endsWith("Error") && stack.startsWith(name) && (stack.length === len || stack[len] === ":" || stack[len] === "\n"))) {
      const prefix = getPrefix(ctor, tag, "Error").slice(0, -1);
      if (name !== prefix) stack = prefix.includes(name) ? prefix + stack.slice(len) : prefix + " [" + name + "]" + stack.slice(len);
    }
    if (ctx.indentationLvl !== 0) stack = stack.replace(/\n/g, "\n" + " ".repeat(ctx.indentationLvl));
    return stack;
  };
`;
