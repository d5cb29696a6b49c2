import { database, readsOnly, write } from "./db.ts";
import type { DraftRecord, InterviewRecord, OutboxRecord } from "./records.ts";
import { isQuotaExceeded } from "./storage-pressure.ts";

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
/** Why the last save failed: the tablet's storage is full, or it refused for another reason. */
export type SaveFailure = "full" | "refused";
export interface SaveStatus {
  state: SaveState;
  savedAt: string;
  /** Set when `state` is "failed". */
  failure?: SaveFailure;
}

/** After a failed save, the saver tries again by itself this often until it works (issue 17). */
export const SAVE_RETRY_MS = 5_000;

/**
 * Saves one interview's draft as it changes. Every answer asks for a save; writes run one at a time
 * and a burst of answers (typing) collapses into the latest state, so the newest answers are never
 * overwritten by an older write that finished late.
 */
export class DraftSaver {
  private latest: DraftRecord;
  private pending = false;
  private writing: Promise<void> | null = null;
  private snapshot: SaveStatus;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  constructor(draft: DraftRecord) {
    this.latest = draft;
    this.snapshot = { state: "saved", savedAt: draft.updatedAt };
  }

  get current(): DraftRecord {
    return this.latest;
  }

  /** The same object until the state changes (for `useSyncExternalStore`). */
  status(): SaveStatus {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  save(change: Partial<DraftRecord>): void {
    this.latest = { ...this.latest, ...change, updatedAt: new Date().toISOString() };
    if (this.stopped) return;
    this.pending = true;
    this.setState("saving");
    this.writing ??= this.drain();
  }

  /**
   * No more writes (the interview is ending and its draft is about to move to the outbox: a late
   * retry must not bring the draft back). `resume` undoes it if ending failed.
   */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  resume(): void {
    this.stopped = false;
    if (this.snapshot.state !== "saved") this.retrySoon();
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
        } catch (error) {
          // Storage full or refused: say so on screen. The answers stay in memory (`current`) and
          // are tried again by the next answer or, without one, after a few seconds.
          this.setState("failed", this.snapshot.savedAt, isQuotaExceeded(error) ? "full" : "refused");
          this.retrySoon();
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private retrySoon(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped || this.snapshot.state !== "failed") return;
      this.pending = true;
      this.writing ??= this.drain();
    }, SAVE_RETRY_MS);
    (this.retryTimer as { unref?: () => void }).unref?.();
  }

  private setState(state: SaveState, savedAt = this.snapshot.savedAt, failure?: SaveFailure): void {
    if (
      state === this.snapshot.state &&
      savedAt === this.snapshot.savedAt &&
      failure === this.snapshot.failure
    )
      return;
    this.snapshot = failure ? { state, savedAt, failure } : { state, savedAt };
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
