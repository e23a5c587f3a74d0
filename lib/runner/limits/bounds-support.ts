// Shared by the bounds tests: what Redis itself received, seen through MONITOR on a raw socket
// to the test Redis (REDIS_URL from the global setup). Not imported by product code.
import net from "node:net";

export interface Seen {
  /** Command name (lower-case) and arguments, as Redis received them. */
  args: string[];
  /** The client's address: which connection sent it. */
  source: string;
}

/** One MONITOR line: `1796117495.578458 [0 127.0.0.1:48884] "set" "k" "v"` (sdscatrepr quoting). */
function parseLine(line: string): Seen | null {
  const m = /^\d+\.\d+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
  if (!m) return null;
  const args: string[] = [];
  const s = m[2]!;
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '"') continue;
    let out = "";
    for (i++; i < s.length && s[i] !== '"'; i++) {
      if (s[i] !== "\\") {
        out += s[i];
        continue;
      }
      const c = s[++i];
      if (c === "x") {
        out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else out += c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c;
    }
    args.push(out);
  }
  return { args: [args[0]!.toLowerCase(), ...args.slice(1)], source: m[1]! };
}

/** Starts recording every command Redis runs; `stop()` returns them once the feed caught up. */
export async function monitorRedis(): Promise<{ stop: () => Promise<Seen[]> }> {
  const url = new URL(process.env.REDIS_URL!);
  const socket = net.connect(Number(url.port), url.hostname);
  const seen: Seen[] = [];
  let buffer = "";
  let ready: () => void;
  const started = new Promise<void>((r) => (ready = r));
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf("\r\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 2);
      if (line === "+OK") ready();
      else if (line.startsWith("+")) {
        const s = parseLine(line.slice(1));
        if (s) seen.push(s);
      }
    }
  });
  socket.write("MONITOR\r\n");
  await started;
  return {
    async stop() {
      // A marker of our own: once MONITOR shows it, everything Redis ran before it is in `seen`.
      const marker = `monitor-end-${Math.random().toString(36).slice(2)}`;
      const probe = net.connect(Number(url.port), url.hostname);
      probe.write(`ECHO ${marker}\r\n`);
      const end = Date.now() + 3000;
      while (!seen.some((s) => s.args[1] === marker) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      probe.destroy();
      socket.destroy();
      return seen;
    },
  };
}

/**
 * The commands of one run (any argument in its key namespace), its prefix taken off. UNLINK is
 * the engine's own cleanup (no test program sends it), so it is left out.
 */
export function runCommands(seen: Seen[], runId: string): Seen[] {
  const prefix = `{r:${runId}}:`;
  return seen
    .filter((s) => s.args[0] !== "unlink" && s.args.some((a) => a.startsWith(prefix)))
    .map((s) => ({ ...s, args: s.args.map((a) => (a.startsWith(prefix) ? a.slice(prefix.length) : a)) }));
}

/** Every command one connection sent, by its address. */
export const fromSource = (seen: Seen[], source: string) => seen.filter((s) => s.source === source);
