/**
 * Schedule plans: the run is interleaved step by step, as `choices` says - the engine of the
 * race lab's explorer and of the grader's schedule exploration.
 *
 * - A lane is one trace client: each "other client" of the plan (opened first, so they are A,
 *   B, ...) and each connection the program opens, in creation order.
 * - Every bridge call of every lane waits at this gate; one bridge call is one step (a chained
 *   multi()...exec() or pipeline()...exec() is one). An "other client" lane has its commands
 *   pending from the start and sends them one per step.
 * - Whenever the run is quiescent - every guest call still open is held here, nothing of the
 *   schedule is in flight to Redis - the next letter releases that lane's oldest pending call.
 *   A guest timer (setTimeout, sleep) counts as open work: the gate waits for it to fire, so a
 *   program that polls with timers while another lane is held ends at its wall limit.
 * - A letter naming a lane with nothing pending fails the run (bad_request: the schedule does not fit the program).
 * - Choices used up: `pause` ends the run right there (nothing more is sent; RunResult.schedule
 *   says paused and lists each lane's next command), `finish` goes on until the program ends:
 *   the lane that went last goes on while it has a command waiting, else the lowest pending
 *   letter (no lane is preempted - the grader's exploration counts preemptions from there); with
 *   a `seed`, each step picks a pending lane at random instead (seeded, so still replayable -
 *   and `taken` spells out what it chose).
 *
 * At most 26 lanes (A-Z): a run under a schedule that opens more fails.
 *
 * Since only one step is ever in flight, the same program, setup and plan give the same trace
 * (modulo times) and the same final values on every run, on any instance.
 */
import type { TraceRecorder } from "../recorder/trace-recorder";
import type { RunConnection } from "../bridge/connections";
import { scheduleMismatch, tooManyLanes } from "../../errors";
import type { ScheduleFrontierEntry, ScheduleResult, ScheduleStep } from "../../trace/schedule-types";
import type { RunErrorInfo } from "../types";
import type { PlanCommand, SchedulePlan } from "./schema";

/** A bridge call as the gate shows it: its command (or batch) and the learner's line. */
export type GatedCall = Omit<ScheduleFrontierEntry, "client">;

export interface ScheduleDeps {
  recorder: TraceRecorder;
  openClient(label: string): RunConnection;
  /** Sends one "other client" command through the bridge. */
  send(conn: RunConnection, command: PlanCommand): Promise<unknown>;
  fail(err: RunErrorInfo): void;
  stopped(): boolean;
  /** Tells the run loop something changed (an "other client" command was answered). */
  wake(): void;
}

interface Held {
  call: GatedCall;
  release: () => void;
}

interface Lane {
  conn: RunConnection;
  held: Held[];
  /** Only on an "other client" lane: its commands and how many it sent. */
  others?: { commands: PlanCommand[]; sent: number };
}

/** What a tick of the run loop did: released a step, paused, found work still going (busy), or nothing waiting (idle). */
export type TickResult = "released" | "paused" | "busy" | "idle";

export class ScheduleGate {
  private readonly lanes = new Map<string, Lane>();
  private readonly steps: (ScheduleStep & { after: number })[] = [];
  private inFlight = 0;
  private paused = false;
  private readonly random?: () => number;

  constructor(
    private readonly plan: SchedulePlan,
    private readonly deps: ScheduleDeps,
  ) {
    if (plan.seed !== undefined) this.random = seededRandom(plan.seed);
    const others = plan.others ?? [];
    others.forEach((o, i) => {
      const conn = deps.openClient(others.length > 1 ? `other client ${i + 1}` : "other client");
      this.lanes.set(conn.client.id, { conn, held: [], others: { commands: o.commands, sent: 0 } });
    });
  }

  /** Holds a program's bridge call until its lane is chosen. */
  hold(conn: RunConnection, call: GatedCall): Promise<void> {
    // Choices are single letters: a 27th lane could never be chosen.
    if (conn.client.id.length > 1) {
      this.deps.fail(tooManyLanes());
      return new Promise(() => {});
    }
    let lane = this.lanes.get(conn.client.id);
    if (!lane) this.lanes.set(conn.client.id, (lane = { conn, held: [] }));
    const held = lane.held;
    return new Promise((release) => held.push({ call, release }));
  }

