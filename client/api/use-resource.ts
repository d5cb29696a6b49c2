import { useCallback, useEffect, useState } from "react";

export type Resource<T> =
  | { status: "loading" }
  | { status: "ready"; data: T }
  | { status: "error"; error: unknown };

/**
 * Loads something once when the component mounts, and again on `reload()`. `load` must be a
 * stable function (a module-level API call), so it is not a reason to load again.
 */
export function useResource<T>(load: () => Promise<T>): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how reload() asks for a new load.
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setResource({ status: "ready", data }),
      (error: unknown) => live && setResource({ status: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [resource, reload];
}
