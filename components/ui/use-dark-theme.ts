"use client";
import { useSyncExternalStore } from "react";
import { isDarkNow, subscribeTheme } from "./theme";

/** True when <html> has the `dark` class. The server renders light; the client corrects after hydration. */
export function useDarkTheme(): boolean {
  return useSyncExternalStore(subscribeTheme, isDarkNow, () => false);
}
