/**
 * One QuickJS runtime per run (sync WASM build, promise bridge). The host exposes a handful of
 * functions that take and return strings/numbers only; all of them are wrapped so a host-side
 * exception can never cross into the guest. CPU time is metered around every entry into the
 * guest, and the interrupt handler stops runaway code at the deadline or when the run is ended.
 *
 * Each sandbox owns a WASM instance holding exactly one runtime. After the runtime is built and
 * the prelude evaluated, its memory is snapshotted (see wasm-snapshot); when a run ends the
 * snapshot is written back, so the next run starts in a runtime byte-for-byte as fresh as a new
 * one, without paying the ~1.5 ms of building it again.
 */
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule } from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-wasmfile-release-sync";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PRELUDE, PRELUDE_FILE } from "./prelude";
import { LEARNER_FILE } from "./transpile";
import { methodKind } from "./commands";
import { MemorySnapshot, type EmscriptenMemory } from "./wasm-snapshot";

/** The WASM file compiled once per thread; every sandbox instantiates it with its own memory. */
let compiled: Promise<WebAssembly.Module> | undefined;
function compiledWasm(): Promise<WebAssembly.Module> {
  compiled ??= readFile(createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm")).then((b) => WebAssembly.compile(b));
  return compiled;
}

async function newInstance(): Promise<QuickJSWASMModule> {
  return newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmModule: await compiledWasm() }));
}

/** The Emscripten module behind a QuickJS WASM module (its memory and allocator). */
function emscriptenOf(mod: QuickJSWASMModule): EmscriptenMemory | undefined {
  const m = (mod as unknown as { module?: Partial<EmscriptenMemory> }).module;
  return m && m.HEAPU8 instanceof Uint8Array && typeof m._malloc === "function" && typeof m._free === "function" ? (m as EmscriptenMemory) : undefined;
}

/** Set once snapshots failed repeatedly: sandboxes are then built fresh for every run. */
let snapshotsUnavailable = false;
let captureFailures = 0;

/** What the sandbox asks of its host (the run session). */
export interface SandboxHost {
  call(json: string): Promise<string>;
  newConnection(fromId: number, line: number): number;
  sleep(ms: number, timerId: number): Promise<boolean>;
  cancelTimer(id: number): void;
  log(level: string, text: string, line: number): void;
  refuse(method: string, line: number): void;
  badImport(name: string, line: number): void;
  uncaught(name: string, message: string, line: number, column: number): void;
  /** True once the run must end: the guest is interrupted at its next check. */
  stopped(): boolean;
  /** Called after guest jobs ran, so the host can see whether the program finished. */
  afterJobs(): void;
}

export interface GuestError {
  name: string;
  message: string;
  line?: number;
  column?: number;
}

export type MainState = { state: "pending" } | { state: "fulfilled" } | { state: "rejected"; error: GuestError };

const LINE_COL = new RegExp(`${LEARNER_FILE.replace(".", "\\.")}:(\\d+):(\\d+)`);

/** Placeholder host of a pre-warmed sandbox: the prelude only stores the host functions. */
const IDLE_HOST: SandboxHost = {
  call: () => new Promise(() => {}),
  newConnection: () => -1,
  sleep: () => new Promise(() => {}),
  cancelTimer: () => {},
  log: () => {},
  refuse: () => {},
  badImport: () => {},
  uncaught: () => {},
  stopped: () => false,
  afterJobs: () => {},
};

export class Sandbox {
  private host: SandboxHost = IDLE_HOST;
  private limits = { cpuMs: Number.POSITIVE_INFINITY, memoryBytes: 0 };
  private preludeError?: GuestError;
  private rt: QuickJSRuntime;
  private vm: QuickJSContext;
  /** The runtime right after the prelude. */
  private snapshot?: MemorySnapshot;
  /** The same plus one compiled (not yet run) program, and the handle of its function. */
  private warm?: { js: string; snapshot: MemorySnapshot; fn: QuickJSHandle };
  /** Which snapshot the memory equals now; "dirty" while and after a run, until recycled. */
  private at: "base" | "warm" | "dirty" = "base";
  private main?: QuickJSHandle;
  /** The prelude's line marker, handed to every program (see line-marks). */
  private lineMarker?: QuickJSHandle;
  /** Bumped when a run's guest state is thrown away: late host replies of that run are ignored. */
  private generation = 0;
  private disposed = false;
  /** Host operations the guest is waiting on: the run is not over while any is open. */
  pendingOps = 0;
  private cpuUsed = 0;
  private sliceStart = 0;
  /** Set when the heap outgrew the run's memory limit (the run is then interrupted). */
  memoryExceeded = false;
  private lastMemoryCheck = 0;
  /** Set when a host-side exception escaped the guest: the runtime must not be reused. */
  hostFault?: string;

