/**
 * The run's connection table: what the guest's `new Redis()` / `duplicate()` handles point to.
 * A connection is lent from the worker's pool on first use, with the run's key prefix set and
 * authenticated as the run's user; the first one takes the connection the namespace was
 * prepared on.
 */
import type Redis from "ioredis";
import type { TraceClient } from "../../trace";
import type { ConnectionPool } from "../../redis/connection-pool";
import type { TraceRecorder } from "../recorder/trace-recorder";

/** One connection as the run sees it: lent from the pool on first use, per-connection WATCH state. */
export interface RunConnection {
  /** Index in the run's connection table (what the guest holds). */
  id: number;
  client: TraceClient;
  redis?: Redis;
  acquiring?: Promise<Redis>;
  /** quit() was called by the program. */
  closed: boolean;
  /** Watched keys (learner names) -> seq of the WATCH that added them. */
  watched: Map<string, number>;
  /** Commands sent and not yet answered: such a connection is not reused. */
  inflight: number;
  /** The socket dropped during the run. */
  broken: boolean;
  /**
   * Set while the program's own MULTI is open (multi({ pipeline: false })): its commands answer
   * QUEUED, and their writes are noted in the ledger when EXEC runs them.
   */
  multi?: { writes: { seq: number; keys: readonly string[] }[] };
}

export interface LendingDeps {
  pool: ConnectionPool;
  prefix: string;
  /** Settles once the run's namespace is prepared (user created, setup applied). */
  ready: Promise<unknown>;
  /**
   * The connection the namespace is being prepared on, already authenticated as the run's user
   * when the prepare's commands are executed: the program's first connection takes it and may
   * send right away, since Redis runs one connection's commands in order.
   */
  primed?: Promise<Redis>;
  /** AUTH as this user on every lent connection (per-run ACL user), when set. */
  auth?: { username: string; password: string };
  /** A lent connection's socket dropped, or its AUTH failed: Redis is gone for this run. */
  lost: () => void;
}

export class RunConnections {
  readonly all: RunConnection[] = [];
  /** The prepared connection until someone takes it (see takePrimed). */
  private primed?: Promise<Redis>;

  constructor(
    private readonly recorder: TraceRecorder,
    private readonly deps: LendingDeps,
  ) {
    this.primed = deps.primed;
  }

  add(origin: "program" | "plan", label: string): RunConnection {
    const conn: RunConnection = { id: this.all.length, client: this.recorder.addClient(origin, label), closed: false, watched: new Map(), inflight: 0, broken: false };
    this.all.push(conn);
    return conn;
  }

  /** Connections the program opened (the plan's own client is not one). */
  programCount(): number {
    return this.all.filter((c) => c.client.origin === "program").length;
  }

  /** The connection's ioredis client, lent on first use. */
  lend(conn: RunConnection): Promise<Redis> {
    conn.acquiring ??= (async () => {
      const primed = this.takePrimed();
      const redis = await (primed ?? this.deps.pool.acquire());
      redis.options.keyPrefix = this.deps.prefix;
      conn.redis = redis;
      redis.once("close", () => {
        conn.broken = true;
        this.deps.lost();
      });
      // Its commands queue up behind the prepare (and its AUTH) on the same socket.
      if (primed) return redis;
      // Any other connection waits until the namespace and its user exist.
      await this.deps.ready;
      const auth = this.deps.auth;
      if (auth) {
        // Not awaited: ioredis writes commands in call order, so AUTH travels in the same round
        // trip as the connection's first command. If it failed, that command fails too (NOPERM).
        // Corked until the caller (a microtask away) has written that command: one write, not two.
        redis.stream.cork();
        process.nextTick(() => redis.stream.uncork());
        redis.auth(auth.username, auth.password).catch(() => this.deps.lost());
      }
      return redis;
    })();
    return conn.acquiring;
  }

  /**
   * The prepared connection, once: the program's first connection takes it, and if the program
   * opened none, the run's end takes it to hand it back all the same.
   */
  takePrimed(): Promise<Redis> | undefined {
    const p = this.primed;
    this.primed = undefined;
    return p;
  }
}
