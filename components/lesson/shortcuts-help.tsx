"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { Keyboard, X } from "lucide-react";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { OTHER_KEYS, SHORTCUTS } from "./shortcuts";

const subscribe = () => () => {};
const onMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The help popover: every shortcut of the unit page, opened with its button or "?". */
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const mac = useSyncExternalStore(subscribe, onMac, () => false);
  const rows = [...SHORTCUTS.map((s) => ({ keys: s.keys, does: s.does })), ...OTHER_KEYS];
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <Button variant="ghost" className="px-2" aria-keyshortcuts="?" data-testid="shortcuts-button">
          <Keyboard aria-hidden className="size-4" />
          Shortcuts
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Content
          data-testid="shortcuts-help"
          className="fixed top-20 right-4 z-50 w-[min(26rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-4 shadow-xl dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="flex items-start justify-between gap-2">
            <Dialog.Title className="font-semibold">Keyboard shortcuts</Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" aria-label="Close" className="rounded-sm p-1 hover:bg-slate-200 dark:hover:bg-slate-700">
                <X aria-hidden className="size-4" />
              </button>
            </Dialog.Close>
          </div>
          <Dialog.Description className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            They work in the editor too, except where noted.
          </Dialog.Description>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            {rows.map((r) => (
              <div key={r.does} className="contents">
                <dt>
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">{mac ? r.keys.mac : r.keys.pc}</kbd>
                </dt>
                <dd>{r.does}</dd>
              </div>
            ))}
          </dl>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
