/**
 * A byte-exact snapshot of a QuickJS WASM instance's linear memory, taken right after its
 * runtime was built and the prelude evaluated, and written back after every run. A restored
 * instance is the freshly built runtime again - same heap, same allocator state, nothing a
 * previous program did survives - for ~50 µs of copying instead of ~1.5 ms of building
 * (QuickJS compiles slowly in WASM, and the prelude is most of a sandbox's cost).
 * The same idea as Wizer or Javy's pre-initialised snapshots, applied at run time.
 *
 * Emscripten's memory layout (static data, then a 5 MB C stack growing down, then the malloc
 * heap growing up from the stack's top) lets us copy only what can change:
 *   [0, dataEnd)            static data, incl. the allocator's state and its sbrk pointer;
 *   [zoneLo, top)           the top of the stack (where calls run) and the heap as built - its
 *                           deep end, still all zeros when captured, is only zeroed where dirty,
 *                           so neither the snapshot nor an instance that never went that deep
 *                           holds memory for it;
 *   [top, break after run)  whatever the run allocated beyond the snapshot: zeroed.
 * The stack below zoneLo is never written: QuickJS stops recursion far earlier (the runtime's
 * max stack size), and a guard band just below zoneLo proves it after every run.
 */

/** The parts of an Emscripten module instance a snapshot needs. */
export interface EmscriptenMemory {
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(ptr: number): void;
}

/** A zero run at least this long separates static data from the stack's top. */
const GAP_MIN = 1 << 20;
/**
 * How much of the stack below the heap is restored: QuickJS's own limit (the runtime's max stack
 * size, 256 KB) plus room for the C frames around it. Deeper means the guard band is dirty.
 */
const STACK_ZONE = 384 << 10;
/** Must still be zero after a run, or the stack reached memory we don't restore. */
const GUARD = 4096;
/** A run that grew the heap more than this is not worth zeroing: its instance is dropped. */
const MAX_GROWTH = 16 << 20;
const PROBE_BYTES = 256 << 10;
const PROBE_MAX = 16 << 20;

export class MemorySnapshot {
  private constructor(
    private readonly mod: EmscriptenMemory,
    private readonly data: Uint8Array,
    /** The zone from its first non-zero byte (`zoneLo + lead`) to `top`. */
    private readonly zone: Uint8Array,
    private readonly zoneLo: number,
    private readonly lead: number,
    private readonly top: number,
    private readonly sbrkAddr: number,
  ) {}

  /**
   * Snapshots the instance as it is now. Returns undefined when the memory doesn't look like the
   * layout above (another build of the WASM file): callers then build a fresh runtime per run.
   */
  static capture(mod: EmscriptenMemory): MemorySnapshot | undefined {
    const mem = mod.HEAPU8;
    const gap = findZeroRun(mem, 0, mem.length, GAP_MIN, true);
    if (!gap) return undefined;
    const [dataEnd, heapLo] = gap;
    // The heap as built is far smaller than a megabyte, so the first megabyte of zeros after its
    // start is the untouched rest of the memory (found without reading all 16 MB of it).
    const top = findZeroRun(mem, heapLo, mem.length, GAP_MIN, false)?.[0] ?? mem.length;
    const zoneLo = Math.max(dataEnd + GUARD, heapLo - STACK_ZONE);
    // Copied before the probe below, which allocates (and may grow the memory).
    const data = mem.slice(0, dataEnd);
    const lead = leadingZeroBlocks(mem, zoneLo, top);
    const zone = mem.slice(zoneLo + lead, top);
    const sbrkAddr = findSbrkPointer(mod, dataEnd, top);
    // No usable pointer: the probe left the allocator moved, so this instance must not be used.
    if (sbrkAddr === undefined) return undefined;
    const snapshot = new MemorySnapshot(mod, data, zone, zoneLo, lead, top, sbrkAddr);
    // The probe moved the allocator: put everything back before anyone uses the instance.
    return snapshot.restore() ? snapshot : undefined;
  }

  /**
   * A second snapshot of the same instance as it is now (after more was built on top of this
   * one, such as a compiled program). Restoring either one is exact.
   */
  derive(): MemorySnapshot | undefined {
    const mem = this.mod.HEAPU8;
    const brk = readU32(mem, this.sbrkAddr);
    if (brk < this.top || brk - this.top > MAX_GROWTH || brk > mem.length) return undefined;
    const lead = leadingZeroBlocks(mem, this.zoneLo, brk);
    return new MemorySnapshot(this.mod, mem.slice(0, this.data.length), mem.slice(this.zoneLo + lead, brk), this.zoneLo, lead, brk, this.sbrkAddr);
  }

  /**
   * Writes the snapshot back. False when the run went somewhere a restore can't vouch for (the
   * stack past the guard band, a huge heap): the instance must then be thrown away.
   */
  restore(): boolean {
    const mem = this.mod.HEAPU8;
    const brk = readU32(mem, this.sbrkAddr);
    if (brk < this.top || brk - this.top > MAX_GROWTH || brk > mem.length) return false;
    if (!isZero(mem, this.zoneLo - GUARD, this.zoneLo)) return false;
    mem.set(this.data, 0);
    zeroDirtyBlocks(mem, this.zoneLo, this.zoneLo + this.lead, true);
    mem.set(this.zone, this.zoneLo + this.lead);
    zeroDirtyBlocks(mem, this.top, brk);
    return true;
  }

