import { useEffect, useRef, useState } from "react";
import { type StoreName, storesRead, subscribeChanges } from "./db.ts";
import { spaceSession } from "./space-session.ts";

/**
 * Runs `query` now and again after every write to the fieldwork database, in this tab or another
 * (`subscribeChanges`), that touched a store it reads (`stores`; every store if not known), and hands
 * each result to `onResult` (a failed run gives `onError`). Runs never
 * overlap: changes that arrive while one is running, however many, make one more run after it, so
 * results come in order (an older result never replaces a newer one) and the last reflects every
 * change announced so far. Nothing is handed on once the returned function has been called.
 */
export function watchQuery<T>(
  query: () => Promise<T>,
  onResult: (value: T) => void,
  onError: (error: unknown) => void = () => undefined,
  stores: StoreName[] | undefined = storesRead(query),
): () => void {
  let stopped = false;
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    running = true;
    try {
      do {
        again = false;
        try {
          const value = await query();
          if (!stopped) onResult(value);
        } catch (error) {
          if (!stopped) onError(error);
        }
      } while (again && !stopped);
    } finally {
      running = false;
    }
  };
  // A space locked or unlocked changes what can be read (sealed drafts): run again.
  const unsubscribeSpace = spaceSession.subscribe(() => {
    if (stopped) return;
    again = true;
    if (!running) void run();
  });
  const unsubscribe = subscribeChanges((changed) => {
    if (stopped || (stores && !changed.some((store) => stores.includes(store)))) return;
    again = true;
    if (!running) void run();
  });
  void run();
  return () => {
    stopped = true;
    unsubscribe();
    unsubscribeSpace();
  };
}

/**
 * The result of an IndexedDB query, kept current: it runs again whenever the fieldwork database
 * changes, in this tab or another (`watchQuery`). `key` names what the query depends on (an id, or ""
 * for none); the query runs again when it changes. `undefined` until the first result.
 */
export function useLiveQuery<T>(query: () => Promise<T>, key = ""): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const latest = useRef(query);
  latest.current = query;
  useEffect(() => {
    void key;
    return watchQuery(
      () => latest.current(),
      (result) => setValue(() => result),
      () => setValue(undefined),
      storesRead(latest.current),
    );
  }, [key]);
  return value;
}
