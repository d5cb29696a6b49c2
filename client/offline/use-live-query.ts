import { liveQuery } from "dexie";
import { useEffect, useRef, useState } from "react";

/**
 * The result of an IndexedDB query, kept current: Dexie re-runs it whenever a table it read changes,
 * in this tab or another. `key` names what the query depends on (an id, or "" for none); the query
 * runs again when it changes. `undefined` until the first result.
 */
export function useLiveQuery<T>(query: () => Promise<T>, key = ""): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const latest = useRef(query);
  latest.current = query;
  useEffect(() => {
    void key;
    const subscription = liveQuery(() => latest.current()).subscribe({
      next: setValue,
      error: () => setValue(undefined),
    });
    return () => subscription.unsubscribe();
  }, [key]);
  return value;
}
