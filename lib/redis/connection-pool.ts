import Redis, { type RedisOptions } from "ioredis";
import { RUN_CONNECTION_OPTIONS } from "./config";
import { RedisUnavailableError } from "./errors";

/**
 * Warm connections for learner runs (a fresh TCP + HELLO costs about as much as the whole
 * balance example). A connection is lent to exactly one run at a time and comes back with its
 * WATCH released and authenticated as the base user; a broken one is dropped, never reused.
 * One pool per server: on a cluster, one per master (see run-pools.ts).
 */
export class ConnectionPool {
  private idle: Redis[] = [];

  /**
   * `server`: a redis:// URL, or a node's options (host, port, credentials). `onLost` is told
   * when a connection could not be opened or closed under a run (a cluster refreshes its slot map).
   */
  constructor(
    private readonly server: string | RedisOptions,
    private readonly maxIdle = 64,
    private readonly onLost: () => void = () => {},
  ) {}

  /** "host:port" of a cluster node's pool (undefined for a URL's). */
  get node(): string | undefined {
    return typeof this.server === "string" ? undefined : `${this.server.host}:${this.server.port}`;
  }

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

  /** Closes the idle connections (a pool for a node that is no longer a master). */
  close(): void {
    for (const c of this.idle.splice(0)) c.disconnect();
  }

  private open(): Promise<Redis> {
    const c = typeof this.server === "string" ? new Redis(this.server, RUN_CONNECTION_OPTIONS) : new Redis({ ...this.server, ...RUN_CONNECTION_OPTIONS });
    return new Promise((resolve, reject) => {
      const fail = (err: Error) => {
        c.removeListener("ready", ok);
        c.disconnect();
        this.onLost();
        reject(new RedisUnavailableError(err.message));
      };
      const ended = () => fail(new Error("connection closed"));
      const ok = () => {
        c.removeListener("error", fail);
        c.removeListener("end", ended);
        // Later errors surface on the command that hit them; the listener keeps them off stderr.
        c.on("error", () => {});
        c.once("error", () => this.onLost());
        resolve(c);
      };
      c.once("ready", ok);
      c.once("error", fail);
      c.once("end", ended);
    });
  }
}
