import { Copy, Download } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { traceToText, type Trace } from "@/lib/trace";

/** Copy as MONITOR-like text (to paste in a question) or download the raw trace as JSON. */
export function ExportButtons({ trace, filename = "trace" }: { trace: Trace; filename?: string }) {
  const [status, setStatus] = useState("");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(traceToText(trace));
      setStatus(`Copied ${trace.events.length} lines`);
    } catch {
      // Clipboard needs a secure context and permission; the download always works.
      setStatus("Copy failed: your browser blocked the clipboard. Download the JSON instead.");
    }
  };

  const download = () => {
    const blob = new Blob([JSON.stringify(trace, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `${filename}.json`;
    a.click();
    URL.revokeObjectURL(url);
    setStatus("Downloaded trace JSON");
  };

  return (
    <div className="flex flex-wrap items-center gap-1">
      <Button variant="ghost" className="px-2" onClick={copy}>
        <Copy aria-hidden="true" className="size-4" />
        Copy as text
      </Button>
      <Button variant="ghost" className="px-2" onClick={download}>
        <Download aria-hidden="true" className="size-4" />
        Download JSON
      </Button>
      <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {status}
      </span>
    </div>
  );
}
