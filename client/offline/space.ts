import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import {
  newDataKey,
  newKeyId,
  newOutboxKeyPair,
  open,
  pinKey,
  randomBytes,
  SealError,
  type Sealed,
  seal,
  serverKey,
  unwrapDataKey,
  unwrapFromOutbox,
  unwrapOutboxPrivateKey,
  type Wrapped,
  wrapForOutbox,
  wrapKey,
} from "./envelope.ts";
import type { DraftRecord, OutboxRecord, Owner } from "./records.ts";

/**
 * Each researcher's space on a shared tablet (issue 17, docs/decisions/0035-tablet-key-management.md).
 *
 * - A researcher's data key (AES-GCM 256) seals their drafts and their own copy of what they queued.
 *   It is stored only wrapped: by a key derived from their PIN (PBKDF2-SHA-256) and, once they have
 *   signed in online on this tablet, by their recovery key (which only the server gives, per person
 *   and tablet). Unwrapped it is non-extractable and lives in memory until the space locks.
 * - Five wrong PINs in a row delete the PIN's wrap: only the recovery key (an online sign-in) opens
 *   the space again. Without a recovery wrap (never online since the space was made) the space is
 *   refused until an online sign-in, but the PIN's wrap is kept, so nothing is lost.
 * - Each outbox record is sealed with its own key, wrapped twice: by its author's data key (so they
 *   see it) and by the tablet's outbox public key (so anyone signed in online can upload it without
 *   the author's PIN). The matching private key is stored only wrapped by the tablet's upload key,
 *   which the server gives an enrolled, unrevoked tablet and which is kept in memory only.
 *
 * The keys live in their own IndexedDB database, so the fieldwork database's schema is unchanged and a
 * lost-tablet wipe (which deletes every database) removes them with everything else.
 */
export const KEYS_DATABASE = "alongside-keys";
export const PIN_ATTEMPTS = 5;
/** Measured in Chromium at 4× CPU throttle (scripts/bench-tablet.ts, decision 0035). */
export const PIN_ITERATIONS = 600_000;

interface ResearcherKeys {
  ownerId: string;
  ownerName: string;
  salt: Uint8Array;
  iterations: number;
  kid: string;
  byPin: Wrapped | null;
  byRecovery: Wrapped | null;
  failedPins: number;
  lockedAt: string | null;
}

interface DeviceKeys {
  id: "outbox";
  /** SubjectPublicKeyInfo of the tablet's outbox key pair. */
  publicKey: ArrayBuffer;
  /** The private key, wrapped by the server's upload key named `privateKey.by`. */
  privateKey: Wrapped;
}

interface KeysSchema extends DBSchema {
  researchers: { key: string; value: ResearcherKeys };
  device: { key: string; value: DeviceKeys };
}

let keysDb: Promise<IDBPDatabase<KeysSchema>> | null = null;

function keys(): Promise<IDBPDatabase<KeysSchema>> {
  keysDb ??= openDB<KeysSchema>(KEYS_DATABASE, 1, {
    upgrade(db) {
      if (!db.objectStoreNames.contains("researchers"))
        db.createObjectStore("researchers", { keyPath: "ownerId" });
      if (!db.objectStoreNames.contains("device")) db.createObjectStore("device", { keyPath: "id" });
    },
    // A wipe (deleteDatabase) or a newer version in another tab: close, so it is not blocked.
    blocking() {
      const open = keysDb;
      keysDb = null;
      void open?.then((db) => db.close());
    },
    terminated() {
      keysDb = null;
    },
  });
  return keysDb;
}

/** Closes the keys database (tests stand in for a reload with it). */
export async function closeKeys(): Promise<void> {
  const db = keysDb;
  keysDb = null;
  if (db) (await db).close();
}

/** A researcher's unlocked space: their data keys (current and any older ones still in use). */
export interface Space extends Owner {
  kid: string;
  keyring: Map<string, CryptoKey>;
}

