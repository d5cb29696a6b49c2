import { isOnServer, stateForOutcome } from "../../shared/fieldwork/outbox-state.ts";
import { database, readsOnly, write } from "./db.ts";
import { SealError } from "./envelope.ts";
import type { OutboxRecord, Receipt } from "./records.ts";
import {
  hasSpace,
  openOutboxAsOwner,
  openOutboxWith,
  resealOutboxContent,
  type SealedOutboxRecord,
  sealOutboxRecord,
} from "./space.ts";
import { SpaceLockedError } from "./space-locked.ts";
import { spaceSession } from "./space-session.ts";

/**
 * The outbox: everything waiting for the server, and receipts of what reached it. An item leaves the
 * "waiting" state only on an answer from the server; whatever else happens, it stays on the tablet.
 *
 * At rest (issue 17, decisions 0035 and 0042) an item of a researcher with a space on this tablet is
 * sealed (`SealedOutboxRecord`): only its id, owner, kind, state, times, tries and last error stay
 * readable. Its own key is wrapped for its author (who sees their own items) and for the tablet's
 * outbox key pair (so the uploader sends it without the author's PIN). A researcher without a space
 * (a browser that is not an enrolled tablet, where the PIN is only offered) keeps plain items, sealed
 * on their first unlock (space-migration.ts).
 */

/** Receipts are kept this long after the server has an item, then tidied away. */
const RECEIPT_DAYS = 14;

/** An item as it is stored: sealed, or plain (no space, or from before spaces). */
export type StoredOutboxRecord = OutboxRecord | SealedOutboxRecord;

/** What anyone on the tablet may know of an item without opening it (the sync status counts these). */
export type OutboxEnvelope = Pick<
  OutboxRecord,
  "id" | "ownerId" | "ownerName" | "kind" | "state" | "queuedAt" | "attempts" | "settledAt" | "lastError"
>;

export function isSealedRecord(stored: StoredOutboxRecord): stored is SealedOutboxRecord {
  return "sealed" in stored;
}

/**
 * The form an item is stored in: sealed with its author's unlocked space; plain only for a researcher
 * with no space here; refused (`SpaceLockedError`) when the author has a space that is locked.
 */
export async function outboxAtRest(record: OutboxRecord): Promise<StoredOutboxRecord> {
  const space = spaceSession.current();
  if (space && space.ownerId === record.ownerId) return sealOutboxRecord(space, record);
  if (await hasSpace(record.ownerId)) throw new SpaceLockedError();
  return record;
}

export async function queue(record: OutboxRecord): Promise<void> {
  // Sealed before the transaction: WebCrypto cannot run inside one.
  const stored = await outboxAtRest(record);
  await write(["outbox"], (tx) => tx.objectStore("outbox").put(stored as OutboxRecord));
}

async function stored(): Promise<StoredOutboxRecord[]> {
  return (await (await database()).getAllFromIndex("outbox", "queuedAt")) as StoredOutboxRecord[];
}

/** Every item on the tablet, oldest first, as anyone may see it: the envelope, never the content. */
export async function listOutbox(): Promise<OutboxEnvelope[]> {
  return stored();
}

/**
 * An item in plain words if this page may read it: plain and `ownerId`'s (when given), or sealed and
 * opened with its author's unlocked space. Anyone else's, or a locked space's, is undefined.
 */
async function readable(
  record: StoredOutboxRecord | undefined,
  ownerId?: string,
): Promise<OutboxRecord | undefined> {
  if (!record || (ownerId !== undefined && record.ownerId !== ownerId)) return undefined;
  if (!isSealedRecord(record)) return record;
  const space = spaceSession.current();
  if (!space || space.ownerId !== record.ownerId) return undefined;
  try {
    return await openOutboxAsOwner(space, record);
  } catch (error) {
    if (error instanceof SealError) return undefined;
    throw error;
  }
}

export async function getRecord(id: string, ownerId?: string): Promise<OutboxRecord | undefined> {
  return readable((await (await database()).get("outbox", id)) as StoredOutboxRecord | undefined, ownerId);
}

/** What a screen that opens one item by id may show: the researcher's own item, or plainly not. */
export type RecordLookup =
  | { kind: "mine"; record: OutboxRecord }
  /** Someone else's, or sealed for a space that is not open: the screen says it is not theirs. */
  | { kind: "not_yours" }
  | { kind: "missing" };

