/**
 * Where the CPU and memory limits are enforced: time is measured around every entry into the
 * guest, and QuickJS's interrupt handler (called often while guest code runs) stops the guest
 * once its CPU time passed the run's limit, its heap outgrew the run's memory, or its host
 * ended the run.
 */
import type { QuickJSContext, QuickJSRuntime } from "quickjs-emscripten-core";

/** Sandbox CPU between two heap measurements, ms. */
const MEMORY_CHECK_EVERY_MS = 25;

export class GuestMeter {
  private limits = { cpuMs: Number.POSITIVE_INFINITY, memoryBytes: 0 };
  private used = 0;
  private sliceStart = 0;
  private lastMemoryCheck = 0;
  /** Set when the heap outgrew the run's memory limit (the run is then interrupted). */
  memoryExceeded = false;

  constructor(
    private readonly rt: QuickJSRuntime,
    private readonly vm: QuickJSContext,
  ) {}

  /** The run's limits, from when it is attached. */
  limitTo(limits: { cpuMs: number; memoryBytes: number }): void {
    this.limits = limits;
  }

  /** Counts from zero again (the sandbox was recycled). */
  reset(): void {
    this.used = 0;
    this.sliceStart = 0;
    this.lastMemoryCheck = 0;
    this.memoryExceeded = false;
  }

  /** Sandbox CPU of the run so far, ms. */
  get cpuMs(): number {
    return this.used;
  }

  /** Runs `fn` inside the guest, counting its time. */
  metered<T>(fn: () => T): T {
    this.sliceStart = performance.now();
    try {
      return fn();
    } finally {
      this.used += performance.now() - this.sliceStart;
      this.sliceStart = 0;
    }
  }

  cpuExceeded(): boolean {
    return this.now() > this.limits.cpuMs;
  }

  /**
   * QuickJS's own malloc limit is nearly blind in this WASM build (malloc_usable_size is
   * unavailable, so it counts allocations, not bytes), so the heap is measured instead - every
   * MEMORY_CHECK_EVERY_MS of sandbox CPU, which costs little for a normal program and stops a
   * memory bomb early.
   */
  memoryCheck(): boolean {
    const cpu = this.now();
    if (cpu - this.lastMemoryCheck < MEMORY_CHECK_EVERY_MS) return false;
    this.lastMemoryCheck = cpu;
    if (this.memoryExceeded) return true;
    const h = this.rt.computeMemoryUsage();
    // The handle lives in the runtime's service context; values are shared within a runtime.
    const used = this.vm.getProp(h, "memory_used_size").consume((v) => this.vm.getNumber(v));
    h.dispose();
    this.memoryExceeded = used > this.limits.memoryBytes;
    return this.memoryExceeded;
  }

  /** CPU so far, the slice running now included. */
  private now(): number {
    return this.used + (this.sliceStart ? performance.now() - this.sliceStart : 0);
  }
}
