/**
 * The crypto envelope for what a researcher keeps on a tablet (issue 17, docs/decisions/
 * 0035-tablet-key-management.md). WebCrypto only: AES-GCM 256 for records, AES-GCM for wrapping keys,
 * PBKDF2-SHA-256 for PINs, RSA-OAEP 3072 for the tablet's outbox key pair. Nothing here touches
 * IndexedDB; `space.ts` decides what is sealed with which key.
 *
 * A sealed value names the key it was sealed with (`kid`), so keys can be rotated while old records
 * are still readable, and is bound to where it is stored (`aad`, e.g. "draft:<id>"): a ciphertext
 * moved to another record, altered by one bit, or opened with another key is refused (`SealError`).
 */

const GCM = "AES-GCM";
const IV_BYTES = 12;

export interface Sealed {
  v: 1;
  /** Which key sealed it. */
  kid: string;
  iv: Uint8Array;
  ct: ArrayBuffer;
}

/** A key wrapped by another key (the wrapping key is named by `by`). */
export interface Wrapped {
  v: 1;
  by: string;
  iv: Uint8Array;
  ct: ArrayBuffer;
}

export class SealError extends Error {
  constructor(message = "This could not be opened with this key, or it was changed.") {
    super(message);
    this.name = "SealError";
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function subtle(): SubtleCrypto {
  const found = globalThis.crypto?.subtle;
  if (!found) throw new Error("This browser offers no WebCrypto (it needs a secure https:// page).");
  return found;
}

export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** A short random key id (for naming keys, never secret). */
export function newKeyId(): string {
  return [...randomBytes(9)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A fresh data key. Extractable only so it can be wrapped once; use `unwrapKey`'s copy for work. */
export function newDataKey(extractable = true): Promise<CryptoKey> {
  return subtle().generateKey({ name: GCM, length: 256 }, extractable, [
    "encrypt",
    "decrypt",
    "wrapKey",
    "unwrapKey",
  ]) as Promise<CryptoKey>;
}

/** Seals `value` (anything JSON can hold) with `key`, bound to `aad`. */
export async function seal(key: CryptoKey, kid: string, value: unknown, aad: string): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const ct = await subtle().encrypt(
    { name: GCM, iv: iv as BufferSource, additionalData: encoder.encode(`${kid}|${aad}`) },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  return { v: 1, kid, iv, ct };
}

/** Opens a sealed value with the key it names (from `keys`); refuses a wrong key, a change, another place. */
export async function open<T>(keys: ReadonlyMap<string, CryptoKey>, sealed: Sealed, aad: string): Promise<T> {
  if (!isSealed(sealed)) throw new SealError("This is not a sealed record.");
  const key = keys.get(sealed.kid);
  if (!key) throw new SealError("The key that sealed this is not unlocked.");
  let plain: ArrayBuffer;
  try {
    plain = await subtle().decrypt(
      { name: GCM, iv: sealed.iv as BufferSource, additionalData: encoder.encode(`${sealed.kid}|${aad}`) },
      key,
      sealed.ct,
    );
  } catch {
    throw new SealError();
  }
  return JSON.parse(decoder.decode(plain)) as T;
}

export function isSealed(value: unknown): value is Sealed {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<Sealed>;
  return v.v === 1 && typeof v.kid === "string" && v.iv instanceof Uint8Array && v.ct instanceof ArrayBuffer;
}

/** Wraps an extractable key with an AES-GCM wrapping key named `by`. */
export async function wrapKey(key: CryptoKey, wrapping: CryptoKey, by: string): Promise<Wrapped> {
  const iv = randomBytes(IV_BYTES);
  const format = key.type === "private" ? "pkcs8" : "raw";
  const ct = await subtle().wrapKey(format, key, wrapping, {
    name: GCM,
    iv: iv as BufferSource,
    additionalData: encoder.encode(`wrap|${by}`),
  });
  return { v: 1, by, iv, ct };
}

/** Unwraps an AES-GCM data key, non-extractable unless asked (a PIN change re-wraps it). */
export async function unwrapDataKey(
  wrapped: Wrapped,
  wrapping: CryptoKey,
  extractable = false,
): Promise<CryptoKey> {
  try {
    return await subtle().unwrapKey(
      "raw",
      wrapped.ct,
      wrapping,
      { name: GCM, iv: wrapped.iv as BufferSource, additionalData: encoder.encode(`wrap|${wrapped.by}`) },
      { name: GCM, length: 256 },
      extractable,
      ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
    );
  } catch {
    throw new SealError("Wrong PIN or wrong key.");
  }
}

/** Unwraps the tablet's outbox private key (RSA-OAEP), never extractable. */
export async function unwrapOutboxPrivateKey(wrapped: Wrapped, wrapping: CryptoKey): Promise<CryptoKey> {
  try {
    return await subtle().unwrapKey(
      "pkcs8",
      wrapped.ct,
      wrapping,
      { name: GCM, iv: wrapped.iv as BufferSource, additionalData: encoder.encode(`wrap|${wrapped.by}`) },
      { name: "RSA-OAEP", hash: "SHA-256" },
      false,
      ["unwrapKey"],
    );
  } catch {
    throw new SealError("Wrong key for the tablet's outbox.");
  }
}

/**
 * The key a PIN opens: PBKDF2-SHA-256 over the PIN with a per-researcher salt, `iterations` measured
 * so that unlocking takes about 0.3–0.5 s on a slow tablet (decision 0035). Non-extractable.
 */
export async function pinKey(pin: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey("raw", encoder.encode(pin), "PBKDF2", false, ["deriveKey"]);
  return subtle().deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    material,
    { name: GCM, length: 256 },
    false,
    ["wrapKey", "unwrapKey"],
  );
}

/** A wrapping key from 32 bytes the server gave (base64url): the tablet's upload key or a recovery key. */
export async function serverKey(base64url: string): Promise<CryptoKey> {
  const bytes = fromBase64url(base64url);
  if (bytes.length !== 32) throw new SealError("The server's key has the wrong length.");
  return subtle().importKey("raw", bytes as BufferSource, { name: GCM }, false, ["wrapKey", "unwrapKey"]);
}

/** The tablet's outbox key pair: the public half seals, only the server's upload key opens the private half. */
export function newOutboxKeyPair(): Promise<CryptoKeyPair> {
  return subtle().generateKey(
    { name: "RSA-OAEP", modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["wrapKey", "unwrapKey"],
  ) as Promise<CryptoKeyPair>;
}

/** Wraps a record key for the tablet's outbox with its public key (no secret needed to do it). */
export async function wrapForOutbox(key: CryptoKey, publicKey: CryptoKey): Promise<ArrayBuffer> {
  return subtle().wrapKey("raw", key, publicKey, { name: "RSA-OAEP" });
}

export async function unwrapFromOutbox(wrapped: ArrayBuffer, privateKey: CryptoKey): Promise<CryptoKey> {
  try {
    return await subtle().unwrapKey(
      "raw",
      wrapped,
      privateKey,
      { name: "RSA-OAEP" },
      { name: GCM, length: 256 },
      false,
      // Encrypt too: the uploader re-seals the record with the server's receipt (outbox.ts settleAll).
      ["encrypt", "decrypt"],
    );
  } catch {
    throw new SealError("Wrong key for the tablet's outbox.");
  }
}

export function fromBase64url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