export async function lookUpRecord(id: string, ownerId: string): Promise<RecordLookup> {
  const record = (await (await database()).get("outbox", id)) as StoredOutboxRecord | undefined;
  if (!record) return { kind: "missing" };
  const opened = await readable(record, ownerId);
  return opened ? { kind: "mine", record: opened } : { kind: "not_yours" };
}

/** Items to send, oldest first, as stored (the uploader opens sealed ones with the upload key). */
export async function waitingRecords(): Promise<StoredOutboxRecord[]> {
  const records = (await (
    await database()
  ).getAllFromIndex("outbox", "state", "waiting")) as StoredOutboxRecord[];
  // A stable sort: items queued at the same moment keep their id order.
  return records.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0));
}

/** Every item, as stored (the uploader's manifest and the migration read these). */
export const storedOutbox = stored;

for (const query of [listOutbox, getRecord, waitingRecords, lookUpRecord, storedOutbox])
  readsOnly(["outbox"], query);

const outboxQueries = new Map<string, () => Promise<OutboxRecord[]>>();

/**
 * One researcher's items, for the screens that show what is in them (issue 17: another researcher
 * signed in on the tablet sees none of them). The uploader still sends everyone's (`waitingRecords`).
 */
export function outboxOf(ownerId: string): () => Promise<OutboxRecord[]> {
  let query = outboxQueries.get(ownerId);
  if (!query) {
    query = async () => {
      const mine = (await stored()).filter((record) => record.ownerId === ownerId);
      const opened = await Promise.all(mine.map((record) => readable(record, ownerId)));
      return opened.filter((record): record is OutboxRecord => record !== undefined);
    };
    readsOnly(["outbox"], query);
    outboxQueries.set(ownerId, query);
  }
  return query;
}

/**
 * Changes the stored items with these ids (those still there) in one transaction: every item is
 * read and written back inside it, so no other write can come between. `change` returns the item
 * to store, or null to leave it as it is.
 */
async function modify(
  ids: string[],
  change: (record: StoredOutboxRecord) => StoredOutboxRecord | null,
): Promise<void> {
  await write(["outbox"], async (tx) => {
    const store = tx.objectStore("outbox");
    const records = (await Promise.all([...new Set(ids)].map((id) => store.get(id)))) as (
      | StoredOutboxRecord
      | undefined
    )[];
    const changed = records.flatMap((record) => (record ? (change(record) ?? []) : []));
    await Promise.all(changed.map((record) => store.put(record as OutboxRecord)));
  });
}

/**
 * Stores items whose own key was newly wrapped for the tablet's outbox key pair (`resealForOutbox`):
 * only the wraps change, so whatever else changed meanwhile (state, receipt) is kept.
 */
export async function storeRewrapped(records: SealedOutboxRecord[]): Promise<void> {
  if (records.length === 0) return;
  await write(["outbox"], async (tx) => {
    const store = tx.objectStore("outbox");
    for (const record of records) {
      const current = (await store.get(record.id)) as StoredOutboxRecord | undefined;
      if (current && isSealedRecord(current) && current.keys.owner.by === record.keys.owner.by)
        await store.put({ ...current, keys: record.keys } as unknown as OutboxRecord);
    }
  });
}

/** After a crash or a closed tab mid-upload, "uploading" items go back to waiting. */
export async function resetInterrupted(): Promise<void> {
  await write(["outbox"], async (tx) => {
    const store = tx.objectStore("outbox");
    const uploading = await store.index("state").getAll("uploading");
    await Promise.all(uploading.map((record) => store.put({ ...record, state: "waiting" })));
  });
}

export async function markUploading(ids: string[]): Promise<void> {
  await modify(ids, (record) => ({ ...record, state: "uploading" }));
}

/**
 * The server answered for these items, in one transaction (one change for the screens watching the
 * outbox, however big the batch). Once an item is on the server the tablet keeps only the receipt:
 * participant answers and free text do not stay on a shared device longer than they must.
 *
 * A sealed item is re-sealed with its receipt (and without its answers) under its own key, which the
 * uploader opened it with (`keys`, by id): the receipt stays inside the seal. The sealing runs before
 * the transaction (WebCrypto cannot run inside one); the transaction stores it only if the item is
 * still in the state it was read in.
 */
