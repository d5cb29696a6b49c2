import "fake-indexeddb/auto";
import { vi } from "vitest";

/**
 * The few browser globals the offline layer touches, for tests in Node: IndexedDB (fake-indexeddb),
 * `window` and `document` as event targets, `navigator.onLine`, and localStorage.
 */
export function stubBrowser(): { storage: Map<string, string>; setOnline(online: boolean): void } {
  const storage = new Map<string, string>();
  const localStorage = {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
    removeItem: (key: string) => void storage.delete(key),
  };
  const win = Object.assign(new EventTarget(), { localStorage, isSecureContext: true });
  const nav = { onLine: true };
  vi.stubGlobal("window", win);
  vi.stubGlobal("document", Object.assign(new EventTarget(), { visibilityState: "visible" }));
  vi.stubGlobal("navigator", nav);
  return {
    storage,
    setOnline(online: boolean) {
      nav.onLine = online;
    },
  };
}
