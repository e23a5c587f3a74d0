/**
 * Crowd mode: the same optimistic transaction run by K clients at once on one key, in ONE run,
 * so the trace shows every client. Generated on the server from a template; the learner never
 * sends code for it.
 */
export const MAX_CROWD = 50;

export interface CrowdOptions {
  /** Concurrent clients, 1..MAX_CROWD; each gets its own duplicate() connection. */
  clients: number;
  /** The contended key (learner name). */
  key: string;
  /** What each client adds, once. */
  increment: number;
  /** Compare: a single atomic INCRBY per client instead of WATCH/GET/MULTI/SET/EXEC. */
  atomic?: boolean;
}

/** The key's value after every client added its increment once (the key starts at 0). */
export const crowdExpected = (o: Pick<CrowdOptions, "clients" | "increment">): number => o.clients * o.increment;

/** Connections a crowd run opens: the base connection, one per client, and slack for the engine. */
export const crowdConnections = (clients: number): number => clients + 2;

export function crowdProgram(o: CrowdOptions): string {
  if (!Number.isInteger(o.clients) || o.clients < 1 || o.clients > MAX_CROWD) throw new RangeError(`clients must be 1..${MAX_CROWD}`);
  if (!Number.isInteger(o.increment)) throw new RangeError("increment must be an integer");
  const body = o.atomic
    ? [
        "    // No WATCH needed: INCRBY reads and writes in one step inside Redis.",
        "    await conn.incrby(KEY, INCREMENT);",
        "    return 1;",
      ]
    : [
        "    for (let attempt = 1; ; attempt++) {",
        "      await conn.watch(KEY);",
        "      const current = Number((await conn.get(KEY)) ?? 0);",
        "      const result = await conn.multi().set(KEY, current + INCREMENT).exec();",
        "      if (result !== null) return attempt;",
        "    }",
      ];
  return [
    'import Redis from "ioredis";',
    "",
    "const redis = new Redis();",
    `const KEY = ${JSON.stringify(o.key)};`,
    `const CLIENTS = ${o.clients};`,
    `const INCREMENT = ${o.increment};`,
    "",
    "// One flow per client, each on its own connection: WATCH state belongs to a connection.",
    "async function client(): Promise<number> {",
    "  const conn = redis.duplicate();",
    "  try {",
    ...body,
    "  } finally {",
    "    await conn.quit();",
    "  }",
    "}",
    "",
    "const attempts = await Promise.all(Array.from({ length: CLIENTS }, () => client()));",
    'console.log(`attempts per client: ${attempts.join(" ")}`);',
    "console.log(`final ${KEY}: ${await redis.get(KEY)} (expected ${CLIENTS * INCREMENT})`);",
    "await redis.quit();",
    "",
  ].join("\n");
}
