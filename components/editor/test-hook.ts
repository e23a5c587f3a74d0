import type { EditorApi } from "./editor-api";

/**
 * A deliberate test hook: the e2e suite sets code through it because typing multi-line code
 * into Monaco is not deterministic (auto-close, auto-indent). It only exposes what the
 * learner can already do by hand in the editor. Before Monaco has loaded, it works on the code
 * the static view shows (what Run sends then); `editable` tells the two apart.
 */
export type PlaygroundTestHook = Pick<EditorApi, "getCode" | "setCode" | "getMarkers"> & { editable: boolean };

declare global {
  interface Window {
    __playground?: PlaygroundTestHook;
  }
}

export function exposeTestHook(api: Pick<EditorApi, "getCode" | "setCode" | "getMarkers">, editable: boolean): () => void {
  window.__playground = { getCode: api.getCode, setCode: api.setCode, getMarkers: api.getMarkers, editable };
  return () => {
    delete window.__playground;
  };
}