export type UnlockFailure =
  | { kind: "no_space" }
  | { kind: "wrong_pin"; attemptsLeft: number }
  | { kind: "locked_out" };

export class UnlockError extends Error {
  constructor(readonly failure: UnlockFailure) {
    super(failure.kind);
    this.name = "UnlockError";
  }
}

/** At least six digits, nothing else. */
export function isAcceptablePin(pin: string): boolean {
  return /^[0-9]{6,12}$/.test(pin);
}

export async function hasSpace(ownerId: string): Promise<boolean> {
  return (await (await keys()).get("researchers", ownerId)) !== undefined;
}

/** Whether five wrong PINs have locked this space until an online sign-in. */
export async function isLockedOut(ownerId: string): Promise<boolean> {
  return ((await (await keys()).get("researchers", ownerId))?.lockedAt ?? null) !== null;
}

/** Makes a researcher's space with their chosen PIN (and, online, their recovery key). */
export async function createSpace(
  owner: Owner,
  pin: string,
  recovery: string | null,
  iterations = PIN_ITERATIONS,
): Promise<Space> {
  if (!isAcceptablePin(pin)) throw new Error("A PIN is at least 6 digits.");
  const salt = randomBytes(16);
  const kid = newKeyId();
  const extractable = await newDataKey(true);
  const wrapping = await pinKey(pin, salt, iterations);
  const byPin = await wrapKey(extractable, wrapping, "pin");
  const byRecovery = recovery ? await wrapKey(extractable, await serverKey(recovery), "recovery") : null;
  const record: ResearcherKeys = {
    ...owner,
    salt,
    iterations,
    kid,
    byPin,
    byRecovery,
    failedPins: 0,
    lockedAt: null,
  };
  await (await keys()).put("researchers", record);
  // The working copy is non-extractable: made by unwrapping, never by keeping the extractable one.
  const key = await unwrapDataKey(byPin, wrapping);
  return { ...owner, kid, keyring: new Map([[kid, key]]) };
}

/** Opens a space with its PIN, offline. Counts wrong PINs; the fifth locks it until an online sign-in. */
export async function unlockWithPin(ownerId: string, pin: string, now = new Date()): Promise<Space> {
  const db = await keys();
  const record = await db.get("researchers", ownerId);
  if (!record) throw new UnlockError({ kind: "no_space" });
  if (record.lockedAt !== null || !record.byPin) throw new UnlockError({ kind: "locked_out" });
  try {
    const key = await unwrapDataKey(record.byPin, await pinKey(pin, record.salt, record.iterations));
    if (record.failedPins !== 0) await db.put("researchers", { ...record, failedPins: 0 });
    return spaceOf(record, key);
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    const failedPins = record.failedPins + 1;
    const lockedOut = failedPins >= PIN_ATTEMPTS;
    await db.put("researchers", {
      ...record,
      failedPins,
      lockedAt: lockedOut ? now.toISOString() : null,
      // With a recovery wrap to fall back on, the PIN's wrap goes: guessing on stops being possible.
      byPin: lockedOut && record.byRecovery ? null : record.byPin,
    });
    throw new UnlockError(
      lockedOut ? { kind: "locked_out" } : { kind: "wrong_pin", attemptsLeft: PIN_ATTEMPTS - failedPins },
    );
  }
}

/**
 * After an online sign-in: opens the space with the recovery key the server gave, sets a new PIN and
 * clears a lock-out. Also the way a forgotten PIN is replaced. Without a recovery wrap (the space was
 * made offline and never online since) it is refused: only the PIN opens that space.
 */