export async function settleAll(
  answers: { id: string; receipt: Receipt }[],
  now: string,
  keys: ReadonlyMap<string, CryptoKey> = new Map(),
): Promise<void> {
  if (answers.length === 0) return;
  const settled = (record: OutboxRecord, receipt: Receipt): OutboxRecord => {
    const next: OutboxRecord = {
      ...record,
      receipt,
      lastError: null,
      settledAt: now,
      state: stateForOutcome(receipt.outcome),
    };
    if (isOnServer(next.state)) forgetContent(next);
    return next;
  };
  const resealed = new Map<string, { readState: string; next: SealedOutboxRecord }>();
  // Read in one transaction (not one per item), then sealed outside it.
  const read = (await database()).transaction("outbox");
  const before = (await Promise.all(answers.map(({ id }) => read.store.get(id)))) as (
    | StoredOutboxRecord
    | undefined
  )[];
  // All at once: WebCrypto runs each open and seal off the page's thread, so they overlap.
  await Promise.all(
    answers.map(async ({ id, receipt }, index) => {
      const record = before[index];
      const key = keys.get(id);
      if (!record || !isSealedRecord(record) || !key) return;
      const next = settled(await openOutboxWith(key, record), receipt);
      resealed.set(id, {
        readState: record.state,
        next: {
          ...record,
          state: next.state,
          settledAt: next.settledAt,
          lastError: null,
          sealed: await resealOutboxContent(key, next),
        },
      });
    }),
  );
  await write(["outbox"], async (tx) => {
    const store = tx.objectStore("outbox");
    const records = (await Promise.all(answers.map((a) => store.get(a.id)))) as (
      | StoredOutboxRecord
      | undefined
    )[];
    const updated = records.flatMap((record, index): StoredOutboxRecord[] => {
      const receipt = answers[index]?.receipt;
      if (!record || !receipt) return [];
      if (!isSealedRecord(record)) return [settled(record, receipt)];
      const ready = resealed.get(record.id);
      // Sealed, and not opened by whoever is settling it (or changed meanwhile): left as it is.
      if (!ready || ready.readState !== record.state) return [];
      return [{ ...ready.next, keys: record.keys }];
    });
    await Promise.all(updated.map((record) => store.put(record as OutboxRecord)));
  });
}

export async function settle(
  id: string,
  receipt: Receipt,
  now: string,
  keys: ReadonlyMap<string, CryptoKey> = new Map(),
): Promise<void> {
  await settleAll([{ id, receipt }], now, keys);
}

/** No answer (offline, server down, signed out): back to waiting, with the reason and one more try counted. */
export async function keepWaiting(ids: string[], reason: string): Promise<void> {
  await modify(ids, (record) => ({
    ...record,
    state: "waiting",
    attempts: record.attempts + 1,
    lastError: reason,
  }));
}

/** "Try again" on a refused item: it goes back in the queue with its content as it was. */
export async function retry(id: string): Promise<void> {
  await modify([id], (record) => {
    if (record.state !== "refused") return null;
    // A sealed item's receipt is inside its seal; opening it while waiting answers no receipt.
    return isSealedRecord(record)
      ? { ...record, state: "waiting", settledAt: null }
      : { ...record, state: "waiting", receipt: null, settledAt: null };
  });
}

/** Deleting from the tablet: only a refused item, and only when the researcher confirmed it. */
export async function removeRefused(id: string): Promise<void> {
  await write(["outbox"], async (tx) => {
    const store = tx.objectStore("outbox");
    if ((await store.get(id))?.state === "refused") await store.delete(id);
  });
}

export async function pruneReceipts(now: Date): Promise<void> {
  const before = new Date(now.getTime() - RECEIPT_DAYS * 86_400_000).toISOString();
  await write(["outbox"], async (tx) => {
    let cursor = await tx.objectStore("outbox").openCursor();
    while (cursor) {
      const record = cursor.value;
      if (isOnServer(record.state) && record.settledAt !== null && record.settledAt < before) {
        await cursor.delete();
      }
      cursor = await cursor.continue();
    }
  });
}

function forgetContent(record: OutboxRecord): void {
  switch (record.kind) {
    case "interview":
      record.item = { ...record.item, data: {} };
      return;
    case "concern":
      record.body = { ...record.body, description: "" };
      return;
    case "debrief":
      record.body = { ...record.body, notes: "" };
      return;
    case "reschedule":
      return;
  }
}
