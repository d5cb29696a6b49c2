/**
 * Whether this tablet has deleted its stores because it was reported lost (docs/decisions/0036). Held
 * in memory for this page and, after the wipe, as a single marker in localStorage (no data, only the
 * time) so the "reported lost" screen survives a reload. While it is set nothing may open the
 * tablet's database again: opening would create it afresh.
 */
export const WIPED_MARKER_KEY = "alongside.tabletWiped";

let wiped = false;
/** Every store is gone (not only asked to go): what the screen may claim. */
let finished = false;
const listeners = new Set<() => void>();

export function tabletWiped(): boolean {
  if (wiped) return true;
  try {
    return window.localStorage.getItem(WIPED_MARKER_KEY) !== null;
  } catch {
    return false;
  }
}

export function setTabletWiped(value: boolean): void {
  wiped = value;
  for (const listener of [...listeners]) listener();
}

export function wipeFinished(): boolean {
  return finished;
}

export function setWipeFinished(): void {
  finished = true;
  for (const listener of [...listeners]) listener();
}

export function subscribeWiped(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
