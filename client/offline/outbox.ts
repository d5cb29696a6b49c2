import { isOnServer, stateForOutcome } from "../../shared/fieldwork/outbox-state.ts";
import { database, readsOnly, write } from "./db.ts";
import type { OutboxRecord, Receipt } from "./records.ts";

/**
 * The outbox: everything waiting for the server, and receipts of what reached it. An item leaves the
 * "waiting" state only on an answer from the server; whatever else happens, it stays on the tablet.
 */

/** Receipts are kept this long after the server has an item, then tidied away. */
const RECEIPT_DAYS = 14;

export async function queue(record: OutboxRecord): Promise<void> {
  await write(["outbox"], (tx) => tx.objectStore("outbox").put(record));
}

export async function listOutbox(): Promise<OutboxRecord[]> {
  return (await database()).getAllFromIndex("outbox", "queuedAt");
}

export async function getRecord(id: string): Promise<OutboxRecord | undefined> {
  return (await database()).get("outbox", id);
}

/** Items to send, oldest first. */
export async function waitingRecords(): Promise<OutboxRecord[]> {
  const records = await (await database()).getAllFromIndex("outbox", "state", "waiting");
  // A stable sort: items queued at the same moment keep their id order.
  return records.sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0));
}

for (const query of [listOutbox, getRecord, waitingRecords]) readsOnly(["outbox"], query);

const outboxQueries = new Map<string, () => Promise<OutboxRecord[]>>();

/**
 * One researcher's items, for the screens that show what is in them (issue 17: another researcher
 * signed in on the tablet sees none of them). The uploader still sends everyone's (`waitingRecords`).
 */
export function outboxOf(ownerId: string): () => Promise<OutboxRecord[]> {
  let query = outboxQueries.get(ownerId);
  if (!query) {
    query = async () => (await listOutbox()).filter((record) => record.ownerId === ownerId);
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
async function modify(ids: string[], change: (record: OutboxRecord) => OutboxRecord | null): Promise<void> {
  await write(["outbox"], async (tx) => {
    const store = tx.objectStore("outbox");
    const records = await Promise.all([...new Set(ids)].map((id) => store.get(id)));
    const changed = records.flatMap((record) => (record ? (change(record) ?? []) : []));
    await Promise.all(changed.map((record) => store.put(record)));
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
 */
export async function settleAll(answers: { id: string; receipt: Receipt }[], now: string): Promise<void> {
  if (answers.length === 0) return;
  await write(["outbox"], async (tx) => {
    const store = tx.objectStore("outbox");
    const records = await Promise.all(answers.map((a) => store.get(a.id)));
    const updated = records.flatMap((record, index) => {
      const receipt = answers[index]?.receipt;
      if (!record || !receipt) return [];
      const next: OutboxRecord = {
        ...record,
        receipt,
        lastError: null,
        settledAt: now,
        state: stateForOutcome(receipt.outcome),
      };
      if (isOnServer(next.state)) forgetContent(next);
      return [next];
    });
    await Promise.all(updated.map((record) => store.put(record)));
  });
}

export async function settle(id: string, receipt: Receipt, now: string): Promise<void> {
  await settleAll([{ id, receipt }], now);
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
  await modify([id], (record) =>
    record.state === "refused" ? { ...record, state: "waiting", receipt: null, settledAt: null } : null,
  );
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
