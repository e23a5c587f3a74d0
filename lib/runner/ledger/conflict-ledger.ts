/**
 * Which write aborted a transaction: every write any of the run's clients sent, noted when it
 * was sent, so an EXEC that comes back null can name the command that dirtied its WATCHed key
 * (the trace's `conflict` / `conflictKey`).
 */

/** A write as noted: its trace event, the client that sent it and the keys it wrote. */
export interface WriteNote {
  seq: number;
  client: string;
  keys: readonly string[];
}

export class ConflictLedger {
  private writes: WriteNote[] = [];

  /**
   * Noted when sent, not when answered: replies on different connections arrive in any order,
   * and another client's aborted EXEC must still find the write that dirtied its key.
   */
  noteWrite(seq: number, client: string, keys: readonly string[]): WriteNote {
    const w = { seq, client, keys };
    this.writes.push(w);
    return w;
  }

  /** Forgets writes that did not happen (an error reply, an aborted or rejected EXEC). */
  dropWrites(...notes: (WriteNote | undefined)[]): void {
    for (const n of notes) {
      const i = n ? this.writes.indexOf(n) : -1;
      if (i >= 0) this.writes.splice(i, 1);
    }
  }

  /**
   * The first write by anyone after a connection's WATCH on one of its watched keys: what
   * aborted its EXEC. `watched` maps each watched key to the seq of the WATCH that added it.
   */
  conflictFor(watched: ReadonlyMap<string, number>): { seq: number; key: string } | undefined {
    for (const w of this.writes) {
      for (const k of w.keys) {
        const since = watched.get(k);
        if (since !== undefined && w.seq > since) return { seq: w.seq, key: k };
      }
    }
    return undefined;
  }
}
