import type { Me } from "../../shared/contract/index.ts";
import { registerServiceWorker } from "../offline/service-worker.ts";
import { warmOfflineCache } from "../offline/warm-cache.ts";

export { UpdatePrompt } from "./UpdatePrompt.tsx";

/**
 * What keeps the tablet ready for the next time it is offline, loaded as its own chunk once fieldwork
 * has opened (decision 0063): nothing before an interview's first question needs it. It installs the
 * service worker and, now and whenever the tablet is back online, refreshes the copies of surveys,
 * support services and due lists kept for offline use. Returns what stops the refreshing.
 */
export function keepReadyForOffline(me: Me): () => void {
  registerServiceWorker();
  const warm = () => void warmOfflineCache(me);
  warm();
  window.addEventListener("online", warm);
  return () => window.removeEventListener("online", warm);
}