  /** A sandbox in its own WASM instance, snapshotted when possible so it can be recycled. */
  static async create(): Promise<Sandbox> {
    const mod = await newInstance();
    const sandbox = new Sandbox(mod);
    const em = emscriptenOf(mod);
    if (snapshotsUnavailable || !em || sandbox.preludeError) return sandbox;
    sandbox.snapshot = MemorySnapshot.capture(em);
    if (sandbox.snapshot) {
      captureFailures = 0;
      return sandbox;
    }
    // Capturing probes the allocator, so a failed capture leaves this instance unusable.
    if (++captureFailures >= 3) {
      snapshotsUnavailable = true;
      console.warn("playground: QuickJS memory snapshots are unavailable with this WASM build; building a runtime for every run instead.");
    }
    return new Sandbox(await newInstance());
  }

  /** Whether this sandbox can be recycled (a snapshot of its fresh state exists). */
  get recyclable(): boolean {
    return this.snapshot !== undefined;
  }

  /** Creates the runtime and evaluates the prelude: most of a sandbox's cost, paid once. */
  private constructor(mod: QuickJSWASMModule) {
    this.rt = mod.newRuntime();
    this.rt.setMaxStackSize(256 * 1024);
    this.rt.setInterruptHandler(() => this.host.stopped() || this.cpuExceeded() || this.memoryCheck());
    this.vm = this.rt.newContext();
    this.install();
    const pre = this.vm.evalCode(PRELUDE, PRELUDE_FILE);
    if (pre.error) {
      this.preludeError = this.readError(pre.error);
      pre.error.dispose();
    } else this.lineMarker = pre.value; // never freed: it lives as long as the runtime
    // Created lazily by quickjs-emscripten; made now so that it is part of the snapshot.
    this.rt.computeMemoryUsage().dispose();
  }

  /** Binds the sandbox to one run. */
  attach(host: SandboxHost, limits: { cpuMs: number; memoryBytes: number }): this {
    this.host = host;
    this.limits = limits;
    this.rt.setMemoryLimit(limits.memoryBytes);
    return this;
  }

  get cpuMs(): number {
    return this.cpuUsed;
  }

  cpuExceeded(): boolean {
    return this.cpuUsed + (this.sliceStart ? performance.now() - this.sliceStart : 0) > this.limits.cpuMs;
  }

  /**
   * QuickJS's own malloc limit is nearly blind in this WASM build (malloc_usable_size is
   * unavailable, so it counts allocations, not bytes), so the heap is measured instead - every
   * 25 ms of sandbox CPU, which costs little for a normal program and stops a memory bomb early.
   */
  private memoryCheck(): boolean {
    const cpu = this.cpuUsed + (this.sliceStart ? performance.now() - this.sliceStart : 0);
    if (cpu - this.lastMemoryCheck < 25) return false;
    this.lastMemoryCheck = cpu;
    return this.overMemory();
  }

  private overMemory(): boolean {
    if (this.memoryExceeded) return true;
    const h = this.rt.computeMemoryUsage();
    // The handle lives in the runtime's service context; values are shared within a runtime.
    const used = this.vm.getProp(h, "memory_used_size").consume((v) => this.vm.getNumber(v));
    h.dispose();
    this.memoryExceeded = used > this.limits.memoryBytes;
    return this.memoryExceeded;
  }

  /** The program whose compiled form this sandbox keeps (see start), if any. */
  get warmProgram(): string | undefined {
    return this.warm?.js;
  }

  /**
   * Compiles the transpiled program (a function expression) and calls it; returns the error if
   * it could not even start. With `keepCompiled`, the compiled program is snapshotted first: the
   * next run of the same program in this sandbox starts from there and skips compiling (QuickJS
   * compiles ~1 KB of code in ~0.2 ms in WASM). A different program always starts from the
   * prelude-only snapshot, so no trace of another program's code is ever in its runtime.
   */
  start(programJs: string, keepCompiled = false): GuestError | undefined {
    if (this.preludeError) return this.preludeError;
    let fn: QuickJSHandle;
    if (this.warm && this.warm.js === programJs && this.at === "warm") fn = this.warm.fn;
    else {
      if (this.at === "warm" && !this.snapshot?.restore()) return { name: "InternalError", message: "sandbox restore failed" };
      this.at = "base";
      const res = this.metered(() => this.vm.evalCode(programJs, LEARNER_FILE));
      if (res.error) {
        const e = this.readError(res.error);
        res.error.dispose();
        return e;
      }
      fn = res.value;
      const warm = keepCompiled ? this.snapshot?.derive() : undefined;
      // The handle stays valid exactly as long as memory equals this snapshot: it is never freed.
      this.warm = warm ? { js: programJs, snapshot: warm, fn } : this.warm;
    }
    this.at = "dirty";
    const res = this.metered(() => this.vm.callFunction(fn, this.vm.undefined, this.lineMarker ?? this.vm.undefined));
    if (res.error) {
      const e = this.readError(res.error);
      res.error.dispose();
      return e;
    }
    this.main = res.value;
    this.runJobs();
    return undefined;
  }

  mainState(): MainState {
    if (!this.main || this.disposed) return { state: "pending" };
    const s = this.vm.getPromiseState(this.main);
    if (s.type === "pending") return { state: "pending" };
    if (s.type === "fulfilled") {
      if (!s.notAPromise) s.value.dispose();
      return { state: "fulfilled" };
    }
    const error = this.readError(s.error);
    s.error.dispose();
    return { state: "rejected", error };
  }

