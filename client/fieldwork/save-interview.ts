import type { SyncItem } from "../../shared/contract/index.ts";
import { type OutboxEntry, outbox } from "./outbox.ts";
import { type UploadResult, uploadEntries } from "./upload.ts";

export interface SaveResult {
  upload: UploadResult;
  /** False when the device refused to store it (storage full): then only this screen holds it. */
  keptOnDevice: boolean;
}

export function outboxEntryFor(item: SyncItem, surveyTitle: string): OutboxEntry {
  return { item, surveyTitle, queuedAt: new Date().toISOString(), attempts: 0, lastError: null };
}

/** Outbox first, then the server: the order that makes a failed upload lose nothing. */
export async function saveInterview(entry: OutboxEntry): Promise<SaveResult> {
  let keptOnDevice = true;
  try {
    await outbox.put(entry);
  } catch {
    keptOnDevice = false;
  }
  const results = await uploadEntries([entry]);
  const upload = results.get(entry.item.id) ?? { kind: "kept", reason: "The upload did not finish." };
  return { upload, keptOnDevice };
}
