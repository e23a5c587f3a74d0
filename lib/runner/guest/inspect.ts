/**
 * Guest JavaScript (evaluated inside the prelude's closure): Node's util.inspect, as console.log
 * uses it (depth 2, breakLength 80, compact 3, no colours), ported from Node 20's
 * lib/internal/util/inspect.js so that what a learner prints reads exactly as it does in Node -
 * grouping of long arrays in columns, line breaks, quotes, [Circular *1], errors with their
 * extra properties. Not covered (no learner program needs them): showHidden, getters, proxies,
 * typed arrays, promises' state, custom inspect functions. Defines `inspect(value, opts)`; uses
 * the prelude's ids, ours, Redis, LINE and LEARNER_FILE.
 */
import { INSPECT_ERROR_JS } from "./inspect-error";

export const INSPECT_JS = String.raw`
  const META = [];
  for (let i = 0; i < 0x20; i++) META[i] = "\\x" + i.toString(16).toUpperCase().padStart(2, "0");
  META[8] = "\\b"; META[9] = "\\t"; META[10] = "\\n"; META[11] = "\\x0B"; META[12] = "\\f"; META[13] = "\\r";
  META[39] = "\\'"; META[92] = "\\\\";
  for (let i = 0x7f; i < 0xa0; i++) META[i] = "\\x" + i.toString(16).toUpperCase();
  const strEscape = (str) => {
    let quote = 39;
    if (str.includes("'")) {
      if (!str.includes('"')) quote = -1;
      else if (!str.includes("\u0060") && !str.includes("\${")) quote = -2;
    }
    let out = "";
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      if (c === quote || c === 92 || c < 32 || (c > 126 && c < 160)) {
        out += str.slice(last, i) + META[c];
        last = i + 1;
      }
    }
    out += str.slice(last);
    return quote === -1 ? '"' + out + '"' : quote === -2 ? "\u0060" + out + "\u0060" : "'" + out + "'";
  };
  const formatNumber = (v) => (Object.is(v, -0) ? "-0" : String(v));
  const formatPrimitive = (v, ctx) => {
    if (typeof v === "string") {
      if (v.length > 16 && v.length > ctx.breakLength - ctx.indentationLvl - 4 && v.includes("\n")) {
        const lines = v.split(/(?<=\n)/);
        return lines.map(strEscape).join(" +\n" + " ".repeat(ctx.indentationLvl + 2));
      }
      return strEscape(v);
    }
    if (typeof v === "number") return formatNumber(v);
    if (typeof v === "bigint") return v + "n";
    if (typeof v === "symbol") return v.toString();
    return String(v);
  };
  const isError = (v) => v instanceof Error || Object.prototype.toString.call(v) === "[object Error]";
  const BUILTIN = new Set(["Object", "Array", "Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "Map", "Set", "Date", "RegExp", "Function", "Promise", "Number", "String", "Boolean", "Symbol", "BigInt", "WeakMap", "WeakSet"]);
  const constructorName = (obj) => {
    for (let o = obj; o; o = Object.getPrototypeOf(o)) {
      const d = Object.getOwnPropertyDescriptor(o, "constructor");
      if (d && typeof d.value === "function" && d.value.name !== "" && obj instanceof d.value) return String(d.value.name);
    }
    return Object.getPrototypeOf(obj) === null ? null : "Object";
  };
  const getPrefix = (ctor, tag, fallback, size = "") => {
    if (ctor === null) return tag !== "" && fallback !== tag ? "[" + fallback + size + ": null prototype] [" + tag + "] " : "[" + fallback + size + ": null prototype] ";
    return tag !== "" && ctor !== tag ? ctor + size + " [" + tag + "] " : ctor + size + " ";
  };
  const functionBase = (fn, ctor, tag) => {
    const src = Function.prototype.toString.call(fn);
    if (src.startsWith("class") && src.endsWith("}")) {
      const name = (Object.prototype.hasOwnProperty.call(fn, "name") && fn.name) || "(anonymous)";
      let base = "class " + name;
      if (ctor !== "Function" && ctor !== null) base += " [" + ctor + "]";
      const sup = Object.getPrototypeOf(fn).name;
      if (sup) base += " extends " + sup;
      return "[" + base + "]";
    }
    const protoName = Object.getPrototypeOf(fn) && Object.getPrototypeOf(fn).constructor ? Object.getPrototypeOf(fn).constructor.name : "";
    const type = protoName === "AsyncFunction" || protoName === "GeneratorFunction" || protoName === "AsyncGeneratorFunction" ? protoName : "Function";
    let base = "[" + type + (fn.name === "" ? " (anonymous)" : ": " + fn.name) + "]";
    if (ctor !== type && ctor !== null) base += " " + ctor;
    if (tag !== "" && ctor !== tag) base += " [" + tag + "]";
    return base;
  };
${INSPECT_ERROR_JS}
  const KEY_RE = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const formatProperty = (ctx, value, recurseTimes, key, isArray) => {
    ctx.indentationLvl += 2;
    const str = formatValue(ctx, value[key], recurseTimes);
    ctx.indentationLvl -= 2;
    if (isArray) return str;
    const name = typeof key === "symbol" ? "[" + key.toString() + "]" : KEY_RE.test(key) ? key : strEscape(key);
    return name + ": " + str;
  };
  const moreItems = (n) => "... " + n + " more item" + (n > 1 ? "s" : "");
  const formatArray = (ctx, value, recurseTimes) => {
    const len = Math.min(100, value.length);
    const output = [];
    let holes = 0;
    const flush = () => { if (holes) output.push("<" + holes + " empty item" + (holes > 1 ? "s" : "") + ">"); holes = 0; };
    for (let i = 0; i < len; i++) {
      if (!Object.prototype.hasOwnProperty.call(value, i)) { holes++; continue; }
      flush();
      output.push(formatProperty(ctx, value, recurseTimes, i, true));
    }
    if (value.length > len) {
      for (let i = len; i < value.length && holes; i++) if (!Object.prototype.hasOwnProperty.call(value, i)) holes++; else break;
    }
    flush();
    if (value.length > len) output.push(moreItems(value.length - len));
    return output;
  };
  const groupArrayElements = (ctx, output, value) => {
    let totalLength = 0;
    let maxLength = 0;
    let outputLength = output.length;
    if (100 < output.length) outputLength--;
    const dataLen = [];
    for (let i = 0; i < outputLength; i++) {
      const len = output[i].length;
      dataLen[i] = len;
      totalLength += len + 2;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + 2;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = Math.sqrt(actualMax - totalLength / output.length);
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax), Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax), ctx.compact * 4, 15);
      if (columns <= 1) return output;
      const tmp = [];
      const maxLineLength = [];
      for (let i = 0; i < columns; i++) {
        let lineLength = 0;
        for (let j = i; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
        maxLineLength.push(lineLength + 2);
      }
      let padStart = true;
      if (value !== undefined) {
        for (let i = 0; i < output.length; i++) {
          if (typeof value[i] !== "number" && typeof value[i] !== "bigint") { padStart = false; break; }
        }
      }
      for (let i = 0; i < outputLength; i += columns) {
        const max = Math.min(i + columns, outputLength);
        let str = "";
        let j = i;
        for (; j < max - 1; j++) {
          const cell = output[j] + ", ";
          str += padStart ? cell.padStart(maxLineLength[j - i], " ") : cell.padEnd(maxLineLength[j - i], " ");
        }
        str += padStart ? output[j].padStart(maxLineLength[j - i] - 2, " ") : output[j];
        tmp.push(str);
      }
      if (100 < output.length) tmp.push(output[outputLength]);
      output = tmp;
    }
    return output;
  };
  const isBelowBreakLength = (ctx, output, start, base) => {
    let total = output.length + start;
    if (total + output.length > ctx.breakLength) return false;
    for (const o of output) {
      total += o.length;
      if (total > ctx.breakLength) return false;
    }
    return base === "" || !base.includes("\n");
  };
  const reduceToSingleString = (ctx, output, base, braces, isArray, recurseTimes, value) => {
    const entries = output.length;
    if (isArray && entries > 6) output = groupArrayElements(ctx, output, value);
    if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
      const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
      if (isBelowBreakLength(ctx, output, start, base)) {
        const joined = output.join(", ");
        if (!joined.includes("\n")) return (base ? base + " " : "") + braces[0] + " " + joined + " " + braces[1];
      }
    }
    const ind = "\n" + " ".repeat(ctx.indentationLvl);
    return (base ? base + " " : "") + braces[0] + ind + "  " + output.join("," + ind + "  ") + ind + braces[1];
  };
  const formatRaw = (ctx, value, recurseTimes) => {
    const ctor = constructorName(value);
    let tag = value[Symbol.toStringTag];
    if (typeof tag !== "string" || (tag !== "" && Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag))) tag = "";
    let keys = Object.keys(value);
    let base = "";
    let braces = ["{", "}"];
    let isArray = false;
    let formatter = () => [];
    if (Array.isArray(value)) {
      const prefix = ctor !== "Array" || tag !== "" ? getPrefix(ctor, tag, "Array", "(" + value.length + ")") : "";
      keys = keys.filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
      braces = [prefix + "[", "]"];
      if (value.length === 0 && keys.length === 0) return braces[0] + "]";
      isArray = true;
      formatter = formatArray;
    } else if (value instanceof Set) {
      const prefix = getPrefix(ctor, tag, "Set", "(" + value.size + ")");
      if (value.size === 0 && keys.length === 0) return prefix + "{}";
      braces = [prefix + "{", "}"];
      formatter = (c, v, r) => { c.indentationLvl += 2; const out = Array.from(v, (x) => formatValue(c, x, r)); c.indentationLvl -= 2; return out; };
    } else if (value instanceof Map) {
      const prefix = getPrefix(ctor, tag, "Map", "(" + value.size + ")");
      if (value.size === 0 && keys.length === 0) return prefix + "{}";
      braces = [prefix + "{", "}"];
      formatter = (c, v, r) => { c.indentationLvl += 2; const out = Array.from(v, ([k, x]) => formatValue(c, k, r) + " => " + formatValue(c, x, r)); c.indentationLvl -= 2; return out; };
    } else if (ctor === "Object") {
      if (tag !== "") braces[0] = getPrefix(ctor, tag, "Object") + "{";
      if (keys.length === 0) return braces[0] + "}";
    } else if (typeof value === "function") {
      base = functionBase(value, ctor, tag);
      if (keys.length === 0) return base;
    } else if (value instanceof RegExp) {
      base = RegExp.prototype.toString.call(value);
      if (keys.length === 0 || recurseTimes > ctx.depth) return base;
    } else if (value instanceof Date) {
      base = Number.isNaN(value.getTime()) ? Date.prototype.toString.call(value) : value.toISOString();
      if (keys.length === 0) return base;
    } else if (isError(value)) {
      base = formatError(value, ctor, tag, ctx, keys);
      if (keys.length === 0) return base;
    } else {
      if (keys.length === 0) return getPrefix(ctor, tag, "Object") + "{}";
      braces[0] = getPrefix(ctor, tag, "Object") + "{";
    }
    if (recurseTimes > ctx.depth) {
      const name = getPrefix(ctor, tag, "Object").slice(0, -1);
      return ctor !== null ? "[" + (Array.isArray(value) ? "Array" : name) + "]" : name;
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    const output = formatter(ctx, value, recurseTimes);
    for (const k of keys) output.push(formatProperty(ctx, value, recurseTimes, k, false));
    if (ctx.circular !== undefined) {
      const index = ctx.circular.get(value);
      if (index !== undefined) base = base === "" ? "<ref *" + index + ">" : "<ref *" + index + "> " + base;
    }
    ctx.seen.pop();
    return reduceToSingleString(ctx, output, base, braces, isArray, recurseTimes, value);
  };
  const formatValue = (ctx, value, recurseTimes) => {
    if (typeof value !== "object" && typeof value !== "function") return formatPrimitive(value, ctx);
    if (value === null) return "null";
    if (ids.has(value)) return value instanceof Redis ? "Redis {}" : constructorName(value) + " {}";
    if (ctx.seen.includes(value)) {
      ctx.circular ??= new Map();
      if (!ctx.circular.has(value)) ctx.circular.set(value, ctx.circular.size + 1);
      return "[Circular *" + ctx.circular.get(value) + "]";
    }
    return formatRaw(ctx, value, recurseTimes);
  };
  const inspect = (value, opts) => formatValue({ seen: [], indentationLvl: 0, currentDepth: 0, depth: 2, breakLength: 80, compact: 3, circular: undefined, ...opts }, value, 0);
`;