  /** Program calls held now: the run is quiescent when these are all the guest waits on. */
  heldCount(): number {
    let n = 0;
    for (const l of this.lanes.values()) n += l.held.length;
    return n;
  }

  /** Called by the run loop at each change: `guestOps` is every guest call and timer still open. */
  tick(guestOps: number): TickResult {
    if (this.paused) return "paused";
    if (this.deps.stopped()) return "busy";
    if (this.inFlight > 0 || guestOps !== this.heldCount()) return "busy";
    const pending = this.pendingLetters();
    const at = this.steps.length;
    const chosen = this.plan.choices[at];
    if (chosen === undefined) {
      if (pending === "") return "idle";
      if (this.plan.then === "pause") return ((this.paused = true), "paused");
      return this.release(this.nextByPolicy(pending), pending);
    }
    if (!pending.includes(chosen)) {
      this.deps.fail(scheduleMismatch(at + 1, chosen, pending));
      return "busy";
    }
    return this.release(chosen, pending);
  }

  /** The schedule's part of the run's result, once the run is over: `conns` is the run's connection table. */
  result(conns: readonly RunConnection[], events: readonly { kind: string; seq: number; client?: string }[]): ScheduleResult {
    const frontier: ScheduleFrontierEntry[] = [];
    if (this.paused) {
      for (const [client, lane] of this.sortedLanes()) {
        const next = lane.others ? othersCall(lane.others) : lane.held[0]?.call;
        if (next) frontier.push({ client, ...next });
      }
    }
    const steps = this.steps.map(({ client, pending, after }) => ({
      client,
      pending,
      seq: events.find((e) => e.kind === "command" && e.client === client && e.seq > after)?.seq ?? null,
    }));
    return {
      taken: this.steps.map((s) => s.client).join(""),
      paused: this.paused,
      steps,
      frontier,
      lanes: conns.map((conn) => {
        const others = this.lanes.get(conn.client.id)?.others;
        const usedUp = others !== undefined && others.sent >= others.commands.length;
        return { client: conn.client.id, label: conn.client.label, origin: conn.client.origin, done: !this.paused || conn.closed || usedUp };
      }),
    };
  }

  /** The "finish" policy: the last lane goes on (or a seeded random pick); else the lowest letter. */
  private nextByPolicy(pending: string): string {
    if (this.random) return pending[Math.floor(this.random() * pending.length)]!;
    const last = this.steps.at(-1)?.client;
    return last !== undefined && pending.includes(last) ? last : pending[0]!;
  }

  private release(letter: string, pending: string): TickResult {
    const lane = this.lanes.get(letter)!;
    this.steps.push({ client: letter, pending, seq: null, after: this.deps.recorder.lastSeq });
    if (lane.others) {
      const command = lane.others.commands[lane.others.sent++]!;
      this.inFlight++;
      void this.deps.send(lane.conn, command).finally(() => {
        this.inFlight--;
        this.deps.wake();
      });
    } else lane.held.shift()!.release();
    return "released";
  }

  /** Letters of the lanes with a command waiting, in order. */
  private pendingLetters(): string {
    return this.sortedLanes()
      .filter(([, l]) => l.held.length > 0 || (l.others !== undefined && l.others.sent < l.others.commands.length))
      .map(([c]) => c)
      .join("");
  }

  private sortedLanes(): [string, Lane][] {
    return [...this.lanes.entries()].sort(([, a], [, b]) => a.conn.id - b.conn.id);
  }
}

function othersCall(o: { commands: PlanCommand[]; sent: number }): GatedCall | undefined {
  const c = o.commands[o.sent];
  return c && { name: c.name, args: c.args.map(String), line: null };
}

/** mulberry32: a small, well-spread PRNG - the same seed picks the same lanes on any machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
