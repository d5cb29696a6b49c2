import { DEVICE_HEADER } from "../../shared/contract/device-constants.ts";
import { WIPED_PATH } from "../../shared/contract/lost-device-constants.ts";
import { closeDatabase } from "./db.ts";
import { setTabletWiped, WIPED_MARKER_KEY } from "./wipe-state.ts";

/**
 * Deletes everything this app keeps on the tablet: every IndexedDB database the browser lists for
 * this origin (`indexedDB.databases()`), every Cache Storage cache, the service worker, localStorage
 * and sessionStorage. Used when the server says the tablet was reported lost (docs/decisions/0036).
 * Resolves once every deletion has finished; rejects if one could not be done (the caller then does
 * not claim a wipe it did not make).
 */
export async function wipeThisTablet(): Promise<void> {
  await closeDatabase();
  const failures: string[] = [];
  if (typeof indexedDB !== "undefined") {
    const names =
      typeof indexedDB.databases === "function" ? (await indexedDB.databases()).map((d) => d.name) : [];
    for (const name of names) {
      if (name === undefined) continue;
      try {
        await deleteDatabase(name);
      } catch {
        failures.push(`database ${name}`);
      }
    }
  }
  if (typeof caches !== "undefined") {
    for (const key of await caches.keys()) {
      if (!(await caches.delete(key))) failures.push(`cache ${key}`);
    }
  }
  if ("serviceWorker" in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      await registration.unregister().catch(() => failures.push("service worker"));
    }
  }
  for (const storage of [window.localStorage, window.sessionStorage]) {
    try {
      storage.clear();
    } catch {
      failures.push("web storage");
    }
  }
  if (failures.length > 0) throw new Error(`Could not delete: ${failures.join(", ")}.`);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // "blocked": another tab still has it open; it closes on the version change (db.ts) and the
    // deletion then completes, firing success.
  });
}

let handling: Promise<void> | null = null;

/**
 * The server answered `device_lost`: stop everything, delete every store, show the "reported lost"
 * screen, and tell the server the wipe happened (best effort; the token is read before the wipe
 * clears it and used once). Several answers arriving together share one wipe.
 */
export function tabletReportedLost(token: string | null): Promise<void> {
  handling ??= (async () => {
    setTabletWiped(true);
    let complete = true;
    try {
      await wipeThisTablet();
    } catch {
      complete = false;
    }
    try {
      window.localStorage.setItem(WIPED_MARKER_KEY, new Date().toISOString());
    } catch {
      // The screen still shows for this page; a reload shows the sign-in page.
    }
    if (complete && token) {
      try {
        await fetch(WIPED_PATH, {
          method: "POST",
          credentials: "same-origin",
          headers: { accept: "application/json", "content-type": "application/json", [DEVICE_HEADER]: token },
          body: "{}",
        });
      } catch {
        // Offline or refused: the server then only knows the tablet was told.
      }
    }
  })();
  return handling;
}