  /** Test aid: true when every byte of the memory equals the snapshot (zero beyond it). */
  matchesExactly(): boolean {
    const mem = this.mod.HEAPU8;
    for (let i = 0; i < this.data.length; i++) if (mem[i] !== this.data[i]) return false;
    if (!isZero(mem, this.data.length, this.zoneLo + this.lead)) return false;
    for (let i = 0; i < this.zone.length; i++) if (mem[this.zoneLo + this.lead + i] !== this.zone[i]) return false;
    return isZero(mem, this.top, mem.length);
  }
}

/**
 * Finds the allocator's program break (sbrk) pointer: the one word in static data that jumps past
 * a large allocation when one is made. The allocation must outgrow the free space the allocator
 * already has, so it doubles until the break moves. Exactly one candidate, or none at all.
 */
function findSbrkPointer(mod: EmscriptenMemory, dataEnd: number, top: number): number | undefined {
  const before = mod.HEAPU8;
  // The break is at or past every byte in use, and within the memory.
  const candidates = new Map<number, number>();
  for (let a = 0; a + 4 <= dataEnd; a += 4) {
    const v = readU32(before, a);
    if (v >= top && v <= before.length) candidates.set(a, v);
  }
  for (let size = PROBE_BYTES; size <= PROBE_MAX; size *= 4) {
    const p = mod._malloc(size);
    if (!p) return undefined;
    const after = mod.HEAPU8; // a new view if the memory grew
    const hits = [...candidates].filter(([a, v]) => {
      const now = readU32(after, a);
      return now !== v && now >= p + size && now <= after.length;
    });
    mod._free(p);
    if (hits.length === 1) return hits[0]![0];
    if (hits.length > 1) return undefined;
  }
  return undefined;
}

function readU32(mem: Uint8Array, addr: number): number {
  return (mem[addr]! | (mem[addr + 1]! << 8) | (mem[addr + 2]! << 16) | (mem[addr + 3]! << 24)) >>> 0;
}

/** Memory is compared and zeroed in blocks of a page, so a page is either skipped or written whole. */
const BLOCK = 4096;
/** Zeros to compare memory against (memcmp speed; reading untouched pages doesn't commit them). */
const ZEROS = Buffer.alloc(STACK_ZONE);

/** A Buffer over the memory as it is now (for native compares; memory growth makes a new one). */
function bytesOf(mem: Uint8Array): Buffer {
  return Buffer.from(mem.buffer, mem.byteOffset, mem.length);
}

/** Whether [at, at + len) is all zeros (len at most ZEROS.length), compared natively. */
function zeroAt(bytes: Buffer, at: number, len: number): boolean {
  return bytes.compare(ZEROS, 0, len, at, at + len) === 0;
}

function isZero(mem: Uint8Array, from: number, to: number): boolean {
  const bytes = bytesOf(mem);
  for (let at = from; at < to; at += ZEROS.length) if (!zeroAt(bytes, at, Math.min(ZEROS.length, to - at))) return false;
  return true;
}

/**
 * Zeroes [from, to), writing only blocks that aren't zero already: pages nobody wrote stay
 * uncommitted (the allocator's probe spans pages it never touched), and comparing is cheap.
 */
function zeroDirtyBlocks(mem: Uint8Array, from: number, to: number, mostlyClean = false): void {
  // Where a run rarely writes (the deep stack), one compare of the whole span usually settles it.
  if (mostlyClean && isZero(mem, from, to)) return;
  const bytes = bytesOf(mem);
  for (let at = from; at < to; ) {
    const end = Math.min(to, (Math.floor(at / BLOCK) + 1) * BLOCK);
    if (!zeroAt(bytes, at, end - at)) mem.fill(0, at, end);
    at = end;
  }
}

/** How many bytes from `from` on are zero, in whole blocks (never past `to`). */
function leadingZeroBlocks(mem: Uint8Array, from: number, to: number): number {
  const bytes = bytesOf(mem);
  let at = from;
  while (at + BLOCK <= to && zeroAt(bytes, at, BLOCK)) at += BLOCK;
  return at - from;
}

/**
 * The first run of zero bytes at least `min` long in [from, to), as [start, end): the end is
 * where the zeros stop when `toItsEnd`, else the run is reported as soon as it is long enough.
 */
function findZeroRun(mem: Uint8Array, from: number, to: number, min: number, toItsEnd: boolean): [number, number] | undefined {
  // Whole zero blocks are skipped with native compares (the stack gap is 5 MB); the rest is
  // scanned word-wise (4-byte aligned), which is precise enough for a gap of a megabyte.
  const bytes = bytesOf(mem);
  const words = new Uint32Array(mem.buffer, mem.byteOffset, mem.length >>> 2);
  let start = -1;
  let w = from >>> 2;
  const end = to >>> 2;
  while (w < end) {
    const at = w * 4;
    if (start >= 0 && !toItsEnd && at - start * 4 >= min) return [start * 4, at];
    if (at % BLOCK === 0 && at + BLOCK <= to && zeroAt(bytes, at, BLOCK)) {
      if (start < 0) start = w;
      w += BLOCK / 4;
      continue;
    }
    if (words[w] === 0) {
      if (start < 0) start = w;
    } else if (start >= 0) {
      if ((w - start) * 4 >= min) return [start * 4, w * 4];
      start = -1;
    }
    w++;
  }
  return start >= 0 && (end - start) * 4 >= min ? [start * 4, end * 4] : undefined;
}
