import { database, readsOnly, write } from "./db.ts";
import type { DraftRecord, InterviewRecord, OutboxRecord } from "./records.ts";

/** Interviews in progress on this tablet, the most recently touched first. */
export async function listDrafts(): Promise<DraftRecord[]> {
  return (await (await database()).getAllFromIndex("drafts", "updatedAt")).reverse();
}

export async function getDraft(id: string): Promise<DraftRecord | undefined> {
  return (await database()).get("drafts", id);
}

readsOnly(["drafts"], listDrafts);
readsOnly(["drafts"], getDraft);

export async function putDraft(draft: DraftRecord): Promise<void> {
  await write(["drafts"], (tx) => tx.objectStore("drafts").put(draft));
}

/** Throws away an interview in progress: only when the researcher has confirmed it. */
export async function deleteDraft(id: string): Promise<void> {
  await write(["drafts"], (tx) => tx.objectStore("drafts").delete(id));
}

/**
 * Moves a finished interview from the drafts to the outbox in one transaction, so there is no moment
 * when it is in neither (a crash between two writes could otherwise lose it) and none when it is in
 * both (which would show it twice).
 */
export async function moveDraftToOutbox(draftId: string, record: OutboxRecord | null): Promise<void> {
  await write(["drafts", "outbox"], async (tx) => {
    if (record) await tx.objectStore("outbox").put(record);
    await tx.objectStore("drafts").delete(draftId);
  });
}

type SaveState = "saved" | "saving" | "failed";

/**
 * Saves one interview's draft as it changes. Every answer asks for a save; writes run one at a time
 * and a burst of answers (typing) collapses into the latest state, so the newest answers are never
 * overwritten by an older write that finished late.
 */
export class DraftSaver {
  private latest: DraftRecord;
  private pending = false;
  private writing: Promise<void> | null = null;
  private snapshot: { state: SaveState; savedAt: string };
  private readonly listeners = new Set<() => void>();

  constructor(draft: DraftRecord) {
    this.latest = draft;
    this.snapshot = { state: "saved", savedAt: draft.updatedAt };
  }

  get current(): DraftRecord {
    return this.latest;
  }

  /** The same object until the state changes (for `useSyncExternalStore`). */
  status(): { state: SaveState; savedAt: string } {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  save(change: Partial<DraftRecord>): void {
    this.latest = { ...this.latest, ...change, updatedAt: new Date().toISOString() };
    this.pending = true;
    this.setState("saving");
    this.writing ??= this.drain();
  }

  /** Resolves once everything asked for so far is on disk (or has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        this.pending = false;
        const snapshot = this.latest;
        try {
          await putDraft(snapshot);
          if (!this.pending) this.setState("saved", snapshot.updatedAt);
        } catch {
          // Storage full or refused: say so on screen; the next answer tries again.
          this.setState("failed");
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private setState(state: SaveState, savedAt = this.snapshot.savedAt): void {
    if (state === this.snapshot.state && savedAt === this.snapshot.savedAt) return;
    this.snapshot = { state, savedAt };
    for (const listener of this.listeners) listener();
  }
}

/** The interview as the outbox keeps it, once it has ended. */
export function interviewRecord(
  draft: DraftRecord,
  item: InterviewRecord["item"],
  now: string,
): InterviewRecord {
  return {
    kind: "interview",
    id: draft.id,
    ownerId: draft.ownerId,
    ownerName: draft.ownerName,
    surveyTitle: draft.version.title,
    item,
    queuedAt: now,
    state: "waiting",
    attempts: 0,
    lastError: null,
    receipt: null,
    settledAt: null,
  };
}
