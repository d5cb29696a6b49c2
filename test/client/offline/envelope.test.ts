import { describe, expect, it } from "vitest";
import {
  isSealed,
  newDataKey,
  newOutboxKeyPair,
  open,
  pinKey,
  randomBytes,
  SealError,
  seal,
  serverKey,
  unwrapDataKey,
  unwrapFromOutbox,
  unwrapOutboxPrivateKey,
  wrapForOutbox,
  wrapKey,
} from "../../../client/offline/envelope.ts";

// The crypto envelope (issue 17, docs/decisions/0035): WebCrypto in Node, the same API the tablet uses.

const answer = { participantCode: "ZXQW-4821", data: { drugs: "heroin twice a week" } };

async function keyring(kid = "k1") {
  const key = await newDataKey(false);
  return { kid, key, ring: new Map([[kid, key]]) };
}

describe("sealing a record", () => {
  it("hides the content and opens it again with the same key at the same place", async () => {
    const { kid, key, ring } = await keyring();
    const sealed = await seal(key, kid, answer, "draft:1");
    expect(isSealed(sealed)).toBe(true);
    const bytes = new TextDecoder("latin1").decode(sealed.ct);
    expect(bytes).not.toContain("ZXQW");
    expect(bytes).not.toContain("heroin");
    expect(await open(ring, sealed, "draft:1")).toEqual(answer);
  });

  it("uses a fresh nonce every time (the same value seals differently)", async () => {
    const { kid, key } = await keyring();
    const a = await seal(key, kid, answer, "draft:1");
    const b = await seal(key, kid, answer, "draft:1");
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.ct).equals(Buffer.from(b.ct))).toBe(false);
  });

  it("refuses tampered ciphertext, a tampered nonce and a truncated tag", async () => {
    const { kid, key, ring } = await keyring();
    const sealed = await seal(key, kid, answer, "draft:1");
    for (let i = 0; i < sealed.ct.byteLength; i += 7) {
      const ct = sealed.ct.slice(0);
      new Uint8Array(ct)[i] = (new Uint8Array(ct)[i] ?? 0) ^ 1;
      await expect(open(ring, { ...sealed, ct }, "draft:1")).rejects.toBeInstanceOf(SealError);
    }
    const iv = sealed.iv.slice();
    iv[0] = (iv[0] ?? 0) ^ 0x80;
    await expect(open(ring, { ...sealed, iv }, "draft:1")).rejects.toBeInstanceOf(SealError);
    await expect(open(ring, { ...sealed, ct: sealed.ct.slice(0, -4) }, "draft:1")).rejects.toBeInstanceOf(
      SealError,
    );
  });

  it("refuses a ciphertext moved to another record", async () => {
    const { kid, key, ring } = await keyring();
    const sealed = await seal(key, kid, answer, "draft:1");
    await expect(open(ring, sealed, "draft:2")).rejects.toBeInstanceOf(SealError);
    await expect(open(ring, sealed, "outbox:1")).rejects.toBeInstanceOf(SealError);
  });

  it("refuses the wrong key, a key named but not unlocked, and a relabelled key id", async () => {
    const a = await keyring("k1");
    const b = await keyring("k1");
    const sealed = await seal(a.key, a.kid, answer, "draft:1");
    await expect(open(b.ring, sealed, "draft:1")).rejects.toBeInstanceOf(SealError);
    await expect(open(new Map(), sealed, "draft:1")).rejects.toThrow(/not unlocked/);
    const both = new Map([
      ["k1", a.key],
      ["k2", a.key],
    ]);
    await expect(open(both, { ...sealed, kid: "k2" }, "draft:1")).rejects.toBeInstanceOf(SealError);
  });

  it("refuses things that are not sealed records", async () => {
    const { ring } = await keyring();
    for (const value of [null, {}, { v: 1, kid: "k1", iv: "x", ct: "y" }, answer]) {
      await expect(open(ring, value as never, "draft:1")).rejects.toBeInstanceOf(SealError);
    }
  });
});

describe("keys wrapping keys", () => {
  it("a PIN's key opens the data key; another PIN, salt or iteration count does not", async () => {
    const salt = randomBytes(16);
    const data = await newDataKey(true);
    const wrapped = await wrapKey(data, await pinKey("482913", salt, 1000), "pin");
    const opened = await unwrapDataKey(wrapped, await pinKey("482913", salt, 1000));
    expect(opened.extractable).toBe(false);
    const sealed = await seal(data, "k", answer, "x");
    expect(await open(new Map([["k", opened]]), sealed, "x")).toEqual(answer);
    for (const [pin, s, n] of [
      ["482914", salt, 1000],
      ["482913", randomBytes(16), 1000],
      ["482913", salt, 1001],
    ] as const) {
      await expect(unwrapDataKey(wrapped, await pinKey(pin, s, n))).rejects.toBeInstanceOf(SealError);
    }
  });

  it("a server key is exactly 32 bytes and wraps like any other", async () => {
    const raw = Buffer.from(randomBytes(32)).toString("base64url");
    const data = await newDataKey(true);
    const wrapped = await wrapKey(data, await serverKey(raw), "recovery");
    await expect(unwrapDataKey(wrapped, await serverKey(raw))).resolves.toBeDefined();
    const other = Buffer.from(randomBytes(32)).toString("base64url");
    await expect(unwrapDataKey(wrapped, await serverKey(other))).rejects.toBeInstanceOf(SealError);
    await expect(serverKey(Buffer.from(randomBytes(16)).toString("base64url"))).rejects.toThrow(/length/);
  });

  it("the outbox pair: the public half seals with no secret, only the upload key opens the private half", async () => {
    const upload = Buffer.from(randomBytes(32)).toString("base64url");
    const pair = await newOutboxKeyPair();
    const storedPrivate = await wrapKey(pair.privateKey, await serverKey(upload), "kid-1");
    const recordKey = await newDataKey(true);
    const sealed = await seal(recordKey, "record", answer, "outbox:9");
    const forOutbox = await wrapForOutbox(recordKey, pair.publicKey);

    const privateKey = await unwrapOutboxPrivateKey(storedPrivate, await serverKey(upload));
    expect(privateKey.extractable).toBe(false);
    const opened = await unwrapFromOutbox(forOutbox, privateKey);
    expect(await open(new Map([["record", opened]]), sealed, "outbox:9")).toEqual(answer);

    const revoked = Buffer.from(randomBytes(32)).toString("base64url");
    await expect(unwrapOutboxPrivateKey(storedPrivate, await serverKey(revoked))).rejects.toBeInstanceOf(
      SealError,
    );
    // RSA-3072 key generation takes seconds on a loaded 2-core machine.
  }, 30_000);
});
