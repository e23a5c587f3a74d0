import { X, Zap } from "lucide-react";
import type { ReactNode } from "react";
import { conflictSentence, describeEvent, describeRun, eventLine, type Conflict, type CommandEvent, type ConsoleEvent, type TraceClient, type TraceEvent, type TraceValue } from "@/lib/trace";

export type DetailsTarget =
  | { kind: "event"; event: TraceEvent; index: number }
  | { kind: "run"; events: (CommandEvent | ConsoleEvent)[]; index: number };

interface DetailsPanelProps {
  target: DetailsTarget;
  clients: TraceClient[];
  /** The conflict explaining this EXEC, or the conflicts this write caused. */
  conflicts: Conflict[];
  onClose: () => void;
  onShowSeq: (seq: number) => void;
  /** The step (1-based position in the run) of an event seq: the one numbering the UI shows. */
  stepOfSeq: (seq: number) => number | null;
}

const stepLabel = (step: number | null) => (step === null ? "" : ` (step ${step})`);

const json = (v: TraceValue) => JSON.stringify(v, null, 1);

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-semibold text-slate-600 dark:text-slate-400">{name}</dt>
      <dd className="min-w-0 font-mono break-words whitespace-pre-wrap">{children}</dd>
    </>
  );
}

/** Args, reply and timing of the selected chip - everything the chip had to abbreviate. */
export function DetailsPanel({ target, clients, conflicts, onClose, onShowSeq, stepOfSeq }: DetailsPanelProps) {
  const e = target.kind === "event" ? target.event : target.events[0];
  if (!e) return null;
  const client = "client" in e ? clients.find((c) => c.id === e.client) : undefined;
  const line = eventLine(e);
  const heading = target.kind === "run" ? describeRun(target.events) : describeEvent(e);
  return (
    <section aria-label="Details of the selected event" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
      <div className="flex items-start justify-between gap-2">
        <h4 className="font-semibold break-words">{heading}</h4>
        <button type="button" onClick={onClose} aria-label="Close details" className="rounded-sm p-1 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-slate-700">
          <X aria-hidden="true" className="size-4" />
        </button>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <Field name="Step">
          {target.index + 1}
          {target.kind === "run" && `-${target.index + target.events.length}`}
        </Field>
        {client && <Field name="Client">{`${client.id} - ${client.label}`}</Field>}
        <Field name="Line">{line === null ? "none (not your code)" : line}</Field>
        <Field name="Time">
          {`+${e.at.toFixed(3)} ms`}
          {e.kind === "command" && e.durationMs !== undefined && `, took ${e.durationMs.toFixed(3)} ms`}
        </Field>
        {e.kind === "command" && (
          <>
            <Field name="Command">{e.name}</Field>
            <Field name="Args">{json(e.args)}</Field>
            {target.kind === "run" ? (
              <Field name="Replies">{target.events.map((x) => (x.kind === "command" && x.reply !== undefined ? JSON.stringify(x.reply) : "…")).join(", ")}</Field>
            ) : (
              e.reply !== undefined && <Field name="Reply">{json(e.reply)}</Field>
            )}
            {e.error !== undefined && <Field name="Error">{e.error}</Field>}
            {e.queued && <Field name="Queued">yes - runs at EXEC</Field>}
            {e.outcome && <Field name="Outcome">{e.outcome === "aborted" ? "aborted (WatchError)" : e.outcome}</Field>}
          </>
        )}
        {e.kind === "console" && <Field name="Output">{e.text}</Field>}
      </dl>
      {conflicts.map((c) => (
        <p key={`${c.writeSeq}-${c.execSeq}`} className="mt-2 flex flex-wrap items-center gap-1.5 text-rose-900 dark:text-rose-200">
          <Zap aria-hidden="true" className="size-4 shrink-0" />
          {conflictSentence(c)}.
          <button type="button" className="underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-blue-600" onClick={() => onShowSeq(c.execSeq === e.seq ? c.writeSeq : c.execSeq)}>
            {c.execSeq === e.seq ? `Show ${c.writerClient ? `${c.writerClient}'s` : "the"} write${stepLabel(stepOfSeq(c.writeSeq))}` : `Show the aborted EXEC${stepLabel(stepOfSeq(c.execSeq))}`}
          </button>
        </p>
      ))}
    </section>
  );
}
