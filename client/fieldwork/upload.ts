import { MAX_SYNC_ITEMS, type SyncOutcome } from "../../shared/contract/index.ts";
import { ApiError, errorMessage } from "../api/api-error.ts";
import { sync } from "../api/sync.ts";
import { assertNever } from "../app/assert-never.ts";
import { deviceId } from "./device-id.ts";
import { type OutboxEntry, outbox } from "./outbox.ts";

export type StoredOutcome = Exclude<SyncOutcome, { outcome: "rejected" }>;

/** What became of one interview: stored on the server, or still only on this device. */
export type UploadResult = { kind: "stored"; outcome: StoredOutcome } | { kind: "kept"; reason: string };

/**
 * Sends outbox entries to the server and settles each one: an interview the server stored leaves
 * the outbox; anything else (rejected, no answer, no connection) stays, with the reason noted.
 */
export async function uploadEntries(entries: OutboxEntry[]): Promise<Map<string, UploadResult>> {
  const results = new Map<string, UploadResult>();
  for (let start = 0; start < entries.length; start += MAX_SYNC_ITEMS) {
    const batch = entries.slice(start, start + MAX_SYNC_ITEMS);
    for (const [id, result] of await uploadBatch(batch)) results.set(id, result);
  }
  for (const entry of entries) {
    if (!results.has(entry.item.id)) results.set(entry.item.id, unanswered);
  }
  await Promise.all(entries.map((entry) => settle(entry, results.get(entry.item.id) ?? unanswered)));
  return results;
}

const unanswered: UploadResult = {
  kind: "kept",
  reason: "The server did not say what happened to this interview.",
};

async function uploadBatch(batch: OutboxEntry[]): Promise<Map<string, UploadResult>> {
  const results = new Map<string, UploadResult>();
  try {
    const response = await sync({ deviceId: deviceId(), items: batch.map((entry) => entry.item) });
    for (const outcome of response.results) results.set(outcome.id, resultOf(outcome));
  } catch (error) {
    const reason =
      error instanceof ApiError && error.code === "not_signed_in"
        ? "You were signed out. Sign in again, then try again."
        : errorMessage(error);
    for (const entry of batch) results.set(entry.item.id, { kind: "kept", reason });
  }
  return results;
}

function resultOf(outcome: SyncOutcome): UploadResult {
  switch (outcome.outcome) {
    case "accepted":
    case "duplicate":
    case "conflict":
    case "needs_review":
      return { kind: "stored", outcome };
    case "rejected":
      return { kind: "kept", reason: errorMessage(new ApiError(outcome.problem)) };
    default:
      return assertNever(outcome);
  }
}

async function settle(entry: OutboxEntry, result: UploadResult): Promise<void> {
  if (result.kind === "stored") {
    await outbox.remove(entry.item.id);
    return;
  }
  try {
    await outbox.put({ ...entry, attempts: entry.attempts + 1, lastError: result.reason });
  } catch {
    // The device storage is full; the caller still holds the entry and says so.
  }
}
