"use client";
import { Check, Copy, Link2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { sharedRunPath, type ShareOutcome } from "@/lib/runs/share-types";

interface ShareButtonProps {
  share: () => Promise<ShareOutcome>;
  /** The step shown now: the link opens there. */
  step: number | null;
}

/**
 * "Share this run": stores the run (once) and shows a link anyone can open for 24 hours, on
 * any instance. The link follows the step shown, so "look at step 8" is one copy away.
 */
export function ShareButton({ share, step }: ShareButtonProps) {
  const [state, setState] = useState<{ kind: "idle" | "pending" } | { kind: "shared"; id: string; copied: boolean } | { kind: "failed"; message: string }>({ kind: "idle" });

  const start = async () => {
    if (state.kind === "pending") return;
    setState({ kind: "pending" });
    const out = await share().catch((): ShareOutcome => ({ ok: false, message: "The playground server could not be reached. Check that it is still running, then try again." }));
    setState(out.ok ? { kind: "shared", id: out.id, copied: false } : { kind: "failed", message: out.message });
  };

  if (state.kind === "shared") {
    const url = typeof window === "undefined" ? sharedRunPath(state.id, step) : new URL(sharedRunPath(state.id, step), window.location.origin).toString();
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(url);
        setState({ ...state, copied: true });
      } catch {
        // No clipboard (insecure context or denied): the link is selectable in the field.
      }
    };
    return (
      <div className="flex w-full flex-wrap items-center gap-1.5 text-sm" data-testid="share-panel">
        <label className="flex min-w-0 flex-1 items-center gap-1.5">
          <Link2 aria-hidden="true" className="size-4 shrink-0" />
          <span className="sr-only">Link to this run</span>
          <input
            readOnly
            value={url}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="share-url"
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
        <Button variant="ghost" className="px-2" onClick={copy}>
          {state.copied ? <Check aria-hidden="true" className="size-4" /> : <Copy aria-hidden="true" className="size-4" />}
          {state.copied ? "Link copied" : "Copy link"}
        </Button>
        <p role="status" className="w-full text-xs text-slate-600 dark:text-slate-400">
          Anyone with this link can see this run{step !== null ? ` at step ${step}` : ""} for 24 hours.
        </p>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <Button variant="ghost" className="px-2" onClick={start} disabled={state.kind === "pending"} data-testid="share-run">
        <Link2 aria-hidden="true" className="size-4" />
        {state.kind === "pending" ? "Sharing…" : "Share this run"}
      </Button>
      {state.kind === "failed" && (
        <p role="alert" className="text-xs text-red-800 dark:text-red-300">
          {state.message}
        </p>
      )}
    </div>
  );
}
