/**
 * Asks the browser not to clear this site's storage when space runs low. Chromium grants it to an
 * installed app or a site used often, and may ask nobody; without it, drafts and the outbox are still
 * kept, but "best effort". Asked once per page load, after the first interview is saved.
 */
export type StoragePersistence = "persistent" | "best_effort" | "unsupported";

let asked: Promise<StoragePersistence> | null = null;

export function requestPersistentStorage(): Promise<StoragePersistence> {
  asked ??= (async () => {
    const storage = navigator.storage;
    if (!storage?.persist || !storage.persisted) return "unsupported";
    try {
      if (await storage.persisted()) return "persistent";
      return (await storage.persist()) ? "persistent" : "best_effort";
    } catch {
      return "best_effort";
    }
  })();
  return asked;
}
