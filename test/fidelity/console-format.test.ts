/**
 * The guest's console formatting (lib/runner/guest/inspect.ts, format.ts) against Node's own
 * util.format, value by value: each case is one JavaScript expression giving console.log's
 * arguments, evaluated in Node and in a bare QuickJS context holding just the guest code.
 */
import { format } from "node:util";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { getQuickJS, type QuickJSContext } from "quickjs-emscripten";
import { INSPECT_JS } from "../../lib/runner/guest/inspect";
import { FORMAT_JS } from "../../lib/runner/guest/format";

const CASES = [
  `["%s has %d points", "ann", 5]`,
  `["%i|%f|%d|%d", "42.9px", "3.5e2", "x", 7n]`,
  `["%j %j", { a: [1, "x"] }, "s"]`,
  `["%O", { b: { c: { d: { e: 1 } } } }]`,
  `["%o", { b: { c: { d: { e: { f: 1 } } } } }]`,
  `["%s %s %s", { a: 1 }, [1, [2, [3]]], new Error("in %s")]`,
  `["%%s %c|%x", "color: red"]`,
  `["trailing %s"]`,
  `["%s", "a", "b", 3]`,
  `[1, "two", null, undefined, -0, 1e21, 2n, true]`,
  `[["it's", 'say "hi"', "both ' and \\" and \`", "tab\\tnl\\n", "\\u0001\\u007f"]]`,
  `[{ "a-b": 1, "3": 2, _ok: 3, "it's": 4, "": 5 }]`,
  `[{ a: { b: { c: { d: 1 } } }, arr: [[[[1]]]] }]`,
  `[Array.from({ length: 7 }, (_, i) => i)]`,
  `[Array.from({ length: 27 }, (_, i) => i * 1001)]`,
  `[Array.from({ length: 101 }, (_, i) => i)]`,
  `[Array.from({ length: 12 }, (_, i) => "w".repeat(i + 1))]`,
  `[Array.from({ length: 9 }, (_, i) => ({ id: i }))]`,
  `[[1, , 3, , , 6], new Array(3), [undefined, null]]`,
  `[new Map([["k", [1, 2]], [{ o: 1 }, "v"]]), new Set(["a", { b: 2 }]), new Map(), new Set()]`,
  `[{ m: new Map([[1, new Set([1])]]) }]`,
  `[Object.create(null), Object.assign(Object.create(null), { x: 1 })]`,
  `[(() => { class P { constructor() { this.x = 1; } } return [new P(), P, new (class {})()]; })()]`,
  `[function f() {}, () => 0, async function g() {}, function* h() {}, { method() {} }]`,
  `[new Date(0), new Date(NaN), /a+b/gi, [Symbol("s"), Symbol.iterator]]`,
  `[(() => { const o = { name: "o" }; o.self = o; o.list = [o]; return o; })()]`,
  `[{ long: "x".repeat(90) }, ["y".repeat(30), "z".repeat(30), "w".repeat(30)]]`,
  `[{ text: "line one\\nline two\\nline three is a bit longer than the others are" }]`,
  `[{ a: 1, b: "two", c: [3, 4], d: { e: 5 }, f: null, g: undefined, h: true, i: "eight", j: 9 }]`,
];

let vm: QuickJSContext | undefined;
async function guest(): Promise<QuickJSContext> {
  if (vm) return vm;
  const ctx = (await getQuickJS()).newContext();
  const r = ctx.evalCode(`
    const ids = new WeakMap(); const ours = new WeakSet(); class Redis {};
    const LEARNER_FILE = "learner.ts"; const LINE = /learner\\.ts:(\\d+)/;
    ${INSPECT_JS}
    ${FORMAT_JS}
    globalThis.__format = (src) => format((0, eval)(src));
  `);
  ctx.unwrapResult(r).dispose();
  vm = ctx;
  return ctx;
}
afterAll(() => vm?.dispose());

describe("console formatting matches Node's util.format", () => {
  for (const src of CASES) {
    it(src.length > 70 ? `${src.slice(0, 67)}...` : src, async () => {
      const ctx = await guest();
      const fn = ctx.getProp(ctx.global, "__format");
      const arg = ctx.newString(src);
      const out = ctx.dump(ctx.unwrapResult(ctx.callFunction(fn, ctx.undefined, arg)));
      arg.dispose();
      fn.dispose();
      const expected = format(...(runInNewContext(src) as unknown[]));
      // Stack frames name host files in Node; the text around them is compared.
      const frames = (s: string) => s.replace(/\n\s+at [^\n]*/g, "");
      expect(frames(String(out))).toBe(frames(expected));
    });
  }
});
