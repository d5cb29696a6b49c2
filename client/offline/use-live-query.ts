import { liveQuery } from "dexie";
import { type DependencyList, useEffect, useState } from "react";

/**
 * The result of an IndexedDB query, kept current: Dexie re-runs it whenever a table it read changes,
 * in this tab or another. `undefined` until the first result.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the query depends on.
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: () => setValue(undefined),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
