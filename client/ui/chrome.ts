import { useEffect, useSyncExternalStore } from "react";

/**
 * Whether the site header (navigation, sign-out) is shown. A page hides it while someone who is not
 * the signed-in user holds the device: during a fieldwork hand-over, the participant must not be one
 * tap away from other participants' codes or from signing the researcher out.
 */
let hidden = false;
const listeners = new Set<() => void>();

function setHidden(next: boolean): void {
  if (hidden === next) return;
  hidden = next;
  for (const listener of listeners) listener();
}

export function useChromeHidden(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => hidden,
  );
}

/** Hides the header while `hide` is true and the calling component is on screen. */
export function useHideChrome(hide: boolean): void {
  useEffect(() => {
    setHidden(hide);
    return () => setHidden(false);
  }, [hide]);
}
