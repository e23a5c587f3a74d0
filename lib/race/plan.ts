/**
 * From a validated race request to the engine's RunRequest. Pure: the unit lookup is passed in,
 * so tests need neither the filesystem nor Redis.
 */
import type { RunRequest, PlanWrite } from "../runner/types";
import type { Unit } from "../lessons/types";
import { crowdConnections, crowdProgram } from "./crowd";
import type { Opponent, StartRace } from "./schema";

/** Step mode may wait for the presenter this long in total (the engine's ceiling). */
const STEP_WALL_MS = 15 * 60_000;

export type RaceRun = { ok: true; request: Omit<RunRequest, "runId" | "stream">; title: string; inspectKeys: string[] } | { ok: false; message: string };

export const opponentWrite = (o: Opponent): PlanWrite => ({ name: o.op, args: [o.key, o.value] });

export const describeOpponent = (o: Opponent): string => `${o.op} ${o.key} ${o.value}`;

export function buildRaceRun(input: StartRace, findUnit: (slug: string) => Unit | undefined): RaceRun {
  if (input.mode === "crowd") {
    const { clients, key, increment, atomic } = input;
    return {
      ok: true,
      title: `Crowd: ${clients} client${clients === 1 ? "" : "s"} on ${key}${atomic ? " (atomic INCRBY)" : ""}`,
      inspectKeys: [key],
      request: {
        source: crowdProgram({ clients, key, increment, atomic }),
        setup: [["SET", key, "0"]],
        inspectKeys: [key],
        // Worst case every round of K clients commits one: ~K^2/2 attempts of 5 commands.
        limits: { connections: crowdConnections(clients), commands: 50_000, wallMs: 60_000, cpuMs: 10_000 },
      },
    };
  }
  const unit = findUnit(input.unit);
  if (!unit) return { ok: false, message: "That unit does not exist. Pick one from the list." };
  const source = input.source ?? unit.solution ?? unit.starter;
  const write = opponentWrite(input.opponent);
  const base = { source, setup: unit.setup, inspectKeys: unitKeys(unit, input.opponent) };
  const title = `Unit ${unit.order}: ${unit.title}`;
  switch (input.mode) {
    case "step":
      return {
        ok: true,
        title,
        inspectKeys: base.inspectKeys,
        request: { ...base, plan: { kind: "step", idleTimeoutMs: input.idleSeconds * 1000 }, limits: { wallMs: STEP_WALL_MS } },
      };
    case "staged":
      return { ok: true, title, inspectKeys: base.inspectKeys, request: { ...base, plan: { kind: "conflict", attempts: [...new Set(input.attempts)].sort((a, b) => a - b), write } } };
    case "live":
      return {
        ok: true,
        title,
        inspectKeys: base.inspectKeys,
        request: { ...base, plan: { kind: "writer", write, times: input.times, everyMs: input.everyMs }, limits: { wallMs: 60_000 } },
      };
  }
}

/** The unit's keys plus B's key, so the final value of what B touched is shown too. */
function unitKeys(unit: Unit, o: Opponent): string[] {
  return unit.inspectKeys.includes(o.key) ? unit.inspectKeys : [...unit.inspectKeys, o.key];
}

/** Unit's first inspected key: the natural default for B's write. */
export const defaultOpponent = (unit: Pick<Unit, "inspectKeys">): Opponent => ({ op: "INCRBY", key: unit.inspectKeys[0] ?? "counter", value: 10 });
