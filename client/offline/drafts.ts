import { database, readsOnly, write } from "./db.ts";
import { SealError } from "./envelope.ts";
import { outboxAtRest } from "./outbox.ts";
import type { DraftRecord, InterviewRecord, OutboxRecord } from "./records.ts";
import { hasSpace, openDraft, type SealedDraft, sealDraft } from "./space.ts";
import { SpaceLockedError } from "./space-locked.ts";
import { spaceSession } from "./space-session.ts";
import { isQuotaExceeded } from "./storage-pressure.ts";

/**
 * Drafts at rest (issue 17, decision 0035). A draft whose researcher's space is unlocked on this page
 * is stored sealed (`SealedDraft`: only id, owner and time stay readable) and opened with that space;
 * a sealed draft of anyone else, or of a locked space, cannot be read and is not listed. Drafts are
 * always listed per researcher: another researcher signed in on the tablet sees none of them.
 * A researcher with no space on this tablet (a browser that is not an enrolled tablet, where the PIN
 * is offered rather than required: decision 0042) has their drafts stored as before, in plain, and
 * sealed on their first unlock (space-migration.ts).
 */
type StoredDraft = DraftRecord | SealedDraft;

function isSealedDraft(stored: StoredDraft): stored is SealedDraft {
  return "sealed" in stored;
}

/** The draft in plain words if this page may read it: plain, or sealed for the unlocked space. */
async function readable(stored: StoredDraft | undefined): Promise<DraftRecord | undefined> {
  if (!stored) return undefined;
  if (!isSealedDraft(stored)) return stored;
  const space = spaceSession.current();
  if (!space || space.ownerId !== stored.ownerId) return undefined;
  try {
    return await openDraft(space, stored);
  } catch (error) {
    // Tampered with, or sealed with a key this space no longer holds: not readable, never shown.
    if (error instanceof SealError) return undefined;
    throw error;
  }
}

async function storedDrafts(): Promise<StoredDraft[]> {
  return (await (await database()).getAllFromIndex("drafts", "updatedAt")) as StoredDraft[];
}

/**
 * Interviews in progress on this tablet that this page can read, the most recently touched first:
 * only `ownerId`'s when given (what screens show), else every readable one.
 */
export async function listDrafts(ownerId?: string): Promise<DraftRecord[]> {
  const stored = (await storedDrafts()).filter((d) => ownerId === undefined || d.ownerId === ownerId);
  const opened = await Promise.all(stored.map(readable));
  return opened.filter((d): d is DraftRecord => d !== undefined).reverse();
}

/** A draft by id; `undefined` if it is not there, not `ownerId`'s (when given) or sealed for a locked space. */
export async function getDraft(id: string, ownerId?: string): Promise<DraftRecord | undefined> {
  const stored = (await (await database()).get("drafts", id)) as StoredDraft | undefined;
  if (stored && ownerId !== undefined && stored.ownerId !== ownerId) return undefined;
  return readable(stored);
}

readsOnly(["drafts"], listDrafts);
readsOnly(["drafts"], getDraft);

const draftQueries = new Map<string, () => Promise<DraftRecord[]>>();

/** The live query of one researcher's drafts (one function per researcher, marked as reading drafts only). */
export function draftsOf(ownerId: string): () => Promise<DraftRecord[]> {
  let query = draftQueries.get(ownerId);
  if (!query) {
    query = () => listDrafts(ownerId);
    readsOnly(["drafts"], query);
    draftQueries.set(ownerId, query);
  }
  return query;
}

/** The form a draft is stored in: sealed when its researcher's space is unlocked on this page. */
async function atRest(draft: DraftRecord): Promise<DraftRecord> {
  const space = spaceSession.current();
  if (space && space.ownerId === draft.ownerId)
    return (await sealDraft(space, draft)) as unknown as DraftRecord;
  // A researcher with a space whose space is locked (idle, hand-over): never fall back to plain. The
  // save fails, the saver keeps the answers in memory and tries again once the space is unlocked.
  if (await hasSpace(draft.ownerId)) throw new SpaceLockedError();
  return draft;
}

export { SpaceLockedError };

export async function putDraft(draft: DraftRecord): Promise<void> {
  // Sealed before the transaction: WebCrypto cannot run inside one (it would commit meanwhile).
  const stored = await atRest(draft);
  await write(["drafts"], (tx) => tx.objectStore("drafts").put(stored));
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
  // Sealed for the outbox before the transaction (decision 0042): never plain for a researcher with a space.
  const stored = record ? await outboxAtRest(record) : null;
  await write(["drafts", "outbox"], async (tx) => {
    if (stored) await tx.objectStore("outbox").put(stored as OutboxRecord);
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
