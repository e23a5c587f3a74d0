/**
 * Carries out a run's interference plan: a second client (B) that writes at the moments the
 * plan names - after A reads a key it watches (conflict), on a timer (writer), or when the
 * presenter says so (step). B's writes go through the bridge like the program's, so they are
 * bounded, traced and noted in the conflict ledger the same way.
 */
import { commandSpec } from "../../commands/catalogue";
import type { RunConnection } from "../bridge/connections";
import type { TraceRecorder } from "../recorder/trace-recorder";
import type { RunErrorInfo } from "../types";
import { conflictWrite } from "./conflict";
import type { ControlReceiver } from "./control";
import type { InterferencePlan, PlanWrite } from "./schema";
import { StepGate } from "./step";
import { runWriter } from "./writer";

/** What a plan needs of the run it interferes with. */
export interface PlanDeps {
  plan?: InterferencePlan;
  control?: ControlReceiver;
  recorder: TraceRecorder;
  /** Settles once the run's namespace is prepared: B writes nothing before. */
  ready: Promise<unknown>;
  stopped(): boolean;
  fail(err: RunErrorInfo): void;
  /** Opens B's connection in the run's table (a trace client of origin "plan"). */
  openClient(label: string): RunConnection;
  /** Sends one command on a connection, through the bridge. */
  send(conn: RunConnection, method: string, args: readonly (string | number)[]): Promise<unknown>;
  /** Host work the run must wait for before it may end (B's writer). */
  track(work: () => Promise<void>): void;
}

export class Interference {
  private client?: RunConnection;
  /** A's attempt: how many times one of its connections began watching (1-based). */
  private attempt = 0;
  private readonly injected = new Set<number>();
  private readonly step?: StepGate;

  constructor(private readonly deps: PlanDeps) {
    const { plan, control } = deps;
    if (plan?.kind === "step" && control) this.step = new StepGate(plan, control, deps, (w) => this.write(w, "the presenter's write"));
  }

  /** Starts B's concurrent writer, if the plan has one. */
  start(): void {
    const plan = this.deps.plan;
    if (plan?.kind === "writer") this.deps.track(() => runWriter(plan, this.deps, (w, why) => this.write(w, why)));
    // Step mode: the presenter's buttons name the other client before it ever writes, so its
    // letter is fixed now (the first lane) instead of after however many connections the program opened.
    if (plan?.kind === "step") {
      this.client = this.deps.openClient("other client (instructor)");
      this.deps.recorder.interference(`${this.client.client.id} is the other client: it writes when the presenter says so.`);
    }
  }

  /** A program connection began watching (its first WATCH since EXEC, DISCARD or UNWATCH). */
  newAttempt(): void {
    this.attempt++;
  }

  /** Step mode: before each command of the program, waits for the presenter's signal. */
  async beforeSend(conn: RunConnection, name: string, args: readonly unknown[], line: number | null): Promise<void> {
    if (this.step && conn.client.origin === "program") await this.step.pause(conn.client.id, name, args, line);
  }

  /** Conflict plan: right after A reads a key it watches, on the chosen attempts, B writes it. */
  async afterRead(conn: RunConnection, keys: readonly string[]): Promise<void> {
    const plan = this.deps.plan;
    if (plan?.kind !== "conflict" || this.injected.has(this.attempt)) return;
    const planned = conflictWrite(plan, this.attempt, conn, keys);
    if (!planned) return;
    this.injected.add(this.attempt);
    await this.write(planned.write, `after ${conn.client.id} read ${planned.key} on attempt ${this.attempt}`);
  }

  /** B sends one write (only writes can interfere; anything else is skipped with a note). */
  async write(write: PlanWrite, why: string): Promise<void> {
    const method = write.name.toLowerCase();
    const { recorder } = this.deps;
    if (commandSpec(method)?.kind !== "write") {
      recorder.interference(`The plan's ${write.name} was skipped: only write commands can interfere.`);
      return;
    }
    const origin = this.deps.plan?.kind === "step" ? "instructor" : "staged";
    this.client ??= this.deps.openClient(`other client (${origin})`);
    recorder.interference(`${this.client.client.id} sends ${write.name} ${write.args.join(" ")} (${why})`);
    await this.deps.send(this.client, method, write.args);
  }
}