export async function recoverSpace(ownerId: string, recovery: string, newPin: string): Promise<Space> {
  if (!isAcceptablePin(newPin)) throw new Error("A PIN is at least 6 digits.");
  const db = await keys();
  const record = await db.get("researchers", ownerId);
  if (!record) throw new UnlockError({ kind: "no_space" });
  if (!record.byRecovery) throw new UnlockError({ kind: "locked_out" });
  const extractable = await unwrapDataKey(record.byRecovery, await serverKey(recovery), true);
  const salt = randomBytes(16);
  const wrapping = await pinKey(newPin, salt, record.iterations);
  const byPin = await wrapKey(extractable, wrapping, "pin");
  const next = { ...record, salt, byPin, failedPins: 0, lockedAt: null };
  await db.put("researchers", next);
  return spaceOf(next, await unwrapDataKey(byPin, wrapping));
}

/**
 * Online and unlocked: adds (or renews) the recovery wrap, and clears a lock-out reached while a
 * recovery wrap was missing (the researcher has now proved who they are to the server).
 */
export async function addRecovery(ownerId: string, pin: string, recovery: string): Promise<void> {
  const db = await keys();
  const record = await db.get("researchers", ownerId);
  if (!record?.byPin) throw new UnlockError({ kind: "no_space" });
  const extractable = await unwrapDataKey(
    record.byPin,
    await pinKey(pin, record.salt, record.iterations),
    true,
  );
  const byRecovery = await wrapKey(extractable, await serverKey(recovery), "recovery");
  await db.put("researchers", { ...record, byRecovery, failedPins: 0, lockedAt: null });
}

function spaceOf(record: ResearcherKeys, key: CryptoKey): Space {
  return {
    ownerId: record.ownerId,
    ownerName: record.ownerName,
    kid: record.kid,
    keyring: new Map([[record.kid, key]]),
  };
}

/* ---------------------------------------------------------------- the tablet's outbox keys */

/**
 * Online, with the server's upload key: makes the tablet's outbox key pair the first time (its
 * private half wrapped by the upload key), or re-wraps it when the server's key id changed.
 * Answers the public key, which seals without any secret.
 */
export async function ensureOutboxKeys(upload: { keyId: string; key: string }): Promise<void> {
  const db = await keys();
  const existing = await db.get("device", "outbox");
  if (existing && existing.privateKey.by === upload.keyId) return;
  // First time, or the tablet was enrolled again (a new upload key): a new pair. Records sealed for
  // the old pair still open for their authors, who re-seal them for the new one (`resealForOutbox`).
  const pair = await newOutboxKeyPair();
  const privateKey = await wrapKey(pair.privateKey, await serverKey(upload.key), upload.keyId);
  const publicKey = await crypto.subtle.exportKey("spki", pair.publicKey);
  await db.put("device", { id: "outbox", publicKey, privateKey });
}

/**
 * Whether this tablet holds its outbox key pair, i.e. whether what is queued here can upload without
 * its author's PIN (decision 0049: an enrolled tablet starts no interview before it holds it).
 */
export async function hasOutboxKeys(): Promise<boolean> {
  return (await (await keys()).get("device", "outbox")) !== undefined;
}

async function outboxPublicKey(): Promise<{ key: CryptoKey; by: string } | null> {
  const stored = await (await keys()).get("device", "outbox");
  if (!stored) return null;
  const key = await crypto.subtle.importKey(
    "spki",
    stored.publicKey,
    { name: "RSA-OAEP", hash: "SHA-256" },
    false,
    ["wrapKey"],
  );
  return { key, by: stored.privateKey.by };
}

/** The tablet's outbox private key, opened with the server's upload key (keep it in memory only). */
export async function openOutboxKey(upload: { keyId: string; key: string }): Promise<CryptoKey | null> {
  const stored = await (await keys()).get("device", "outbox");
  if (!stored || stored.privateKey.by !== upload.keyId) return null;
  return unwrapOutboxPrivateKey(stored.privateKey, await serverKey(upload.key));
}

/* ---------------------------------------------------------------- records at rest */

/** A draft as it is stored: only what lists and indexes need stays readable. */
export interface SealedDraft {
  id: string;
  ownerId: string;
  updatedAt: string;
  sealed: Sealed;
}

