import { describe, expect, it } from "vitest";
import { run } from "../test-support";

const open = `import Redis from "ioredis";\nconst r = new Redis();\n`;

describe("limits end the run with a clear message, and the next run works", () => {
  it("wall time", async () => {
    const r = await run(`${open}await sleep(5000);`, { limits: { wallMs: 300 } });
    expect(r.status).toBe("timeout");
    expect(r.error?.code).toBe("timeout");
    expect(r.error?.message).toMatch(/more than 0.3 s/);
  });

  it("CPU: while (true) {}", async () => {
    const t = performance.now();
    const r = await run(`let i = 0;\nwhile (true) { i++; }`, { limits: { cpuMs: 200 } });
    expect(r.status).toBe("limit");
    expect(r.error?.code).toBe("cpu_limit");
    expect(r.error?.message).toMatch(/loop that never ends/);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it("CPU: a busy loop after an await is stopped too", async () => {
    const r = await run(`${open}await r.ping();\nfor (;;) {}`, { limits: { cpuMs: 200 } });
    expect(r.error?.code).toBe("cpu_limit");
  });

  it("sandbox memory", async () => {
    // Arrays, not strings: QuickJS concatenates long strings as ropes that share their parts.
    const r = await run(`const a: number[][] = [];\nfor (;;) a.push(new Array(1000).fill(a.length));`, { limits: { memoryBytes: 8 * 1024 * 1024 } });
    expect(r.status).toBe("limit");
    expect(r.error?.code).toBe("memory_limit");
    expect(r.error?.message).toMatch(/MB of memory/);
  });

  it("Redis commands per run", async () => {
    const r = await run(`${open}for (;;) await r.get("k");`, { limits: { commands: 50 } });
    expect(r.error?.code).toBe("command_limit");
    expect(r.error?.line).toBe(3);
    expect(r.trace.events.filter((e) => e.kind === "command")).toHaveLength(50);
  });

  it("connections per run", async () => {
    const r = await run(`${open}const more = [1, 2, 3].map(() => r.duplicate());\nfor (const m of more) await m.ping();`, { limits: { connections: 3 } });
    expect(r.error?.code).toBe("connection_limit");
    expect(r.error?.line).toBe(3);
  });

  it("bytes written per run", async () => {
    const r = await run(`${open}for (let i = 0; ; i++) await r.set("big:" + i, "x".repeat(4000));`, { limits: { bytesWritten: 20_000 }, inspectKeys: ["big:0"] });
    expect(r.error?.code).toBe("write_limit");
  });

  it("output size", async () => {
    const r = await run(`for (;;) console.log("spam spam spam");`, { limits: { outputChars: 1000 } });
    expect(r.error?.code).toBe("output_limit");
    expect(r.output.join("\n").length).toBeLessThanOrEqual(1000);
  });

  it("code size", async () => {
    const r = await run(`// ${"x".repeat(70_000)}`);
    expect(r.error?.code).toBe("code_limit");
  });

  it("a program that awaits a promise that never settles is ended, not hung", async () => {
    const r = await run(`await new Promise(() => {});`);
    expect(r.status).toBe("error");
    expect(r.error?.message).toMatch(/never resolves/);
  });

  it("after all that, a normal run works", async () => {
    const r = await run(`${open}await r.set("a", "1");\nconsole.log(await r.incr("a"));`);
    expect(r.status).toBe("ok");
    expect(r.output).toEqual(["2"]);
  });
});
