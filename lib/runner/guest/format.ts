/**
 * Guest JavaScript (inside the prelude's closure, after INSPECT_JS): Node's util.format, which
 * console.log applies to its arguments - the specifiers %s %d %i %f %j %o %O %c %%, then every
 * further argument inspected (strings as they are), joined by spaces. Defines `format(args)`.
 * %o is Node's %O with depth 4 (Node also shows hidden properties there; rarely seen in logs).
 */
export const FORMAT_JS = String.raw`
  const hasBuiltInToString = (v) => {
    if (typeof v.toString !== "function") return true;
    if (Object.prototype.hasOwnProperty.call(v, "toString")) return false;
    let p = v;
    do { p = Object.getPrototypeOf(p); } while (p && !Object.prototype.hasOwnProperty.call(p, "toString"));
    const d = p && Object.getOwnPropertyDescriptor(p, "constructor");
    return d !== undefined && typeof d.value === "function" && BUILTIN.has(d.value.name);
  };
  const tryStringify = (v) => {
    try { return JSON.stringify(v); } catch (e) { if (/circular/i.test(String(e && e.message))) return "[Circular]"; throw e; }
  };
  const numberish = (v, parse) => (typeof v === "bigint" ? v + "n" : typeof v === "symbol" ? "NaN" : formatNumber(parse(v)));
  const format = (args) => {
    const first = args[0];
    let a = 0;
    let str = "";
    let join = "";
    if (typeof first === "string") {
      if (args.length === 1) return first;
      let lastPos = 0;
      let temp;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue;
        const next = first.charCodeAt(++i);
        if (a + 1 !== args.length) {
          switch (next) {
            case 115: {
              const v = args[++a];
              if (typeof v === "number") temp = formatNumber(v);
              else if (typeof v === "bigint") temp = v + "n";
              else if (typeof v !== "object" || v === null || !hasBuiltInToString(v)) temp = String(v);
              else temp = inspect(v, { depth: 0 });
              break;
            }
            case 106: temp = tryStringify(args[++a]); break;
            case 100: temp = numberish(args[++a], Number); break;
            case 79: temp = inspect(args[++a]); break;
            case 111: temp = inspect(args[++a], { depth: 4 }); break;
            case 105: temp = numberish(args[++a], (v) => Number.parseInt(v)); break;
            case 102: temp = typeof args[a + 1] === "symbol" ? (a++, "NaN") : formatNumber(Number.parseFloat(args[++a])); break;
            case 99: a += 1; temp = ""; break;
            case 37: str += first.slice(lastPos, i); lastPos = i + 1; continue;
            default: continue;
          }
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
          str += temp;
          lastPos = i + 1;
        } else if (next === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        }
      }
      if (lastPos !== 0) {
        a++;
        join = " ";
        if (lastPos < first.length) str += first.slice(lastPos);
      }
    }
    while (a < args.length) {
      const v = args[a];
      str += join + (typeof v !== "string" ? inspect(v) : v);
      join = " ";
      a++;
    }
    return str;
  };
`;