export function sealDraft(space: Space, draft: DraftRecord): Promise<SealedDraft> {
  return seal(space.keyring.get(space.kid) as CryptoKey, space.kid, draft, `draft:${draft.id}`).then(
    (sealed) => ({
      id: draft.id,
      ownerId: draft.ownerId,
      updatedAt: draft.updatedAt,
      sealed,
    }),
  );
}

/** Opens a draft of this space; another researcher's draft is refused (it is not theirs to see). */
export async function openDraft(space: Space, stored: SealedDraft): Promise<DraftRecord> {
  if (stored.ownerId !== space.ownerId) throw new SealError("This draft belongs to someone else.");
  const draft = await open<DraftRecord>(space.keyring, stored.sealed, `draft:${stored.id}`);
  if (draft.id !== stored.id || draft.ownerId !== stored.ownerId) throw new SealError();
  return draft;
}

/** What an outbox record keeps readable: what the sync engine and the outbox screen's counts need. */
type OutboxEnvelopeFields =
  | "id"
  | "ownerId"
  | "ownerName"
  | "kind"
  | "state"
  | "queuedAt"
  | "attempts"
  | "settledAt"
  | "lastError";

export type SealedOutboxRecord = Pick<OutboxRecord, OutboxEnvelopeFields> & {
  sealed: Sealed;
  /**
   * The record's own key, wrapped by its author's data key and, when the tablet has an outbox key pair,
   * for it (`outboxBy` names the upload key that guards that pair's private half).
   */
  keys: { owner: Wrapped; outbox: ArrayBuffer | null; outboxBy: string | null };
};

export async function sealOutboxRecord(space: Space, record: OutboxRecord): Promise<SealedOutboxRecord> {
  const recordKey = await newDataKey(true);
  const publicKey = await outboxPublicKey();
  const [sealed, owner, outbox] = await Promise.all([
    seal(recordKey, "record", record, `outbox:${record.id}`),
    wrapKey(recordKey, space.keyring.get(space.kid) as CryptoKey, space.kid),
    publicKey ? wrapForOutbox(recordKey, publicKey.key) : Promise.resolve(null),
  ]);
  return {
    id: record.id,
    ownerId: record.ownerId,
    ownerName: record.ownerName,
    kind: record.kind,
    state: record.state,
    queuedAt: record.queuedAt,
    attempts: record.attempts,
    settledAt: record.settledAt,
    lastError: record.lastError,
    sealed,
    keys: { owner, outbox, outboxBy: publicKey?.by ?? null },
  };
}

/**
 * For the author, unlocked: wraps their records' keys for the tablet's current outbox key pair where
 * they are not yet (sealed offline before the tablet first had an upload key, or before it was
 * enrolled again), so those upload without their PIN too. Answers the records it changed.
 */
export async function resealForOutbox(
  space: Space,
  stored: SealedOutboxRecord[],
): Promise<SealedOutboxRecord[]> {
  const publicKey = await outboxPublicKey();
  if (!publicKey) return [];
  const changed: SealedOutboxRecord[] = [];
  for (const record of stored) {
    if (record.ownerId !== space.ownerId || record.keys.outboxBy === publicKey.by) continue;
    const wrapping = space.keyring.get(record.keys.owner.by);
    if (!wrapping) continue;
    const recordKey = await unwrapDataKey(record.keys.owner, wrapping, true);
    changed.push({
      ...record,
      keys: { ...record.keys, outbox: await wrapForOutbox(recordKey, publicKey.key), outboxBy: publicKey.by },
    });
  }
  return changed;
}

/** The author's way to a queued record's own key (their space unlocked). */
export async function recordKeyForOwner(space: Space, stored: SealedOutboxRecord): Promise<CryptoKey> {
  if (stored.ownerId !== space.ownerId) throw new SealError("This belongs to someone else.");
  const wrapping = space.keyring.get(stored.keys.owner.by);
  if (!wrapping) throw new SealError("The key that sealed this is not unlocked.");
  return unwrapDataKey(stored.keys.owner, wrapping);
}

