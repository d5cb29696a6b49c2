import type { SyncItem } from "../../shared/contract/index.ts";

/**
 * Finished interviews that the server has not yet confirmed. An interview goes in here before the
 * first upload is even tried, and leaves only when the server says it has stored it, so a failed
 * upload, a closed tab or a flat battery loses nothing.
 *
 * The interface is asynchronous although localStorage is not: the IndexedDB outbox that replaces
 * it (with drafts and background sync) can then slot in without changing any caller.
 */
export interface OutboxEntry {
  item: SyncItem;
  surveyTitle: string;
  queuedAt: string;
  attempts: number;
  /** Why the last upload did not store it, in words for the researcher. */
  lastError: string | null;
}

export interface Outbox {
  list(): Promise<OutboxEntry[]>;
  /** Adds the entry, or replaces the one with the same item id. */
  put(entry: OutboxEntry): Promise<void>;
  remove(id: string): Promise<void>;
  /** Calls `listener` after any change, in this tab or another. */
  subscribe(listener: () => void): () => void;
}

const KEY = "alongside.outbox.v1";

export function createLocalStorageOutbox(storage: Storage): Outbox {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };

  const read = (): OutboxEntry[] => {
    const raw = storage.getItem(KEY);
    if (raw === null) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return parsed as OutboxEntry[];
    } catch {
      // Fall through: never overwrite what we cannot read.
    }
    storage.setItem(`${KEY}.unreadable.${Date.now()}`, raw);
    storage.removeItem(KEY);
    return [];
  };

  const write = (entries: OutboxEntry[]) => {
    storage.setItem(KEY, JSON.stringify(entries));
    notify();
  };

  return {
    list: async () => read(),
    put: async (entry) => {
      const others = read().filter((existing) => existing.item.id !== entry.item.id);
      write([...others, entry]);
    },
    remove: async (id) => {
      const entries = read();
      const kept = entries.filter((existing) => existing.item.id !== id);
      if (kept.length !== entries.length) write(kept);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      const onStorage = (event: StorageEvent) => {
        if (event.key === KEY) listener();
      };
      window.addEventListener("storage", onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener("storage", onStorage);
      };
    },
  };
}

export const outbox: Outbox = createLocalStorageOutbox(window.localStorage);
