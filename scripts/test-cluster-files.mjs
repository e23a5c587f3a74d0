// The `cluster` stage's test files (scripts/test.mjs): the engine's integration tests, the grader
// fixtures and the hardening suite, run against a local Redis Cluster (REDIS_CLUSTER_NODES), plus
// test/cluster, which starts a cluster of its own to kill a master in it. The stage also runs the
// race lab across two app instances (e2e/race.spec.ts, "second instance"; scripts/test.mjs).
//
// Left out, each for a reason of its own (they run in the single-server `unit` stage):
// - lib/runner/redis-full.test.ts, lib/runner/bounds-oom.test.ts: a tiny maxmemory on one server.
// - lib/runner/isolation.test.ts, lib/runner/limits/bounds-replies.test.ts, lib/runner/cli.test.ts,
//   lib/runner/outage.test.ts, lib/runner/limits/bounds.test.ts: connect to REDIS_URL themselves
//   (a run user's own connection, a server they stop, MONITOR of what a run sent), which is one
//   server by design.
// - lib/race-stream/stream.int.test.ts, lib/race/*.int.test.ts: talk to REDIS_URL directly.
// - lib/runner/units.test.ts: for CI time (~100 s, mostly starting the CLI with tsx); the lessons'
//   runs are graded here by lib/lessons/grade.test.ts, and the CLI on a cluster by
//   test/adversarial/cli-cleanup.test.ts.
export const CLUSTER_STAGE_FILES = [
  "test/cluster/",
  "lib/runner/security.test.ts",
  "lib/runner/limits/limits.test.ts",
  "lib/runner/plans/plans.test.ts",
  "lib/runner/bounded-results.test.ts",
  "lib/lessons/grade.test.ts",
  "test/adversarial/",
];
