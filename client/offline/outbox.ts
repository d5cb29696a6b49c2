import { isOnServer, stateForOutcome } from "../../shared/fieldwork/outbox-state.ts";
import { db } from "./db.ts";
import type { OutboxRecord, Receipt } from "./records.ts";

/**
 * The outbox: everything waiting for the server, and receipts of what reached it. An item leaves the
 * "waiting" state only on an answer from the server; whatever else happens, it stays on the tablet.
 */

/** Receipts are kept this long after the server has an item, then tidied away. */
const RECEIPT_DAYS = 14;

export async function queue(record: OutboxRecord): Promise<void> {
  await db.outbox.put(record);
}

export async function listOutbox(): Promise<OutboxRecord[]> {
  return db.outbox.orderBy("queuedAt").toArray();
}

export async function getRecord(id: string): Promise<OutboxRecord | undefined> {
  return db.outbox.get(id);
}

/** Items to send, oldest first. */
export async function waitingRecords(): Promise<OutboxRecord[]> {
  return db.outbox.where("state").equals("waiting").sortBy("queuedAt");
}

/** After a crash or a closed tab mid-upload, "uploading" items go back to waiting. */
export async function resetInterrupted(): Promise<void> {
  await db.outbox.where("state").equals("uploading").modify({ state: "waiting" });
}

export async function markUploading(ids: string[]): Promise<void> {
  await db.outbox.where("id").anyOf(ids).modify({ state: "uploading" });
}

/**
 * The server answered for these items, in one transaction (one change for the screens watching the
 * outbox, however big the batch). Once an item is on the server the tablet keeps only the receipt:
 * participant answers and free text do not stay on a shared device longer than they must.
 */
export async function settleAll(answers: { id: string; receipt: Receipt }[], now: string): Promise<void> {
  if (answers.length === 0) return;
  await db.transaction("rw", db.outbox, async () => {
    const records = await db.outbox.bulkGet(answers.map((a) => a.id));
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
    await db.outbox.bulkPut(updated);
  });
}

export async function settle(id: string, receipt: Receipt, now: string): Promise<void> {
  await settleAll([{ id, receipt }], now);
}

/** No answer (offline, server down, signed out): back to waiting, with the reason and one more try counted. */
export async function keepWaiting(ids: string[], reason: string): Promise<void> {
  await db.outbox
    .where("id")
    .anyOf(ids)
    .modify((record) => {
      record.state = "waiting";
      record.attempts += 1;
      record.lastError = reason;
    });
}

/** "Try again" on a refused item: it goes back in the queue with its content as it was. */
export async function retry(id: string): Promise<void> {
  await db.outbox
    .where("id")
    .equals(id)
    .modify((record) => {
      if (record.state !== "refused") return;
      record.state = "waiting";
      record.receipt = null;
      record.settledAt = null;
    });
}

/** Deleting from the tablet: only a refused item, and only when the researcher confirmed it. */
export async function removeRefused(id: string): Promise<void> {
  await db.outbox
    .where("id")
    .equals(id)
    .and((record) => record.state === "refused")
    .delete();
}

export async function pruneReceipts(now: Date): Promise<void> {
  const before = new Date(now.getTime() - RECEIPT_DAYS * 86_400_000).toISOString();
  await db.outbox
    .filter((record) => isOnServer(record.state) && record.settledAt !== null && record.settledAt < before)
    .delete();
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
