import { registerSW } from "virtual:pwa-register";

/**
 * Registers the service worker that makes the app open with no connection (vite.config.ts, Workbox).
 * It is registered when fieldwork first opens: desktops that never do fieldwork do not install it.
 *
 * A new version is never applied by itself (`registerType: "prompt"`): it waits, and `UpdatePrompt`
 * offers it when no interview is on screen. Applying it tells the waiting worker to take over and
 * reloads this page once it has (test/e2e/app-update.test.ts).
 */
export interface UpdateState {
  updateReady: boolean;
  offlineReady: boolean;
}

let state: UpdateState = { updateReady: false, offlineReady: false };
const listeners = new Set<() => void>();
let apply: ((reload?: boolean) => Promise<void>) | null = null;
let registration: ServiceWorkerRegistration | undefined;
let registered = false;

const HOUR = 3_600_000;

export function registerServiceWorker(): void {
  if (registered || !("serviceWorker" in navigator)) return;
  registered = true;
  apply = registerSW({
    immediate: true,
    onNeedRefresh: () => set({ updateReady: true }),
    onOfflineReady: () => set({ offlineReady: true }),
    // Left to itself registerSW reloads on a change of worker, but only if a worker already controlled
    // the page when it registered: a tablet that installed the app on this visit (signed in, opened
    // fieldwork, kept the page open for days) would take the update without a reload, old page under
    // the new worker, its prompt stuck. And it reloads every tab when one applies the update, even a tab
    // in the middle of an interview. `applyUpdate` reloads instead, only the tab that asked.
    onNeedReload: () => {},
    onRegisteredSW: (_url, found) => {
      registration = found;
      // A tablet may stay open for days: look for a new version every hour.
      if (found) setInterval(() => void found.update().catch(() => {}), HOUR);
    },
  });
}

export async function applyUpdate(): Promise<void> {
  if (!apply) return;
  if (!registration?.waiting) {
    // Nothing waits: another tab has applied it and the new worker controls this page already.
    window.location.reload();
    return;
  }
  navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), {
    once: true,
  });
  await apply();
}

export function getUpdateState(): UpdateState {
  return state;
}

export function subscribeUpdateState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Resolves when the service worker controls this page, so the API answers fetched next pass through
 * it and are kept for offline use; resolves false after `timeoutMs` (no service worker, e.g. in dev).
 */
export function whenControlled(timeoutMs = 10_000): Promise<boolean> {
  if (!("serviceWorker" in navigator)) return Promise.resolve(false);
  if (navigator.serviceWorker.controller) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function set(change: Partial<UpdateState>): void {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}