/** The uploader's way to a queued record's own key: the tablet's outbox private key (decision 0042). */
export async function recordKeyForUpload(
  privateKey: CryptoKey,
  stored: SealedOutboxRecord,
): Promise<CryptoKey> {
  if (!stored.keys.outbox || stored.keys.outboxBy === null)
    throw new SealError("Only its author can open this one (sealed before the tablet had an upload key).");
  return unwrapFromOutbox(stored.keys.outbox, privateKey);
}

/** The author opens their own queued record. */
export async function openOutboxAsOwner(space: Space, stored: SealedOutboxRecord): Promise<OutboxRecord> {
  return openOutboxWith(await recordKeyForOwner(space, stored), stored);
}

/** The uploader (anyone signed in online) opens a record with the tablet's outbox private key. */
export async function openOutboxForUpload(
  privateKey: CryptoKey,
  stored: SealedOutboxRecord,
): Promise<OutboxRecord> {
  return openOutboxWith(await recordKeyForUpload(privateKey, stored), stored);
}

/** Opens a queued record with its own key; the readable fields are the current ones. */
export async function openOutboxWith(
  recordKey: CryptoKey,
  stored: SealedOutboxRecord,
): Promise<OutboxRecord> {
  const record = await open<OutboxRecord>(
    new Map([["record", recordKey]]),
    stored.sealed,
    `outbox:${stored.id}`,
  );
  if (record.id !== stored.id || record.ownerId !== stored.ownerId) throw new SealError();
  // The readable fields are the current ones (the sync engine changes them without opening the record).
  const waiting = stored.state === "waiting" || stored.state === "uploading";
  return {
    ...record,
    state: stored.state,
    attempts: stored.attempts,
    settledAt: stored.settledAt,
    lastError: stored.lastError ?? null,
    // "Try again" puts a refused item back without opening it: its old receipt no longer applies.
    receipt: waiting ? null : record.receipt,
  } as OutboxRecord;
}

/** Seals a queued record's new content (the server's receipt, answers forgotten) with its own key. */
export function resealOutboxContent(recordKey: CryptoKey, record: OutboxRecord): Promise<Sealed> {
  return seal(recordKey, "record", record, `outbox:${record.id}`);
}

/**
 * Rotation: a new data key for the space; records are re-sealed by `reseal` (with the new key) while
 * the old key stays in the keyring, and only then are the wraps replaced. Needs the PIN (and the
 * recovery key when online, else the recovery wrap is dropped until the next online sign-in).
 */
export async function rotateDataKey(
  space: Space,
  pin: string,
  recovery: string | null,
  reseal: (next: Space) => Promise<void>,
): Promise<Space> {
  const db = await keys();
  const record = await db.get("researchers", space.ownerId);
  if (!record) throw new UnlockError({ kind: "no_space" });
  if (!record.byPin) throw new UnlockError({ kind: "locked_out" });
  // The PIN must be right (a wrong one throws SealError and changes nothing).
  const oldWrapping = await pinKey(pin, record.salt, record.iterations);
  await unwrapDataKey(record.byPin, oldWrapping);
  const kid = newKeyId();
  const extractable = await newDataKey(true);
  const working = await unwrapDataKey(await wrapKey(extractable, oldWrapping, "pin"), oldWrapping);
  const next: Space = { ...space, kid, keyring: new Map([...space.keyring, [kid, working]]) };
  await reseal(next);
  const salt = randomBytes(16);
  await db.put("researchers", {
    ...record,
    kid,
    salt,
    byPin: await wrapKey(extractable, await pinKey(pin, salt, record.iterations), "pin"),
    byRecovery: recovery ? await wrapKey(extractable, await serverKey(recovery), "recovery") : null,
    failedPins: 0,
    lockedAt: null,
  });
  return { ...space, kid, keyring: new Map([[kid, working]]) };
}
