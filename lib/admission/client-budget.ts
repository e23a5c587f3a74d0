/**
 * Per-client shares, counted in memory per instance: runs in flight, runs in the last minute,
 * and sandbox CPU (a bucket that refills). Pure: the caller passes the time, so tests need no
 * clock. Instances don't share counts - behind a load balancer a client gets each bound once
 * per instance it reaches, which still bounds what one browser costs the others.
 */
import type { RefusalReason } from "../errors";
import { RUN_CPU_MS } from "./capacity";

export interface ClientBounds {
  /** Units in flight (a Run is one, a whole Check is one): a learner runs while a Check runs. */
  inFlight: number;
  /** Runs started per rolling minute (a Check counts all its runs). */
  perMinute: number;
  /** Sandbox CPU a client may use in a burst, ms. */
  cpuBurstMs: number;
  /** ...and per second once the burst is used up, ms. */
  cpuPerSecondMs: number;
  /**
   * CPU a unit may burn at most: the run's CPU limit. A unit is granted what the bucket holds
   * beyond the grants of the units already running, up to this - so the units in flight
   * together can never freeze worker threads for more than the bucket's worth of CPU.
   */
  cpuReserveMs: number;
  /**
   * The least grant a unit starts with; below it the client waits for the bucket to refill.
   * Lesson programs use 1-30 ms, so a learner never notices - but a client sending busy loops
   * gets, once its burst is spent, short ones: a worker thread stalls for this long, not for a
   * whole CPU limit (what its neighbours on that thread would otherwise wait through).
   */
  cpuFloorMs: number;
}

/**
 * A learner clicking Run or Check never comes near these; a script does. Lesson programs use
 * 1-30 ms of sandbox CPU - a learner runs a few a minute, a few ms/s; a client sending busy loops
 * gets two whole CPU limits from a full bucket, then one loop of 50 ms every 2 s (25 ms/s, about
 * 1% of the workers' threads).
 */
export const CLIENT_BOUNDS: ClientBounds = { inFlight: 2, perMinute: 120, cpuBurstMs: 500, cpuPerSecondMs: 25, cpuReserveMs: RUN_CPU_MS, cpuFloorMs: 50 };

const MINUTE_MS = 60_000;

interface ClientState {
  inFlight: number;
  /** Starts in the last minute, oldest first: [time, runs]. */
  starts: [number, number][];
  /** CPU left in the bucket at `cpuAt` (negative: in debt). */
  cpu: number;
  /** CPU granted to the units in flight, not yet charged. */
  granted: number;
  cpuAt: number;
}

/** `cpuGrantMs`: the CPU limit for each run of the unit (hand it back to `leave`). */
export type Entry = { ok: true; cpuGrantMs: number } | { ok: false; reason: RefusalReason; retryAfterMs: number; bound: number };

export class ClientBudgets {
  private readonly clients = new Map<string, ClientState>();
  private ops = 0;

  constructor(private readonly bounds: ClientBounds = CLIENT_BOUNDS) {}

  /** Enters a unit of `runs` runs for this client, or says why not and when to retry. */
  enter(client: string, now: number, runs = 1): Entry {
    if (++this.ops % 1024 === 0) this.sweep(now);
    const s = this.state(client, now);
    const b = this.bounds;
    if (s.inFlight >= b.inFlight) return { ok: false, reason: "in_flight", retryAfterMs: 2000, bound: b.inFlight };
    // A unit gets what the bucket holds beyond the other units' grants, at least the floor.
    const available = s.cpu - s.granted;
    if (available < b.cpuFloorMs) {
      // With a run going, that run ending is what helps; alone, the bucket refilling.
      if (s.inFlight > 0) return { ok: false, reason: "in_flight", retryAfterMs: 2000, bound: s.inFlight };
      return { ok: false, reason: "cpu", retryAfterMs: ((b.cpuFloorMs - available) / b.cpuPerSecondMs) * 1000, bound: b.cpuBurstMs };
    }
    const cpuGrantMs = Math.min(b.cpuReserveMs, available);
    while (s.starts.length > 0 && s.starts[0]![0] <= now - MINUTE_MS) s.starts.shift();
    let used = s.starts.reduce((n, [, r]) => n + r, 0);
    if (used + runs > b.perMinute) {
      // The earliest moment enough of the window has expired for these runs to fit.
      let i = 0;
      while (i < s.starts.length && used + runs > b.perMinute) used -= s.starts[i++]![1];
      const at = i > 0 ? s.starts[i - 1]![0] + MINUTE_MS : now + MINUTE_MS;
      return { ok: false, reason: "per_minute", retryAfterMs: Math.max(0, at - now), bound: b.perMinute };
    }
    s.starts.push([now, runs]);
    s.inFlight++;
    s.granted += cpuGrantMs;
    return { ok: true, cpuGrantMs };
  }

  /** Ends a unit entered with `enter`, handing back its grant (what it used is charged apart). */
  leave(client: string, cpuGrantMs: number): void {
    const s = this.clients.get(client);
    if (!s || s.inFlight === 0) return;
    s.inFlight--;
    s.granted = s.inFlight === 0 ? 0 : Math.max(0, s.granted - cpuGrantMs);
  }

  /** Charges sandbox CPU a run of this client used (it may leave the bucket in debt). */
  chargeCpu(client: string, now: number, ms: number): void {
    if (!(ms > 0)) return;
    this.state(client, now).cpu -= ms;
  }

  /** Clients with any state (for tests and the sweep). */
  get size(): number {
    return this.clients.size;
  }

  private state(client: string, now: number): ClientState {
    let s = this.clients.get(client);
    if (!s) {
      s = { inFlight: 0, starts: [], cpu: this.bounds.cpuBurstMs, granted: 0, cpuAt: now };
      this.clients.set(client, s);
    }
    s.cpu = Math.min(this.bounds.cpuBurstMs, s.cpu + (Math.max(0, now - s.cpuAt) * this.bounds.cpuPerSecondMs) / 1000);
    s.cpuAt = now;
    return s;
  }

  /** Forgets clients with nothing in flight, nothing in the window and a full bucket. */
  private sweep(now: number): void {
    for (const [client, s] of this.clients) {
      const refilled = s.cpu + ((now - s.cpuAt) * this.bounds.cpuPerSecondMs) / 1000;
      if (s.inFlight === 0 && refilled >= this.bounds.cpuBurstMs && (s.starts.at(-1)?.[0] ?? -Infinity) <= now - MINUTE_MS) this.clients.delete(client);
    }
  }
}
