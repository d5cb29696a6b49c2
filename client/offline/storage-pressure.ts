/**
 * When the browser will not keep what the tablet stores (issue 17): a full disk while saving, and a
 * store that vanished between sessions (the browser evicted it, or someone cleared the site's data).
 */

/** Whether an IndexedDB failure is the storage being full (quota), in any of the shapes browsers give. */
export function isQuotaExceeded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === "QuotaExceededError") return true;
    // Old engines: a DOMException with the legacy code 22.
    if ((e as { code?: unknown }).code === 22) return true;
    e = (e as { cause?: unknown }).cause ?? (e as { error?: unknown }).error;
  }
  return false;
}

/**
 * Whether the tablet's store was here before. After the fieldwork database is opened, `checkStore`
 * notes in localStorage that it exists; if the database is later found newly made while that note
 * is still there, the store disappeared between sessions (the browser cleared IndexedDB but not
 * localStorage, or cleared them at different times). A lost-tablet wipe clears both, so it is not
 * reported as a loss.
 */
const KEY = "alongside.storeSince";
const LOST = "alongside.storeLost";

export type StoreContinuity = "first_use" | "kept" | "disappeared";

export function storeContinuity(
  createdNow: boolean,
  storage: Storage | null = safeLocalStorage(),
): StoreContinuity {
  const since = storage?.getItem(KEY) ?? null;
  if (since === null) return "first_use";
  return createdNow ? "disappeared" : "kept";
}

/**
 * Checks each time the database is opened (db.ts), so a store cleared while a page is open and made
 * again by that page is noticed too: answers when the store was found gone, until the researcher has
 * acknowledged it (kept across reloads), else null.
 */
export function checkStore(
  createdNow: boolean,
  now = new Date(),
  storage: Storage | null = safeLocalStorage(),
): { since: string; noticedAt: string } | null {
  try {
    if (!storage) return null;
    const since = storage.getItem(KEY);
    if (storeContinuity(createdNow, storage) === "disappeared" && since !== null) {
      storage.setItem(LOST, JSON.stringify({ since, noticedAt: now.toISOString() }));
    }
    if (since === null || createdNow) storage.setItem(KEY, now.toISOString());
    const lost = storage.getItem(LOST);
    return lost === null ? null : (JSON.parse(lost) as { since: string; noticedAt: string });
  } catch {
    return null;
  }
}

/** The loss found by `checkStore`, until the researcher has acknowledged it; else null. */
export function storeLoss(
  storage: Storage | null = safeLocalStorage(),
): { since: string; noticedAt: string } | null {
  try {
    const lost = storage?.getItem(LOST) ?? null;
    return lost === null ? null : (JSON.parse(lost) as { since: string; noticedAt: string });
  } catch {
    return null;
  }
}

export function acknowledgeStoreLoss(storage: Storage | null = safeLocalStorage()): void {
  try {
    storage?.removeItem(LOST);
  } catch {
    // Nothing to do: the notice shows again next time.
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
