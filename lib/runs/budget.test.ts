import { describe, expect, it } from "vitest";
import { HELD_RUNS_PER_WORKER, RUNS_PER_WORKER } from "../admission/capacity";
import { DEFAULT_LIMITS } from "../runner/limits/defaults";
import { REQUEST_BODY_LIMIT_BYTES } from "../http/body-limit";
import { CLIENT_MAX_SHARED_BYTES, MAX_STORED_RUN_BYTES, SHARED_RUNS_BUDGET_BYTES } from "./budget";

/** What `npm start` gives Redis (scripts/redis-server.mjs). */
const MAXMEMORY = 256 * 1024 * 1024;
/** The most sandbox worker threads an instance runs (lib/runner/capacity.ts). */
const MAX_WORKERS = 4;

describe("the shared-run store's share of Redis memory", () => {
  it("fits beside the runs' own worst case, with half of maxmemory to spare", () => {
    const runs = MAX_WORKERS * (RUNS_PER_WORKER + HELD_RUNS_PER_WORKER) * DEFAULT_LIMITS.redisBytes;
    expect(SHARED_RUNS_BUDGET_BYTES + runs).toBeLessThanOrEqual(MAXMEMORY / 2);
  });

  it("lets one client hold only a small part of it, and a record fit one upload", () => {
    expect(CLIENT_MAX_SHARED_BYTES * 8).toBeLessThanOrEqual(SHARED_RUNS_BUDGET_BYTES);
    expect(MAX_STORED_RUN_BYTES).toBeLessThanOrEqual(CLIENT_MAX_SHARED_BYTES);
    // The upload is base64 of the browser's gzip: a record's worth must fit a request.
    expect(Math.ceil(((MAX_STORED_RUN_BYTES * 0.75) / 3) * 4)).toBeLessThanOrEqual(REQUEST_BODY_LIMIT_BYTES);
  });
});
