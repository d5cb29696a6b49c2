import { batches } from "../../shared/batches.ts";
import { debriefsApi } from "../../shared/contract/debriefs.routes.ts";
import { followUpsApi } from "../../shared/contract/follow-ups.routes.ts";
import type { Problem } from "../../shared/contract/problems.ts";
import { safeguardingApi } from "../../shared/contract/safeguarding.routes.ts";
import { syncApi } from "../../shared/contract/sync.routes.ts";
import type { SyncOutcome } from "../../shared/contract/sync.ts";
import type { UploadReceipt } from "../../shared/contract/upload-receipt.ts";
import { retryDelayMs } from "../../shared/fieldwork/backoff.ts";
import { isOnServer } from "../../shared/fieldwork/outbox-state.ts";
import { deviceId } from "./device-id.ts";
import { migrateLegacyOutbox } from "./legacy-outbox.ts";
import { sendManifest } from "./manifest.ts";
import {
  isSealedRecord,
  keepWaiting,
  markUploading,
  pruneReceipts,
  resetInterrupted,
  type StoredOutboxRecord,
  settle,
  settleAll,
  storedOutbox,
  storeRewrapped,
  waitingRecords,
} from "./outbox.ts";
import type { InterviewRecord, OutboxRecord, Receipt } from "./records.ts";
import {
  openOutboxWith,
  recordKeyForOwner,
  recordKeyForUpload,
  resealForOutbox,
  type SealedOutboxRecord,
} from "./space.ts";
import { spaceSession } from "./space-session.ts";
import { deviceToken, type UploadAnswer, upload } from "./transport.ts";
import { unlockOutbox } from "./upload-key.ts";

/**
 * Sends the outbox whenever the app is open and online: at start, when the connection returns, when
 * something is queued, on "Upload now", and after a failure with growing pauses (shared/fieldwork/
 * backoff.ts). Safeguarding concerns go first. Interviews go in batches of at most 50 with progress.
 * One tab at a time uploads (Web Locks), and every upload is idempotent on the server, so a lost
 * acknowledgement followed by a retry is answered "duplicate" and stores nothing twice.
 *
 * A session that ended, or a tablet whose enrolment was revoked, pauses the automatic tries (it would
 * only fail again) and says so; everything stays queued until the researcher signs in again.
 */
export const UPLOAD_BATCH = 50;

export type EnginePhase = "idle" | "offline" | "uploading" | "retrying" | "signed_out" | "blocked";

export interface EngineStatus {
  phase: EnginePhase;
  progress: { done: number; total: number } | null;
  nextRetryAt: number | null;
  /** For "signed_out" and "blocked": what happened, in words. */
  message: string | null;
  lastSuccessAt: string | null;
}

type RunResult = "done" | "unreachable" | "signed_out" | "blocked";

interface Signal {
  result: RunResult;
  message?: string;
  /** The server asked for this long before the next try (Retry-After on a 503/507). */
  retryAfterMs?: number;
}

const SIGNED_OUT =
  "You are signed out. Sign in again to upload: everything waiting stays on this tablet until then.";

export class SyncEngine {
  private user: { id: string } | null = null;
  private status: EngineStatus = {
    phase: "idle",
    progress: null,
    nextRetryAt: null,
    message: null,
    lastSuccessAt: null,
  };
  private readonly listeners = new Set<() => void>();
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  /** The browser said the connection is back while a run was going: one more try, even after a failure. */
  private reconnected = false;
  private prepared: Promise<void> | null = null;
  /** This run's opened items' own keys, by id (to re-seal them with the server's receipt); forgotten after it. */
  private keys = new Map<string, CryptoKey>();

  /** Starts (or resumes, after a new sign-in) uploading as this user. */
  start(user: { id: string }): void {
    const newUser = this.user?.id !== user.id;
    this.user = user;
    this.prepared ??= this.prepare();
    if (newUser || this.status.phase === "signed_out") {
      this.failures = 0;
      this.update({ phase: "idle", message: null, nextRetryAt: null });
    }
    this.kick();
  }

  /** Stops trying (no timer left behind); `start` begins again. */
  dispose(): void {
    clearTimeout(this.timer);
    this.user = null;
  }

  getStatus = (): EngineStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Something new is queued, or the connection may be back: try now unless paused. */
  kick(): void {
    if (!this.user) return;
    if (this.status.phase === "signed_out" || this.status.phase === "blocked") return;
    if (!navigator.onLine) {
      if (this.status.phase !== "uploading") this.update({ phase: "offline", nextRetryAt: null });
      return;
    }
    void this.run();
  }

