import { useSyncExternalStore } from "react";
import type { EngineStatus } from "../offline/sync-engine.ts";
import { uploader } from "../offline/uploader.ts";

export function useEngineStatus(): EngineStatus {
  return useSyncExternalStore(uploader.subscribe, uploader.getStatus);
}

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/** What the browser believes about the connection; uploads still find out for themselves. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}
