import Redis from "ioredis";
import { RUN_CONNECTION_OPTIONS } from "./config";
import { RedisUnavailableError } from "./errors";

/**
 * Warm connections for learner runs (a fresh TCP + HELLO costs about as much as the whole
 * balance example). A connection is lent to exactly one run at a time and comes back with its
 * WATCH released and authenticated as the base user; a broken one is dropped, never reused.
 */
export class ConnectionPool {
  private idle: Redis[] = [];

  constructor(
    private readonly url: string,
    private readonly maxIdle = 64,
  ) {}

  async acquire(): Promise<Redis> {
    while (this.idle.length > 0) {
      const c = this.idle.pop()!;
      if (c.status === "ready") return c;
      c.disconnect();
    }
    return this.open();
  }

  release(c: Redis, reusable: boolean): void {
    delete c.options.keyPrefix;
    if (reusable && c.status === "ready" && this.idle.length < this.maxIdle) this.idle.push(c);
    else c.disconnect();
  }

  private open(): Promise<Redis> {
    const c = new Redis(this.url, RUN_CONNECTION_OPTIONS);
    return new Promise((resolve, reject) => {
      const fail = (err: Error) => {
        c.removeListener("ready", ok);
        c.disconnect();
        reject(new RedisUnavailableError(err.message));
      };
      const ok = () => {
        c.removeListener("error", fail);
        // Later errors surface on the command that hit them; the listener keeps them off stderr.
        c.on("error", () => {});
        resolve(c);
      };
      c.once("ready", ok);
      c.once("error", fail);
      c.once("end", () => fail(new Error("connection closed")));
    });
  }
}