  /** The researcher pressed "Upload now": try at once, whatever the backoff or pause says. */
  async uploadNow(): Promise<void> {
    if (!this.user) return;
    this.failures = 0;
    this.update({ phase: "idle", message: null, nextRetryAt: null });
    await this.run();
  }

  private async prepare(): Promise<void> {
    window.addEventListener("online", () => {
      this.reconnected = true;
      this.kick();
    });
    window.addEventListener("offline", () => {
      if (this.status.phase !== "uploading") this.update({ phase: "offline", nextRetryAt: null });
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && this.status.phase !== "retrying") this.kick();
    });
    try {
      await migrateLegacyOutbox();
    } catch {
      // The old entries stay in localStorage and are tried again next start.
    }
    await resetInterrupted();
    await pruneReceipts(new Date());
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    clearTimeout(this.timer);
    this.running = (async () => {
      await this.prepared;
      do {
        this.again = false;
        this.reconnected = false;
        clearTimeout(this.timer);
        const locks = navigator.locks;
        const signal = locks
          ? await locks.request("alongside-upload", () => this.uploadRun())
          : await this.uploadRun();
        this.after(signal);
        // After a failure the backoff decides, except when the connection came back during the run
        // (that kick used to be lost, leaving the tablet to wait out its 2.5–5 s first backoff or longer).
      } while (
        this.again &&
        (this.status.phase === "idle" || (this.reconnected && this.status.phase === "retrying"))
      );
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private after(signal: Signal): void {
    switch (signal.result) {
      case "done":
        this.failures = 0;
        this.update({ phase: "idle", progress: null, nextRetryAt: null, message: null });
        return;
      case "unreachable": {
        this.failures += 1;
        // Never sooner than the server asked (a database restarting says 5 s, a full disk 60 s).
        const delay = Math.max(retryDelayMs(this.failures), signal.retryAfterMs ?? 0);
        clearTimeout(this.timer);
        if (this.user) this.timer = setTimeout(() => this.kick(), delay);
        this.update({
          phase: navigator.onLine ? "retrying" : "offline",
          progress: null,
          nextRetryAt: Date.now() + delay,
        });
        return;
      }
      case "signed_out":
        this.update({
          phase: "signed_out",
          progress: null,
          nextRetryAt: null,
          message: signal.message ?? SIGNED_OUT,
        });
        return;
      case "blocked":
        this.update({ phase: "blocked", progress: null, nextRetryAt: null, message: signal.message ?? null });
        return;
    }
  }

  private async uploadRun(): Promise<Signal> {
    try {
      return await this.uploadWaiting();
    } finally {
      this.keys = new Map();
    }
  }

  private async uploadWaiting(): Promise<Signal> {
    const user = this.user;
    if (!user) return { result: "done" };
    // Sealed items open with the tablet's upload key (decision 0042), or with the signed-in
    // researcher's own unlocked space; the key lives in memory for this run only.
    const opener = await recordOpener();
    if ("lost" in opener) return lost(opener.lost);
    // Each contact first says what the tablet holds (decision 0036); a lost tablet stops here, wiped.
    const manifest = await sendManifest(async (sealed) => {
      const key = await opener.key(sealed);
      return key ? openOutboxWith(key, sealed) : null;
    });
    if (manifest?.kind === "problem" && manifest.problem.code === "device_lost")
      return lost(manifest.problem);
    // A debrief is its author's own: it goes only under their session.
    const stored = (await waitingRecords()).filter((r) => r.kind !== "debrief" || r.ownerId === user.id);
    // Opened all at once, not one after another: each is an RSA unwrap and an AES open that WebCrypto
    // runs off the page's thread, so they overlap (decision 0049, scripts/bench-tablet.ts).
    // One nobody here can open (sealed before the tablet had an upload key, its author's space
    // locked) stays waiting, untouched, for its author or the next run with the key.
    const waiting = (await Promise.all(stored.map((record) => this.open(record, opener.key)))).filter(
      (opened): opened is OutboxRecord => opened !== null,
    );
    if (waiting.length === 0) return { result: "done" };
    const progress = { done: 0, total: waiting.length };
    this.update({ phase: "uploading", progress: { ...progress }, nextRetryAt: null });
    const advance = (n: number) => {
      progress.done += n;
      this.update({ progress: { ...progress } });
    };

    const concerns = waiting.filter((r) => r.kind === "concern");
    const interviews = waiting.filter((r): r is InterviewRecord => r.kind === "interview");
    const others = waiting.filter((r) => r.kind === "reschedule" || r.kind === "debrief");
    for (const record of concerns) {
      const signal = await this.sendRecord(record);
      if (signal.result !== "done") return signal;
      advance(1);
    }
    for (const batch of batches(interviews, UPLOAD_BATCH)) {
      const signal = await this.sendInterviews(batch);
      if (signal.result !== "done") return signal;
      advance(batch.length);
    }
    for (const record of others) {
      const signal = await this.sendRecord(record);
      if (signal.result !== "done") return signal;
      advance(1);
    }
    this.update({ lastSuccessAt: new Date().toISOString() });
    return { result: "done" };
  }

  private async open(
    record: StoredOutboxRecord,
    keyOf: (sealed: SealedOutboxRecord) => Promise<CryptoKey | null>,
  ): Promise<OutboxRecord | null> {
    if (!isSealedRecord(record)) return record;
    const key = await keyOf(record);
    if (!key) return null;
    try {
      const opened = await openOutboxWith(key, record);
      this.keys.set(record.id, key);
      return opened;
    } catch {
      return null;
    }
  }

  private async sendInterviews(batch: InterviewRecord[]): Promise<Signal> {
    const ids = batch.map((r) => r.id);
    await markUploading(ids);
    const answer = await upload(syncApi.upload, {
      body: {
        deviceId: deviceId(),
        // Who made each one (decision 0049): on a shared tablet the uploader is often someone else.
        items: batch.map((r) => (r.ownerId === "" ? r.item : { ...r.item, interviewer: r.ownerId })),
      },
    });
    const now = new Date().toISOString();
    switch (answer.kind) {
      case "ok": {
        const answered = new Map<string, Receipt>();
        for (const outcome of answer.body.results) {
          if (ids.includes(outcome.id) && !answered.has(outcome.id))
            answered.set(outcome.id, receiptFor(outcome));
        }
        await settleAll(
          [...answered].map(([id, receipt]) => ({ id, receipt })),
          now,
          this.keys,
        );
        const missing = ids.filter((id) => !answered.has(id));
        if (missing.length > 0)
          await keepWaiting(missing, "The server did not say what happened to this interview.");
        return { result: "done" };
      }
      case "unreachable":
        await keepWaiting(ids, answer.reason);
        return unreachable(answer.retryAfterMs);
      case "problem":
        if (answer.problem.code === "device_lost") return lost(answer.problem);
        return this.batchRefused(batch, answer.problem, now);
    }
  }

  /** The whole request was refused: pause, split, or single out the items that caused it. */
  private async batchRefused(batch: InterviewRecord[], problem: Problem, now: string): Promise<Signal> {
    const ids = batch.map((r) => r.id);
    const paused = pauseFor(problem);
    if (paused) {
      await keepWaiting(ids, paused.message ?? problem.title);
      return paused;
    }
    if (problem.code === "body_too_large" && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      await keepWaiting(ids, "Sending in smaller parts.");
      for (const part of [batch.slice(0, half), batch.slice(half)]) {
        const signal = await this.sendInterviews(part);
        if (signal.result !== "done") return signal;
      }
      return { result: "done" };
    }
    const culprits = new Set(
      (problem.issues ?? []).flatMap((issue) =>
        issue.path[0] === "items" && typeof issue.path[1] === "number" ? [issue.path[1]] : [],
      ),
    );
    if (problem.code === "invalid_body" && culprits.size > 0 && culprits.size < batch.length) {
      const refused = batch.filter((_, index) => culprits.has(index));
      await settleAll(
        refused.map((record) => ({ id: record.id, receipt: { outcome: "refused", problem } })),
        now,
        this.keys,
      );
      return this.sendInterviews(batch.filter((_, index) => !culprits.has(index)));
    }
    if (problem.code === "invalid_body" || problem.code === "body_too_large") {
      await settleAll(
        batch.map((record) => ({ id: record.id, receipt: { outcome: "refused", problem } })),
        now,
        this.keys,
      );
      return { result: "done" };
    }
    await keepWaiting(ids, problem.detail ?? problem.title);
    return { result: "unreachable" };
  }

  private async sendRecord(record: OutboxRecord): Promise<Signal> {
    if (record.kind === "interview") return { result: "done" };
    await markUploading([record.id]);
    const answer = await uploadRecord(record);
    const now = new Date().toISOString();
    switch (answer.kind) {
      case "ok":
        await settle(
          record.id,
          { outcome: answer.body.outcome, receivedAt: answer.body.receivedAt },
          now,
          this.keys,
        );
        return { result: "done" };
      case "unreachable":
        await keepWaiting([record.id], answer.reason);
        return unreachable(answer.retryAfterMs);
      case "problem": {
        if (answer.problem.code === "device_lost") return lost(answer.problem);
        const paused = pauseFor(answer.problem);
        if (paused) {
          await keepWaiting([record.id], paused.message ?? answer.problem.title);
          return paused;
        }
        if (answer.problem.status === 429) {
          await keepWaiting([record.id], answer.problem.title);
          return { result: "unreachable" };
        }
        await settle(record.id, { outcome: "refused", problem: answer.problem }, now, this.keys);
        return { result: "done" };
      }
    }
  }

  private update(change: Partial<EngineStatus>): void {
    this.status = { ...this.status, ...change };
    for (const listener of this.listeners) listener();
  }
}

type RecordOpener = { lost: Problem } | { key: (sealed: SealedOutboxRecord) => Promise<CryptoKey | null> };

/**
 * How this run opens sealed items: with the signed-in researcher's own unlocked space (their items),
 * else with the tablet's outbox private key, which the server's upload key opens. The upload key is
 * asked for only on an enrolled tablet, when some sealed item needs it: someone else's, or one sealed
 * before the tablet had its outbox key pair (made then, with the first upload key; the PIN screens make
 * it too, online). The researcher's own items sealed before the pair existed are wrapped for it here.
 */
async function recordOpener(): Promise<RecordOpener> {
  const space = spaceSession.current();
  const own = (record: SealedOutboxRecord) => space !== null && record.ownerId === space.ownerId;
  const sealed = (await storedOutbox()).filter(
    (record): record is SealedOutboxRecord => isSealedRecord(record) && !isOnServer(record.state),
  );
  let privateKey: CryptoKey | null = null;
  // Needed for someone else's item, or for one of the researcher's own not yet wrapped for the pair.
  const needed = sealed.some((record) => !own(record) || record.keys.outbox === null);
  if (deviceToken() && needed) {
    const answer = await unlockOutbox().catch(() => null);
    if (answer?.kind === "ok") privateKey = answer.privateKey;
    else if (answer?.kind === "refused" && answer.problem.code === "device_lost")
      return { lost: answer.problem };
  }
  if (space && privateKey) {
    const changed = await resealForOutbox(space, sealed.filter(own)).catch(() => []);
    if (changed.length > 0) await storeRewrapped(changed);
  }
  return {
    key: async (record) => {
      try {
        if (space && own(record) && space.keyring.size > 0) return await recordKeyForOwner(space, record);
        if (privateKey) return await recordKeyForUpload(privateKey, record);
      } catch {
        // Not this key's to open.
      }
      return null;
    },
  };
}

function unreachable(retryAfterMs: number | undefined): Signal {
  return retryAfterMs === undefined ? { result: "unreachable" } : { result: "unreachable", retryAfterMs };
}

/** The tablet was reported lost and has deleted its stores (transport.ts): write nothing, try no more. */
function lost(problem: Problem): Signal {
  return { result: "blocked", message: problem.title };
}

/** Problems about the session or the tablet rather than the item: stop trying until something changes. */
function pauseFor(problem: Problem): Signal | null {
  const code: string = problem.code;
  if (code === "not_signed_in") return { result: "signed_out", message: SIGNED_OUT };
  if (
    code === "device_revoked" ||
    code === "device_unknown" ||
    code === "device_other_area" ||
    code === "device_required"
  ) {
    return { result: "blocked", message: problem.title };
  }
  if (code === "forbidden_role" || code === "account_disabled") {
    return {
      result: "blocked",
      message: `${problem.title} Sign in as a peer researcher or coordinator to upload what is waiting.`,
    };
  }
  return null;
}

/**
 * A concern, debrief or reschedule sent to its declared route: what the tablet stored is the body the
 * route takes, so a changed declaration fails to compile here, not on the tablet.
 */
function uploadRecord(record: Exclude<OutboxRecord, InterviewRecord>): Promise<UploadAnswer<UploadReceipt>> {
  switch (record.kind) {
    case "concern":
      return upload(safeguardingApi.raise, { body: record.body });
    case "debrief":
      return upload(debriefsApi.submit, { body: record.body });
    case "reschedule":
      return upload(followUpsApi.reschedule, { body: record.body });
  }
}

function receiptFor(outcome: SyncOutcome): Receipt {
  switch (outcome.outcome) {
    case "accepted":
    case "duplicate":
      return { outcome: outcome.outcome, receivedAt: outcome.receivedAt };
    case "conflict":
      return { outcome: "conflict", receivedAt: outcome.receivedAt, revision: outcome.revision };
    case "needs_review":
      return { outcome: "needs_review", receivedAt: outcome.receivedAt, issues: outcome.issues };
    case "rejected":
      return { outcome: "refused", problem: outcome.problem };
  }
}

export const syncEngine = new SyncEngine();