  /**
   * Ends the run inside the sandbox. Returns true when the runtime is back to its fresh state and
   * may serve another run; false when it must be dropped (no snapshot, a host fault, or a run
   * that went where a restore can't vouch for it).
   */
  recycle(): boolean {
    if (this.disposed) return false;
    // Handles of this run point into memory the restore rewrites: forget them, never free them.
    this.generation++;
    this.main = undefined;
    this.host = IDLE_HOST;
    this.pendingOps = 0;
    this.cpuUsed = 0;
    this.sliceStart = 0;
    this.lastMemoryCheck = 0;
    this.memoryExceeded = false;
    // Back to the compiled program when there is one (the next run is likely the same program).
    const back = this.warm?.snapshot ?? this.snapshot;
    if (this.hostFault || !back?.restore()) {
      this.disposed = true;
      return false;
    }
    this.at = this.warm ? "warm" : "base";
    return true;
  }

  /** Test aid: whether the runtime's memory is exactly the snapshot it was recycled to. */
  matchesSnapshot(): boolean {
    return (this.at === "warm" ? this.warm?.snapshot : this.snapshot)?.matchesExactly() ?? false;
  }

  /**
   * Drops the sandbox. Its WASM instance (memory and all) goes with the last reference, so
   * nothing is freed inside it - which also makes dropping a runtime in any state safe.
   */
  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.main = undefined;
  }

  private runJobs(): void {
    if (this.disposed) return;
    const r = this.metered(() => this.rt.executePendingJobs());
    if (r.error) r.error.dispose();
    this.host.afterJobs();
  }

  private metered<T>(fn: () => T): T {
    this.sliceStart = performance.now();
    try {
      return fn();
    } finally {
      this.cpuUsed += performance.now() - this.sliceStart;
      this.sliceStart = 0;
    }
  }

  private readError(h: QuickJSHandle): GuestError {
    const d = this.vm.dump(h) as unknown;
    if (d && typeof d === "object") {
      const o = d as Record<string, unknown>;
      const stack = typeof o.stack === "string" ? o.stack : "";
      const m = LINE_COL.exec(stack);
      const line = typeof o.line === "number" && o.line > 0 ? o.line : m ? Number(m[1]) : typeof o.lineNumber === "number" ? o.lineNumber : undefined;
      return {
        name: typeof o.name === "string" ? o.name : "Error",
        message: typeof o.message === "string" ? o.message : String(d),
        line,
        column: m && (!o.line || Number(m[1]) === o.line) ? Number(m[2]) : undefined,
      };
    }
    return { name: "Error", message: String(d) };
  }

  /** Host functions: strings and numbers in, strings/numbers/promises of strings out. */
  private install(): void {
    const vm = this.vm;
    const fn = (name: string, impl: (...args: QuickJSHandle[]) => QuickJSHandle | undefined) => {
      const h = vm.newFunction(name, (...args) => {
        try {
          return impl(...args);
        } catch (e) {
          this.hostFault = e instanceof Error ? e.message : String(e);
          return undefined;
        }
      });
      vm.setProp(vm.global, name, h);
      h.dispose();
    };
    const str = (h: QuickJSHandle | undefined) => (h ? String(vm.getString(h)) : "");
    const num = (h: QuickJSHandle | undefined) => (h ? Number(vm.getNumber(h)) : 0);

    const promise = <T>(work: Promise<T>, encode: (v: T) => QuickJSHandle) => {
      const d = vm.newPromise();
      const generation = this.generation;
      this.pendingOps++;
      work.then(
        (v) => {
          if (this.disposed || generation !== this.generation) return;
          const h = encode(v);
          d.resolve(h);
          h.dispose();
          d.dispose();
          // Counted down only after the guest saw the value, so "nothing pending" really means idle.
          this.pendingOps--;
          this.runJobs();
        },
        () => {
          // Host operations never reject (they resolve to {ok}/{err}); a rejection here is a bug
          // we contain: the guest promise stays pending and the run ends through its host.
        },
      );
      return d.handle;
    };

    fn("__call", (json) => promise(this.host.call(str(json)), (s) => vm.newString(s)));
    fn("__kind", (name) => vm.newNumber(methodKind(str(name))));
    fn("__newConn", (from, line) => vm.newNumber(this.host.newConnection(num(from), num(line))));
    fn("__sleep", (ms, id) => promise(this.host.sleep(num(ms), num(id)), (b) => (b ? vm.true : vm.false)));
    fn("__cancelTimer", (id) => {
      this.host.cancelTimer(num(id));
      return undefined;
    });
    fn("__log", (level, text, line) => {
      this.host.log(str(level), str(text), num(line));
      return undefined;
    });
    fn("__refuse", (m, line) => {
      this.host.refuse(str(m), num(line));
      return undefined;
    });
    fn("__badImport", (name, line) => {
      this.host.badImport(str(name), num(line));
      return undefined;
    });
    fn("__uncaught", (name, message, line, column) => {
      this.host.uncaught(str(name), str(message), num(line), num(column));
      return undefined;
    });
  }
}
