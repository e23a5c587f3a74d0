/**
 * This thread's CPU time, from Linux's scheduler statistics for the calling thread
 * (/proc/thread-self/schedstat starts with the nanoseconds it spent on a CPU, up to the last
 * scheduler tick). Node 20 has no per-thread CPU clock (process.threadCpuUsage came in 23.9),
 * and wall time is no substitute on a busy machine: a guest loop that ran 47 ms of CPU took
 * 200 ms of wall time at load 13 on 2 cores. `undefined` where there is no such file (not
 * Linux): the meter then counts wall time, as before.
 *
 * One descriptor per thread: `thread-self` names the thread that opened it, and each worker
 * thread has its own instance of this module.
 */
import { openSync, readSync } from "node:fs";

let fd: number | null | undefined;
const buf = Buffer.alloc(96);

export function threadCpuMs(): number | undefined {
  if (fd === undefined) {
    try {
      fd = openSync("/proc/thread-self/schedstat", "r");
    } catch {
      fd = null;
    }
  }
  if (fd === null) return undefined;
  try {
    const n = readSync(fd, buf, 0, buf.length, 0);
    const ns = Number(buf.toString("latin1", 0, n).split(" ", 1)[0]);
    return Number.isFinite(ns) ? ns / 1e6 : undefined;
  } catch {
    fd = null;
    return undefined;
  }
}
