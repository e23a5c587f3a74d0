/** console.* as Node formats it (util.format / util.inspect): what lessons' expected lines rely on. */
import { program } from "./program";

const FMT = "console formatting";

export const CONSOLE_PROGRAMS = [
  program({ name: "console-specifiers", origin: `${FMT}: format specifiers` }, `
    console.log("%s has %d points", "ann", 5);
    console.log("%i and %f", 42.9, "3.5");
    console.log("%j", { a: [1, "x"] });
    console.log("%o and %O", { a: 1 }, { b: { c: { d: { e: 1 } } } });
    console.log("100%% sure", "extra", 7);
    console.log("%c styled", "color: red");
    console.log("%s", null, undefined, "%s");
    console.log("%d", "abc", "%x", 1n);
    console.log("%s", { a: 1 }, ["x"], 12345678901234567890n, Symbol("s"));
    console.log("no args %s");
    console.log(5, "%s", "x");
  `),
  program({ name: "console-values", origin: `${FMT}: primitives and strings` }, `
    console.log("plain", 1, -0, 0.1 + 0.2, NaN, Infinity, true, null, undefined, 10n);
    console.log(["it's", 'say "hi"', "both ' and \\"", "line\\nbreak", "tab\\t", ""]);
    console.log({ "key with space": 1, valid_id: 2, 3: "num", "it's": 4 });
    console.log([undefined, null, NaN, -0, [], {}]);
    console.log(Symbol("tag"), [Symbol.iterator]);
    console.log(function named() {}, () => 1, class Point {}, [async function a() {}]);
  `),
  program({ name: "console-nested", origin: `${FMT}: nesting, depth and line breaks` }, `
    console.log({ a: { b: { c: { d: { e: 1 } } } } });
    console.log([[[[["deep"]]]]]);
    console.log({ user: { name: "Ann", tags: ["a", "b"], scores: [1, 2, 3] }, active: true, count: 3 });
    console.log({ aaaaaaaaaa: "aaaaaaaaaaaaaaaa", bbbbbbbbbb: "bbbbbbbbbbbbbbbbbbb", cccccccccc: "cccccccccccccccccccc" });
    console.log([{ id: 1, name: "one" }, { id: 2, name: "two" }, { id: 3, name: "three" }, { id: 4, name: "four" }]);
    const circ: Record<string, unknown> = { name: "loop" };
    circ.self = circ;
    console.log(circ);
  `),
  program({ name: "console-arrays", origin: `${FMT}: long arrays are grouped in columns` }, `
    console.log(Array.from({ length: 10 }, (_, i) => i));
    console.log(Array.from({ length: 30 }, (_, i) => i * 37));
    console.log(Array.from({ length: 120 }, (_, i) => i));
    console.log(Array.from({ length: 8 }, (_, i) => "item-" + i));
    console.log(["a", "b"], [1, , 3], new Array(5));
    console.log(Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 5 + 1)));
  `),
  program({ name: "console-collections", origin: `${FMT}: Map, Set, Date, RegExp, class instances` }, `
    console.log(new Map([["a", 1], ["b", { c: 2 }]]), new Set([1, "two", [3]]));
    console.log(new Map(), new Set(), [new Map([[1, 2]])]);
    console.log(new Date(0), /re+gex/gi, [new Date(86400000)]);
    class Point { constructor(public x: number, public y: number) {} }
    console.log(new Point(1, 2), [new Point(3, 4)]);
    console.log(Object.create(null), new (class Empty {})());
    console.log({ f() {}, g: () => 2, n: null });
  `),
  program({ name: "console-errors", origin: `${FMT}: errors, with and without extra properties` }, `
    const e = new Error("boom");
    console.log(e);
    console.log(e.message, String(e));
    const t = new TypeError("bad type");
    console.log({ error: t });
    const withCode = Object.assign(new Error("has code"), { code: "E_CODE", detail: { n: 1 } });
    console.log(withCode);
    class MyError extends Error {}
    console.log(new MyError("custom"));
    const renamed = new Error("renamed");
    renamed.name = "WatchError";
    console.log(renamed);
    console.log([new RangeError("in array")]);
  `),
  program({ name: "console-levels", origin: `${FMT}: every console method in order` }, `
    console.log("log", 1);
    console.error("error", { a: 1 });
    console.warn("warn %s", "formatted");
    console.info("info");
    console.debug("debug", [1]);
    console.log();
    console.log("");
    console.log("multi\\nline");
    console.log(JSON.stringify({ a: 1, b: [1, 2] }), JSON.stringify({ a: 1 }, null, 2));
  `),
];
