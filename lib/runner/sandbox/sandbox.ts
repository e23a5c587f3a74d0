/**
 * One QuickJS runtime per run (sync WASM build, promise bridge), in a WASM instance of its own.
 * After the runtime is built and the prelude evaluated, its memory is snapshotted (see
 * wasm-snapshot); when a run ends the snapshot is written back, so the next run starts in a
 * runtime byte-for-byte as fresh as a new one, without paying the ~1.5 ms of building it again.
 * The limits are enforced in meter.ts, the host functions live in host-functions.ts.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from "quickjs-emscripten-core";
import { PRELUDE, PRELUDE_FILE } from "../prelude";
import { LEARNER_FILE } from "../transpile";
import { readGuestError } from "./guest-error";
import { IDLE_HOST, type GuestError, type MainState, type SandboxHost } from "./host";
import { installHostFunctions, type HostFunctionOwner } from "./host-functions";
import { GuestMeter } from "./meter";
import { captureAttempted, snapshotsAllowed } from "./snapshot-policy";
import { emscriptenOf, newInstance } from "./wasm";
import { MemorySnapshot } from "./wasm-snapshot";

export class Sandbox implements HostFunctionOwner {
  host: SandboxHost = IDLE_HOST;
  private preludeError?: GuestError;
  private readonly rt: QuickJSRuntime;
  private readonly vm: QuickJSContext;
  private readonly meter: GuestMeter;
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
  /** Set when a host-side exception escaped the guest: the runtime must not be reused. */
  hostFault?: string;

  /** A sandbox in its own WASM instance, snapshotted when possible so it can be recycled. */
  static async create(): Promise<Sandbox> {
    const mod = await newInstance();
    const sandbox = new Sandbox(mod);
    const em = emscriptenOf(mod);
    if (!snapshotsAllowed() || !em || sandbox.preludeError) return sandbox;
    sandbox.snapshot = MemorySnapshot.capture(em);
    captureAttempted(sandbox.snapshot !== undefined);
    // Capturing probes the allocator, so a failed capture leaves this instance unusable.
    return sandbox.snapshot ? sandbox : new Sandbox(await newInstance());
  }

  /** Creates the runtime and evaluates the prelude: most of a sandbox's cost, paid once. */
  private constructor(mod: QuickJSWASMModule) {
    this.rt = mod.newRuntime();
    this.rt.setMaxStackSize(256 * 1024);
    this.vm = this.rt.newContext();
    this.meter = new GuestMeter(this.rt, this.vm);
    this.rt.setInterruptHandler(() => this.host.stopped() || this.meter.cpuExceeded() || this.meter.memoryCheck());
    installHostFunctions(this.vm, this);
    const pre = this.vm.evalCode(PRELUDE, PRELUDE_FILE);
    if (pre.error) {
      this.preludeError = readGuestError(this.vm, pre.error);
      pre.error.dispose();
    } else this.lineMarker = pre.value; // never freed: it lives as long as the runtime
    // Created lazily by quickjs-emscripten; made now so that it is part of the snapshot.
    this.rt.computeMemoryUsage().dispose();
  }

  /** Whether this sandbox can be recycled (a snapshot of its fresh state exists). */
  get recyclable(): boolean {
    return this.snapshot !== undefined;
  }

  /** Binds the sandbox to one run. */
  attach(host: SandboxHost, limits: { cpuMs: number; memoryBytes: number }): this {
    this.host = host;
    this.meter.limitTo(limits);
    this.rt.setMemoryLimit(limits.memoryBytes);
    return this;
  }

  get cpuMs(): number {
    return this.meter.cpuMs;
  }

  /** How long this run's guest code held the thread (wall time), ms. */
  get heldMs(): number {
    return this.meter.heldMs;
  }

  cpuExceeded(): boolean {
    return this.meter.cpuExceeded();
  }

  /** Set when the heap outgrew the run's memory limit (the run is then interrupted). */
  get memoryExceeded(): boolean {
    return this.meter.memoryExceeded;
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
      const res = this.meter.metered(() => this.vm.evalCode(programJs, LEARNER_FILE));
      if (res.error) return this.consumeError(res.error);
      fn = res.value;
      const warm = keepCompiled ? this.snapshot?.derive() : undefined;
      // The handle stays valid exactly as long as memory equals this snapshot: it is never freed.
      this.warm = warm ? { js: programJs, snapshot: warm, fn } : this.warm;
    }
    this.at = "dirty";
    const res = this.meter.metered(() => this.vm.callFunction(fn, this.vm.undefined, this.lineMarker ?? this.vm.undefined));
    if (res.error) return this.consumeError(res.error);
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
    return { state: "rejected", error: this.consumeError(s.error) };
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
    this.meter.reset();
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

  fault(message: string): void {
    this.hostFault = message;
  }

  guestPromise<T>(work: Promise<T>, encode: (v: T) => QuickJSHandle): QuickJSHandle {
    const d = this.vm.newPromise();
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
  }

  private runJobs(): void {
    if (this.disposed) return;
    const r = this.meter.metered(() => this.rt.executePendingJobs());
    if (r.error) r.error.dispose();
    this.host.afterJobs();
  }

  private consumeError(h: QuickJSHandle): GuestError {
    const e = readGuestError(this.vm, h);
    h.dispose();
    return e;
  }
}
