import type { SyncItem } from "../../shared/contract/sync.ts";
import { write } from "./db.ts";
import type { InterviewRecord } from "./records.ts";

/**
 * The first version of the app kept finished interviews in localStorage. On first start of this
 * version they move into IndexedDB, in one transaction, and the old key is removed only afterwards;
 * an entry already in the new outbox is left as it is.
 */
const LEGACY_KEY = "alongside.outbox.v1";

interface LegacyEntry {
  item: SyncItem;
  surveyTitle: string;
  queuedAt: string;
  attempts: number;
  lastError: string | null;
}

export async function migrateLegacyOutbox(storage: Storage = window.localStorage): Promise<number> {
  const raw = storage.getItem(LEGACY_KEY);
  if (raw === null) return 0;
  let entries: LegacyEntry[];
  try {
    const parsed: unknown = JSON.parse(raw);
    entries = Array.isArray(parsed)
      ? (parsed as LegacyEntry[]).filter((e) => typeof e?.item?.id === "string")
      : [];
  } catch {
    return 0;
  }
  const records: InterviewRecord[] = entries.map((entry) => ({
    kind: "interview",
    id: entry.item.id,
    ownerId: "",
    ownerName: "",
    surveyTitle: entry.surveyTitle,
    item: entry.item,
    queuedAt: entry.queuedAt,
    state: "waiting",
    attempts: entry.attempts,
    lastError: entry.lastError,
    receipt: null,
    settledAt: null,
  }));
  await write(["outbox"], async (tx) => {
    const outbox = tx.objectStore("outbox");
    for (const record of records) {
      if (!(await outbox.get(record.id))) await outbox.put(record);
    }
  });
  storage.removeItem(LEGACY_KEY);
  return records.length;
}
