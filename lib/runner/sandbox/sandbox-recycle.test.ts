// A recycled sandbox must be indistinguishable from a new one: its memory is restored from the
// snapshot byte for byte, and nothing a program did is visible to the next. These tests drive a
// Sandbox directly with a small recording host (no Redis is involved at this level).
import { describe, expect, it } from "vitest";
import { newQuickJSWASMModuleFromVariant } from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-wasmfile-release-sync";
import { Sandbox } from "./sandbox";
import type { SandboxHost } from "./host";
import { MemorySnapshot, type EmscriptenMemory } from "./wasm-snapshot";
import { transpile } from "../transpile";

class RecordingHost implements SandboxHost {
  lines: string[] = [];
  errors: string[] = [];
  private stop = false;
  call = () => new Promise<string>(() => {});
  newConnection = () => 0;
  sleep = (ms: number) => new Promise<boolean>((r) => setTimeout(() => r(true), ms));
  cancelTimer = () => {};
  log = (_level: string, text: string) => void this.lines.push(text);
  refuse = (m: string) => void this.errors.push(`refused ${m}`);
  badImport = (m: string) => void this.errors.push(`import ${m}`);
  uncaught = (_n: string, message: string) => void this.errors.push(message);
  stopped = () => this.stop;
  afterJobs = () => {};
  end() {
    this.stop = true;
  }
}

const LIMITS = { cpuMs: 2000, memoryBytes: 8 << 20 };

/** Runs a program to completion (or failure) in the given sandbox; returns what it printed. */
async function runIn(sandbox: Sandbox, source: string, keepCompiled = false): Promise<{ lines: string[]; error?: string }> {
  const host = new RecordingHost();
  sandbox.attach(host, LIMITS);
  const js = transpile(source);
  if (!js.ok) throw new Error(js.error.message);
  const startErr = sandbox.start(js.code, keepCompiled);
  if (startErr) return { lines: host.lines, error: startErr.message };
  for (let i = 0; i < 40; i++) {
    const st = sandbox.mainState();
    if (st.state === "rejected") return { lines: host.lines, error: st.error.message };
    if (st.state === "fulfilled") return { lines: host.lines };
    await new Promise((r) => setTimeout(r, 5));
  }
  host.end();
  return { lines: host.lines, error: "did not finish" };
}

describe("recycled sandboxes", () => {
  it("are snapshotted with this QuickJS build (else every run would build a runtime again)", async () => {
    const s = await Sandbox.create();
    expect(s.recyclable).toBe(true);
    expect(s.recycle()).toBe(true);
    expect(s.matchesSnapshot()).toBe(true);
  });

  it("forget globals, prototype changes and console patches of the previous program", async () => {
    const s = await Sandbox.create();
    const first = await runIn(
      s,
      `globalThis.leak = "secret";
       Array.prototype.includes = () => true;
       Object.prototype.polluted = 1;
       JSON.parse = () => "hijacked";
       console.log = () => {};
       console.error("patched");`,
    );
    expect(first.error).toBeUndefined();
    expect(s.recycle()).toBe(true);
    expect(s.matchesSnapshot()).toBe(true);
    const second = await runIn(s, `console.log(typeof leak, [1].includes(2), ({}).polluted, JSON.parse("1"));`);
    expect(second).toEqual({ lines: ["undefined false undefined 1"] });
  });

  it("come back exact after a memory-hungry program, a stack overflow and an unfinished one", async () => {
    const s = await Sandbox.create();
    const programs: [string, RegExp | undefined][] = [
      [`const keep = []; for (let i = 0; i < 2000; i++) keep.push("x".repeat(100) + i); console.log(keep.length);`, undefined],
      [`const f = (n) => f(n + 1) + 1; f(0);`, /stack overflow|call stack/i],
      [`await new Promise(() => {});`, /did not finish/],
      [`const big = new Array(200000).fill(7); console.log(big.length);`, undefined],
    ];
    for (const [p, error] of programs) {
      const res = await runIn(s, p);
      if (error) expect(res.error).toMatch(error);
      else expect(res.error).toBeUndefined();
      expect(s.recycle(), p).toBe(true);
      expect(s.matchesSnapshot(), p).toBe(true);
    }
    expect(await runIn(s, `console.log("still fine", 1 + 1);`)).toEqual({ lines: ["still fine 2"] });
  });

  it("are dropped, not reused, after a host fault", async () => {
    const s = await Sandbox.create();
    s.hostFault = "simulated";
    expect(s.recycle()).toBe(false);
  });

  it("can be captured even when the allocator already has megabytes free at the top", async () => {
    const mod = await newQuickJSWASMModuleFromVariant(variant);
    const vm = mod.newRuntime().newContext();
    // Allocate a lot and drop it: the freed space stays with the allocator, so a small probe
    // allocation would not move the program break.
    const churn = vm.evalCode("{ let x = []; for (let i = 0; i < 60000; i++) x.push({ i, s: 'v' + i }); x = null; }");
    if (churn.error) churn.error.dispose();
    else churn.value.dispose();
    const snapshot = MemorySnapshot.capture((mod as unknown as { module: EmscriptenMemory }).module);
    expect(snapshot).toBeDefined();
    expect(snapshot!.matchesExactly()).toBe(true);
    const again = vm.evalCode("[1, 2, 3].map((n) => n * 2).join()");
    expect(again.error).toBeUndefined();
    expect(snapshot!.restore()).toBe(true);
    expect(snapshot!.matchesExactly()).toBe(true);
  });

  it("keep a repeated program compiled, and restore its pre-run state exactly between runs", async () => {
    const s = await Sandbox.create();
    const p = `globalThis.count = (globalThis.count ?? 0) + 1; Array.prototype.x = 1; console.log("count", count, [].x);`;
    const js = transpile(p);
    if (!js.ok) throw new Error("transpile");
    expect(await runIn(s, p, true)).toEqual({ lines: ["count 1 1"] });
    expect(s.recycle()).toBe(true);
    expect(s.warmProgram).toBe(js.code);
    expect(s.matchesSnapshot()).toBe(true);
    // Starts from the compiled program, with none of the first run's effects.
    expect(await runIn(s, p, true)).toEqual({ lines: ["count 1 1"] });
    expect(s.recycle()).toBe(true);
    // Another program starts from the prelude-only state, then the kept one still works.
    expect(await runIn(s, `console.log(typeof count, [].x);`)).toEqual({ lines: ["undefined undefined"] });
    expect(s.recycle()).toBe(true);
    expect(s.matchesSnapshot()).toBe(true);
    expect(await runIn(s, p, true)).toEqual({ lines: ["count 1 1"] });
  });
});
