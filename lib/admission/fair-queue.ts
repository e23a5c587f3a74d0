/**
 * A bounded queue that serves its clients in turn: one item per client per round, first come
 * first served within a client. A client with 50 runs waiting delays a newcomer by at most one
 * of its runs, not fifty. Pure (no timers, no clock): the admission gate owns waiting.
 */
export class FairQueue<T> {
  /** Per-client FIFOs, in round-robin order (Map keeps insertion order; a served client goes last). */
  private readonly lanes = new Map<string, T[]>();
  private count = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  /** Items this client has waiting. */
  sizeOf(client: string): number {
    return this.lanes.get(client)?.length ?? 0;
  }

  /** Adds an item at the end of its client's lane; false (nothing added) when the queue is full. */
  push(client: string, item: T): boolean {
    if (this.count >= this.capacity) return false;
    const lane = this.lanes.get(client);
    if (lane) lane.push(item);
    else this.lanes.set(client, [item]);
    this.count++;
    return true;
  }

  /** The next item: the oldest of the client whose turn it is. That client then goes to the back. */
  shift(): { client: string; item: T } | undefined {
    const next = this.lanes.entries().next();
    if (next.done) return undefined;
    const [client, lane] = next.value;
    const item = lane.shift()!;
    this.lanes.delete(client);
    if (lane.length > 0) this.lanes.set(client, lane);
    this.count--;
    return { client, item };
  }

  /** Takes an item out wherever it is (its wait ran out). False when it was not queued. */
  remove(client: string, item: T): boolean {
    const lane = this.lanes.get(client);
    const i = lane ? lane.indexOf(item) : -1;
    if (!lane || i < 0) return false;
    lane.splice(i, 1);
    if (lane.length === 0) this.lanes.delete(client);
    this.count--;
    return true;
  }

  /**
   * At most how many items would be served before a new item of this client, were it pushed
   * now: each round serves one item per client, and the new item also waits behind its own lane.
   */
  aheadOf(client: string): number {
    const rounds = this.sizeOf(client) + 1;
    let ahead = 0;
    for (const [c, lane] of this.lanes) ahead += c === client ? lane.length : Math.min(lane.length, rounds);
    return ahead;
  }
}
