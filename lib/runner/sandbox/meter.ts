/**
 * Where the CPU and memory limits are enforced: time is measured around every entry into the
 * guest (a slice), and QuickJS's interrupt handler (called often while guest code runs) stops
 * the guest once its CPU time passed the run's limit, its heap outgrew the run's memory, or its
 * host ended the run.
 *
 * A slice's CPU is never counted below what it used, and never blamed on someone else's load:
 * a short slice counts its wall time (an upper bound, and free to take); a slice that runs
 * longer than SHORT_SLICE_MS counts the lesser of its wall time and what the thread's own CPU
 * clock (thread-cpu.ts) advanced since a reading taken at most CLOCK_FRESH_MS before the slice
 * began - both upper bounds of its CPU, the clock a close one. So on a busy machine a program is
 * stopped for the CPU it used, not for the minutes the scheduler gave to other processes.
 */
import type { QuickJSContext, QuickJSRuntime } from "quickjs-emscripten-core";
import { threadCpuMs } from "./thread-cpu";

/** Sandbox CPU between two heap measurements, ms. */
const MEMORY_CHECK_EVERY_MS = 25;

/** Slices up to this long count their wall time; nearly every slice of a lesson program is shorter. */
const SHORT_SLICE_MS = 5;

/**
 * How old the thread clock's last reading may be when a slice starts (it is read again if
 * older), and how often a long slice reads it: what a long slice may be overcharged by, and
 * what keeps the reads rare (a read costs 5-25 us).
 */
const CLOCK_FRESH_MS = 5;

/** The thread clock's last reading, for every sandbox of this thread: wall and CPU, ms. */
const lastReading = { wall: Number.NEGATIVE_INFINITY, cpu: 0, available: true };

function readClock(wall: number): void {
  const cpu = threadCpuMs();
  if (cpu === undefined) lastReading.available = false;
  else Object.assign(lastReading, { wall, cpu });
}

export class GuestMeter {
  private limits = { cpuMs: Number.POSITIVE_INFINITY, memoryBytes: 0 };
  private used = 0;
  /** Wall time of the run's slices: how long it held the thread, however busy the machine. */
  private held = 0;
  private sliceStart = 0;
  /** The thread clock's reading the running slice is measured from (undefined: no clock here). */
  private sliceClockBase: number | undefined;
  /** A long slice's CPU as of its last clock reading, and that reading's wall time. */
  private sliceCharged = { wall: 0, cpu: 0 };
  private lastMemoryCheck = 0;
  /** Set when the heap outgrew the run's memory limit (the run is then interrupted). */
  memoryExceeded = false;
  /** Set once the CPU limit was found passed: the guest is being stopped for it, whatever comes later. */
  private cpuStopped = false;

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
    this.held = 0;
    this.sliceStart = 0;
    this.lastMemoryCheck = 0;
    this.memoryExceeded = false;
    this.cpuStopped = false;
  }

  /** Sandbox CPU of the run so far, ms. */
  get cpuMs(): number {
    return this.used;
  }

  /** How long the run's guest code held the thread so far (its slices' wall time), ms. */
  get heldMs(): number {
    return this.held;
  }

  /** Runs `fn` inside the guest, counting its time. */
  metered<T>(fn: () => T): T {
    const start = performance.now();
    if (lastReading.available && start - lastReading.wall > CLOCK_FRESH_MS) readClock(start);
    this.sliceClockBase = lastReading.available ? lastReading.cpu : undefined;
    this.sliceCharged = { wall: start, cpu: 0 };
    this.sliceStart = start;
    try {
      return fn();
    } finally {
      this.used += this.sliceCpu(true);
      this.held += performance.now() - start;
      this.sliceStart = 0;
    }
  }

  cpuExceeded(): boolean {
    if (this.cpuStopped) return true;
    // Between two clock readings a long slice counts wall time: before stopping the guest on
    // that estimate, the clock is read.
    this.cpuStopped = this.now() > this.limits.cpuMs && (!this.sliceStart || this.used + this.sliceCpu(true) > this.limits.cpuMs);
    return this.cpuStopped;
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
    return this.used + (this.sliceStart ? this.sliceCpu(false) : 0);
  }

  /**
   * The running slice's CPU: its wall time while short; then the lesser of its wall time and the
   * thread clock since `sliceClockBase`, read every CLOCK_FRESH_MS (or now: `readNow`), with the
   * wall time since the last reading added in between.
   */
  private sliceCpu(readNow: boolean): number {
    const wall = performance.now();
    const elapsed = wall - this.sliceStart;
    if (elapsed <= SHORT_SLICE_MS || this.sliceClockBase === undefined) return elapsed;
    if (readNow || wall - this.sliceCharged.wall >= CLOCK_FRESH_MS) {
      readClock(wall);
      if (!lastReading.available) return elapsed;
      this.sliceCharged = { wall, cpu: Math.min(elapsed, lastReading.cpu - this.sliceClockBase) };
      return this.sliceCharged.cpu;
    }
    return Math.min(elapsed, this.sliceCharged.cpu + (wall - this.sliceCharged.wall));
  }
}
