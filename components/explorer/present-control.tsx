"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { startPresenting } from "@/app/race/explore/actions";

/** Present to an audience: from now on every step is published, and the audience link follows it. */
export function PresentControl({ session, onStart }: { session: string | undefined; onStart: (id: string) => void }) {
  const [message, setMessage] = useState("");
  const [copied, setCopied] = useState(false);
  if (session) {
    const path = `/race/explore/${session}`;
    return (
      <span className="flex flex-wrap items-center gap-2 text-sm" data-testid="presenting" data-session={session}>
        <span className="font-medium">Presenting:</span>
        <a href={path} target="_blank" rel="noreferrer" className="underline underline-offset-2" data-testid="explore-audience-link">
          audience link
        </a>
        <Button
          variant="ghost"
          onClick={() => {
            void navigator.clipboard?.writeText(new URL(path, window.location.href).href).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy audience link"}
        </Button>
      </span>
    );
  }
  return (
    <span className="flex items-center gap-2">
      <Button
        onClick={() =>
          void startPresenting().then((r) => {
            if (r.ok) onStart(r.session);
            else setMessage(r.message);
          })
        }
        data-testid="explore-present"
      >
        Present to an audience
      </Button>
      <span role="alert" className="text-sm text-red-800 dark:text-red-300">
        {message}
      </span>
    </span>
  );
}
