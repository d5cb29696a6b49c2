import { DEVICE_HEADER } from "../../shared/contract/devices.ts";
import { lostDevicesApi } from "../../shared/contract/lost-devices.routes.ts";
import type { TakesOf } from "../../shared/contract/route.ts";
import { routeUrl } from "../api/route-url.ts";
import { closeDatabase } from "./db.ts";
import { setTabletWiped, setWipeFinished, WIPED_MARKER_KEY } from "./wipe-state.ts";

/**
 * Deletes everything this app keeps on the tablet: the service worker, every Cache Storage cache,
 * every IndexedDB database the browser lists for this origin (`indexedDB.databases()`), localStorage
 * and sessionStorage. Used when the server says the tablet was reported lost (docs/decisions/0036).
 *
 * Resolves once everything is gone; rejects if something is left. A database another holder keeps
 * open (the service worker's own bookkeeping, which never closes it) cannot go while that holder
 * lives: its deletion stays queued and completes when the worker stops, which it does once no page
 * is under its control. `tabletReportedLost` reloads the page for that and finishes the wipe after.
 */
export async function wipeThisTablet(): Promise<void> {
  await closeDatabase();
  const left: string[] = [];
  if ("serviceWorker" in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      if (!(await registration.unregister().catch(() => false))) left.push("service worker");
    }
  }
  if (typeof caches !== "undefined") {
    for (const key of await caches.keys()) {
      if (!(await caches.delete(key))) left.push(`cache ${key}`);
    }
  }
  if (typeof indexedDB !== "undefined" && typeof indexedDB.databases === "function") {
    const names = (await indexedDB.databases()).flatMap((d) => (d.name === undefined ? [] : [d.name]));
    const results = await Promise.all(names.map((name) => deleteDatabase(name)));
    names.forEach((name, i) => {
      if (!results[i]) left.push(`database ${name}`);
    });
  }
  try {
    window.sessionStorage.clear();
    // Everything but the "reported lost" marker (a time, no data), so a reload still says so.
    const local = window.localStorage;
    for (const key of Object.keys(local)) if (key !== WIPED_MARKER_KEY) local.removeItem(key);
  } catch {
    left.push("web storage");
  }
  if (left.length > 0) throw new Error(`Still on the tablet: ${left.join(", ")}.`);
}

/** True once deleted; false if it is still blocked after `waitMs` (the request stays queued). */
function deleteDatabase(name: string, waitMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve(true);
    };
    request.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
  });
}

/** What the marker holds: when, and the token until the server has heard of the wipe. */
interface WipedMarker {
  at: string;
  reportWith?: string;
}

let handling: Promise<void> | null = null;

/**
 * The server answered `device_lost`: stop everything (nothing renders but the "reported lost"
 * screen and the database may not be reopened), delete every store, then tell the server the wipe
 * happened (best effort). If something could not go yet (see `wipeThisTablet`), the page reloads
 * under no service worker and `finishWipe` completes it; until the server has heard, the lost token
 * is kept in the marker, since it can do nothing now but say "wiped". Several refusals arriving
 * together share one wipe.
 */
export function tabletReportedLost(token: string | null): Promise<void> {
  handling ??= (async () => {
    setTabletWiped(true);
    // The marker first: from here on a reload shows the "reported lost" screen and finishes the job.
    const marker: WipedMarker = { at: new Date().toISOString(), ...(token ? { reportWith: token } : {}) };
    writeMarker(marker);
    let complete = true;
    try {
      await wipeThisTablet();
    } catch {
      complete = false;
    }
    if (complete) setWipeFinished();
    if (complete && (!token || (await reportWiped(token)))) writeMarker({ at: marker.at });
    if (!(await everythingGone())) window.location.reload();
  })();
  return handling;
}

/**
 * On the "reported lost" screen (after the reload): delete whatever the first pass could not, and tell
 * the server if it has not heard yet. Tries again every few seconds until everything is gone: a
 * stopped service worker lets go of its database within about half a minute.
 */
export async function finishWipe(tries = 60, everyMs = 5000): Promise<boolean> {
  // In the page that heard `device_lost`, the first pass goes first.
  if (handling) await handling.catch(() => undefined);
  for (let attempt = 0; attempt < tries; attempt++) {
    const marker = readMarker();
    if (!marker) return false;
    let complete = true;
    try {
      await wipeThisTablet();
    } catch {
      complete = false;
    }
    if (complete) setWipeFinished();
    const reported = complete && marker.reportWith ? await reportWiped(marker.reportWith) : true;
    writeMarker(complete && reported ? { at: marker.at } : marker);
    if (complete && reported) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}

async function everythingGone(): Promise<boolean> {
  try {
    const databases = typeof indexedDB.databases === "function" ? await indexedDB.databases() : [];
    const cacheKeys = typeof caches === "undefined" ? [] : await caches.keys();
    return databases.length === 0 && cacheKeys.length === 0;
  } catch {
    return false;
  }
}

/**
 * Not through the transport, which sends the token from localStorage: that is wiped by now, and the
 * token to send is the one the marker kept. The address and method still come from the declaration.
 */
async function reportWiped(token: string): Promise<boolean> {
  const { wiped } = lostDevicesApi;
  const body: TakesOf<typeof wiped>["body"] = {};
  try {
    const response = await fetch(routeUrl(wiped, { body }), {
      method: wiped.method,
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": "application/json", [DEVICE_HEADER]: token },
      body: JSON.stringify(body),
    });
    // 403: the server does not take it (found again, say); nothing more to tell it.
    return response.ok || response.status === 403;
  } catch {
    return false;
  }
}

function writeMarker(marker: WipedMarker): void {
  try {
    window.localStorage.setItem(WIPED_MARKER_KEY, JSON.stringify(marker));
  } catch {
    // The screen still shows for this page; a reload shows the sign-in page.
  }
}

function readMarker(): WipedMarker | null {
  try {
    const text = window.localStorage.getItem(WIPED_MARKER_KEY);
    if (text === null) return null;
    const parsed = JSON.parse(text) as Partial<WipedMarker>;
    return {
      at: typeof parsed.at === "string" ? parsed.at : new Date().toISOString(),
      ...(typeof parsed.reportWith === "string" ? { reportWith: parsed.reportWith } : {}),
    };
  } catch {
    return null;
  }
}
