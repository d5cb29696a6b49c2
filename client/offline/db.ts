import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from "idb";
import type { OutboxState } from "../../shared/fieldwork/outbox-state.ts";
import type { DraftRecord, OutboxRecord } from "./records.ts";
import { checkStore } from "./storage-pressure.ts";
import { tabletWiped } from "./wipe-state.ts";

/**
 * The tablet's own database (IndexedDB through `idb`). It survives reloads, crashes, a flat battery
 * and days offline; with persistent storage granted the browser will not clear it to make room.
 * - drafts: interviews in progress, one row each, rewritten after every answer;
 * - outbox: finished interviews, safeguarding concerns, debriefs and reschedules until the server
 *   has them, and afterwards their receipts (without the answers) for a fortnight.
 *
 * Until November 2026 Dexie kept this database. Its `version(1)` made IndexedDB version 10 (Dexie
 * multiplies by ten) with exactly the stores and indexes below, so tablets that ran the Dexie
 * version open their database unchanged, records and all: same name, same version, same schema
 * (test/client/offline/dexie-database.test.ts). A schema change is a higher version (20, 30, …) and
 * `upgrade` only ever adds what is missing; it never deletes a store, an index or a record.
 */
export const DATABASE_NAME = "alongside-fieldwork";
export const DATABASE_VERSION = 10;

export interface FieldworkSchema extends DBSchema {
  drafts: { key: string; value: DraftRecord; indexes: { updatedAt: string } };
  outbox: { key: string; value: OutboxRecord; indexes: { state: OutboxState; queuedAt: string } };
}

export type StoreName = "drafts" | "outbox";

/** Every store with its indexes (each index's key path is its name), as Dexie made them. */
const STORES: Record<StoreName, string[]> = {
  drafts: ["updatedAt"],
  outbox: ["state", "queuedAt"],
};

export type FieldworkDatabase = IDBPDatabase<FieldworkSchema>;

let connection: Promise<FieldworkDatabase> | null = null;
/** The latest open made the database: it did not exist before (first use, or it disappeared: storage-pressure.ts). */
let createdThisSession = false;

export async function wasCreatedThisSession(): Promise<boolean> {
  await database();
  return createdThisSession;
}

/** The open database (opened once per page, on first use). */
export function database(): Promise<FieldworkDatabase> {
  // A tablet reported lost deleted its stores: opening would create the database afresh.
  if (tabletWiped()) return Promise.reject(new Error("This tablet's stores were deleted."));
  if (connection) return connection;
  createdThisSession = false;
  let created = false;
  const opening = openDB<FieldworkSchema>(DATABASE_NAME, DATABASE_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion === 0) {
        created = true;
        createdThisSession = true;
      }
      for (const [name, indexes] of Object.entries(STORES) as [StoreName, string[]][]) {
        const store = db.objectStoreNames.contains(name)
          ? transaction.objectStore(name)
          : db.createObjectStore(name, { keyPath: "id" });
        for (const index of indexes) {
          if (!store.indexNames.contains(index as never)) store.createIndex(index as never, index);
        }
      }
    },
    // A newer version of the app (another tab) needs to upgrade the database: let it.
    blocking() {
      void opening.then((db) => db.close());
      if (connection === opening) connection = null;
    },
    // The browser closed the connection (storage cleared, disk error): open again on next use.
    terminated() {
      if (connection === opening) connection = null;
    },
  });
  connection = opening;
  // Every open, not only the page's first: a store cleared while the page is open (someone clearing
  // the site's data) and made again by the next save is a loss too (storage-pressure.ts).
  opening.then(
    () => checkStore(created),
    // Opening failed (storage refused, a newer version present): try again on the next call.
    () => {
      if (connection === opening) connection = null;
    },
  );
  return opening;
}

/** Closes this page's connection; the next call opens it again (tests stand in for a reload with it). */
export async function closeDatabase(): Promise<void> {
  const open = connection;
  connection = null;
  if (open) (await open.catch(() => null))?.close();
}

type WriteTransaction<N extends StoreName> = IDBPTransaction<FieldworkSchema, N[], "readwrite">;

/**
 * One read-write transaction over `stores`: `work` may await only requests on `transaction` (an
 * IndexedDB transaction commits as soon as no request is pending). Resolves once it has committed,
 * and then tells every live query, in this tab and others. If `work` fails, nothing is written.
 */
export async function write<N extends StoreName>(
  stores: N[],
  work: (transaction: WriteTransaction<N>) => Promise<unknown>,
): Promise<void> {
  const db = await database();
  const transaction = db.transaction(stores, "readwrite");
  const done = transaction.done;
  try {
    await work(transaction);
  } catch (error) {
    done.catch(() => undefined);
    try {
      transaction.abort();
    } catch {
      // Already finished (a failed request aborts it by itself).
    }
    throw error;
  }
  await done;
  announce(stores);
}

/*
 * Changes, for live queries. After every write the stores it changed are announced to listeners in
 * this page and, over a BroadcastChannel, in the app's other tabs (which then read the database
 * again). Where BroadcastChannel is missing, other tabs catch up when they next read.
 */
const CHANGES_CHANNEL = "alongside-fieldwork-changes";
type ChangeListener = (stores: StoreName[]) => void;
const listeners = new Set<ChangeListener>();
let channel: BroadcastChannel | null | undefined;

function changesChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  channel = null;
  try {
    if (typeof BroadcastChannel === "function") {
      const opened = new BroadcastChannel(CHANGES_CHANNEL);
      opened.onmessage = (event: MessageEvent<unknown>) => {
        if (Array.isArray(event.data)) tell(event.data as StoreName[]);
      };
      // Node (tests): do not keep the process alive for this channel.
      (opened as { unref?: () => void }).unref?.();
      channel = opened;
    }
  } catch {
    // No cross-tab signal; this tab's own changes are still announced.
  }
  return channel;
}

function tell(stores: StoreName[]): void {
  for (const listener of [...listeners]) {
    try {
      listener(stores);
    } catch {
      // One listener's failure must not stop the others (or the write that announced it).
    }
  }
}

function announce(stores: StoreName[]): void {
  tell(stores);
  try {
    changesChannel()?.postMessage(stores);
  } catch {
    // A closed channel: the other tabs read again on their next change.
  }
}

const readers = new WeakMap<object, StoreName[]>();

/**
 * Says that `query` reads only `stores`, so a live query of it does not run again when another store
 * changes (a draft saved on every keystroke need not re-read the outbox). Queries not marked run again
 * after any change.
 */
export function readsOnly(stores: StoreName[], query: object): void {
  readers.set(query, stores);
}

/** The stores `query` reads, if it was marked with `readsOnly`. */
export function storesRead(query: object): StoreName[] | undefined {
  return readers.get(query);
}

/** Calls `listener` with the stores changed after every write, in this tab or another one. */
export function subscribeChanges(listener: ChangeListener): () => void {
  changesChannel();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
