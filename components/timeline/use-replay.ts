"use client";
import { useEffect, useState } from "react";

/** Slow to fast: how long each step stays on screen. */
export const REPLAY_SPEEDS = {
  slow: { label: "Slow, 1 step/s", ms: 1000 },
  normal: { label: "Normal, 2 steps/s", ms: 500 },
  fast: { label: "Fast, 5 steps/s", ms: 200 },
  fastest: { label: "Fastest, 12 steps/s", ms: 80 },
} as const;
export type ReplaySpeed = keyof typeof REPLAY_SPEEDS;

const prefersReducedMotion = () => typeof window !== "undefined" && (window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false);

/**
 * Plays the step replay: one step per tick until the last, then stops. Starting at the end (or
 * from the whole run) starts over at step 1. With reduced motion the replay starts slow; it
 * never starts by itself.
 */
export function useReplay(step: number | null, total: number, goTo: (step: number | null) => void) {
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(() => (prefersReducedMotion() ? "slow" : "normal"));

  useEffect(() => {
    if (!playing) return;
    if (step === null || step >= total) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the replay ran out: an external timer's end, not derived state
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => goTo(step + 1), REPLAY_SPEEDS[speed].ms);
    return () => clearTimeout(timer);
  }, [playing, step, total, speed, goTo]);

  const toggle = () => {
    if (playing) return setPlaying(false);
    if (total === 0) return;
    if (step === null || step >= total) goTo(1);
    setPlaying(true);
  };

  return { playing, speed, setSpeed, toggle, stop: () => setPlaying(false) };
}
