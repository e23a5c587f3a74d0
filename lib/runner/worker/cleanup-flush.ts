/**
 * Flushing every worker's cleanup queue before the pool is closed (the CLI exits right after a
 * run, and a queued namespace drop would otherwise die with its worker: the run's keys, ACL user
 * and registry entry left behind). Piscina has no task that reaches every worker, so this goes
 * over a BroadcastChannel: the host asks, each worker drains its queue and answers.
 */
import { BroadcastChannel, threadId } from "node:worker_threads";
import type Piscina from "piscina";

const ASK = "playground:cleanup-flush";
const DONE = "playground:cleanup-flushed";

interface Ask {
  id: number;
}
interface Done {
  id: number;
  thread: number;
}

let asked = 0;

/**
 * Asks every worker of `pool` to send its queued cleanup, and resolves once each answered (or
 * after `timeoutMs`: a worker that never answers is stuck, and the janitor is the net). Returns
 * how many workers answered.
 */
export async function flushWorkerCleanup(pool: Piscina, timeoutMs = 5000): Promise<number> {
  const expected = pool.threads.length;
  if (expected === 0) return 0;
  const id = ++asked;
  const ask = new BroadcastChannel(ASK);
  const done = new BroadcastChannel(DONE);
  const answered = new Set<number>();
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      done.onmessage = (ev) => {
        const d = (ev as { data: Done }).data;
        if (d.id !== id) return;
        answered.add(d.thread);
        if (answered.size >= expected) {
          clearTimeout(timer);
          resolve();
        }
      };
      ask.postMessage({ id } satisfies Ask);
    });
  } finally {
    ask.close();
    done.close();
  }
  return answered.size;
}

/** Worker side: answers every flush request once `flush` settled. Keeps no thread alive. */
export function answerCleanupFlushes(flush: () => Promise<void>): void {
  const ask = new BroadcastChannel(ASK);
  ask.unref();
  ask.onmessage = (ev) => {
    const { id } = (ev as { data: Ask }).data;
    void flush()
      .catch(() => {})
      .then(() => {
        const done = new BroadcastChannel(DONE);
        done.postMessage({ id, thread: threadId } satisfies Done);
        done.close();
      });
  };
}
