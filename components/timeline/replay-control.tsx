import { Pause, Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { REPLAY_SPEEDS, type ReplaySpeed } from "./use-replay";

interface ReplayControlProps {
  playing: boolean;
  speed: ReplaySpeed;
  onToggle: () => void;
  onSpeed: (speed: ReplaySpeed) => void;
}

/** Play / pause the step replay, slow to fast. */
export function ReplayControl({ playing, speed, onToggle, onSpeed }: ReplayControlProps) {
  const Icon = playing ? Pause : Play;
  return (
    <div role="group" aria-label="Replay" className="flex items-center gap-1">
      <Button variant="ghost" className="px-2" onClick={onToggle} aria-pressed={playing} data-testid="replay-toggle">
        <Icon aria-hidden="true" className="size-4" />
        {playing ? "Pause" : "Replay"}
      </Button>
      <label className="flex items-center gap-1 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Speed</span>
        <select
          value={speed}
          onChange={(e) => onSpeed(e.target.value as ReplaySpeed)}
          className="rounded-md border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900"
          data-testid="replay-speed"
        >
          {(Object.keys(REPLAY_SPEEDS) as ReplaySpeed[]).map((s) => (
            <option key={s} value={s}>
              {REPLAY_SPEEDS[s].label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
