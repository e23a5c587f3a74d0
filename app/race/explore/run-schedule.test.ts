// One explorer step through the server path, against the real Redis: the unit's two-call program
// interleaved by a schedule, a refused schedule, and publishing only with the session's token.
import { beforeAll, describe, expect, it } from "vitest";
import { loadUnit } from "@/lib/lessons/loader";
import { serviceRedis } from "@/lib/redis/service-client";
import type { CommandEvent } from "@/lib/trace";
import { runScheduleStep } from "./run-schedule";
import { createSession, latestStep, publishStep } from "./session-store";

const who = { client: async () => "explore-test", sessionToken: async () => undefined };
const execs = (events: readonly { kind: string }[]) => events.filter((e): e is CommandEvent => e.kind === "command" && (e as CommandEvent).name === "EXEC");

// The service connection queues nothing offline: wait until it is up.
beforeAll(async () => {
  const redis = serviceRedis();
  if (redis.status !== "ready") await new Promise((r) => redis.once("ready", r));
});

describe("an explorer step", () => {
  it("both calls read before either EXECs: the second EXEC is aborted, and nothing is lost", async () => {
    const s = await runScheduleStep({ unit: "update-likes", choices: "BCBCBC" }, who);
    expect(s.status).toBe("ok");
    expect(s.schedule?.paused).toBe(true);
    expect(execs(s.trace!.events).map((e) => [e.client, e.outcome])).toEqual([["B", "committed"], ["C", "aborted"]]);
    expect(s.schedule?.frontier.find((f) => f.client === "C")?.name).toBe("WATCH");
    expect(s.finalState).toEqual({ "likes:99": "165" });
    expect(s.lostUpdate).toBeNull();
  });

  it("without WATCH the same interleaving loses an update, named with the two reads", async () => {
    const unit = loadUnit("update-likes")!;
    const source = unit.solution!.replace(/\n\s*await conn\.watch\(key\);/, "").replace("await updateLikes(99, 15);", "await Promise.all([updateLikes(99, 15), updateLikes(99, 15)]);");
    const s = await runScheduleStep({ unit: "update-likes", source, choices: "BCBC" }, who);
    expect(s.lostUpdate?.reads.map((r) => [r.client, r.value])).toEqual([["B", "150"], ["C", "150"]]);
    expect(s.lostUpdate?.sentence).toMatch(/^Lost update: B and C both read likes:99 = 150/);
    expect(s.finalState).toEqual({ "likes:99": "165" });
  });

  it("a schedule that does not fit the program is refused with the step and the lanes that could go", async () => {
    const s = await runScheduleStep({ unit: "update-likes", choices: "A" }, who);
    expect(s.status).toBe("error");
    expect(s.error?.code).toBe("bad_request");
    expect(s.error?.message).toMatch(/step 1 lets client A go/);
    expect((await runScheduleStep({ unit: "update-likes", choices: "b1" }, who)).error?.code).toBe("bad_request");
  });

  it("publishes to a presenting session only with its token", async () => {
    const { id, token } = await createSession();
    const step = await runScheduleStep({ unit: "update-likes", choices: "B" }, who);
    expect(await publishStep(id, "not-the-token", { unit: "update-likes", choices: "B" }, step)).toBe(false);
    expect(await latestStep(serviceRedis(), id)).toBeNull();
    const published = await runScheduleStep({ unit: "update-likes", choices: "BC", session: id }, { ...who, sessionToken: async () => token });
    expect(published.choices).toBe("BC");
    const latest = JSON.parse((await latestStep(serviceRedis(), id))!.json) as { link: { choices: string }; state: { choices: string } };
    expect([latest.link.choices, latest.state.choices]).toEqual(["BC", "BC"]);
  });
});
