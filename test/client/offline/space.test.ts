import { beforeEach, describe, expect, it } from "vitest";
import { stubBrowser } from "./offline-globals.ts";

stubBrowser();
const space = await import("../../../client/offline/space.ts");
const { randomBytes, SealError } = await import("../../../client/offline/envelope.ts");
const { draftRecord, interviewRecord } = await import("./records.ts");

// Each researcher's space on a shared tablet (issue 17, docs/decisions/0035). Real WebCrypto (Node)
// and IndexedDB (fake-indexeddb); a low PBKDF2 count keeps the tests quick (the real one is measured).

const ITER = 1000;
const sam = { ownerId: "u-sam", ownerName: "Sam" };
const alex = { ownerId: "u-alex", ownerName: "Alex" };
const serverSecret = () => Buffer.from(randomBytes(32)).toString("base64url");

beforeEach(async () => {
  await space.closeKeys();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(space.KEYS_DATABASE);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
});

describe("a PIN", () => {
  it("is at least six digits", () => {
    for (const pin of ["123456", "0000000", "123456789012"]) expect(space.isAcceptablePin(pin)).toBe(true);
    for (const pin of ["12345", "", "12345a", " 123456", "１２３４５６", "1234567890123"]) {
      expect(space.isAcceptablePin(pin), pin).toBe(false);
    }
  });

  it("opens its researcher's space offline, and a wrong one says how many tries are left", async () => {
    await space.createSpace(sam, "482913", null, ITER);
    const opened = await space.unlockWithPin(sam.ownerId, "482913");
    expect(opened.ownerId).toBe(sam.ownerId);
    await expect(space.unlockWithPin(sam.ownerId, "482914")).rejects.toMatchObject({
      failure: { kind: "wrong_pin", attemptsLeft: 4 },
    });
    // A right PIN resets the count.
    await space.unlockWithPin(sam.ownerId, "482913");
    await expect(space.unlockWithPin(sam.ownerId, "000000")).rejects.toMatchObject({
      failure: { kind: "wrong_pin", attemptsLeft: 4 },
    });
    await expect(space.unlockWithPin("nobody", "482913")).rejects.toMatchObject({
      failure: { kind: "no_space" },
    });
  });

  it("five wrong PINs lock the space until an online sign-in, even with the right PIN; the recovery key reopens it", async () => {
    const recovery = serverSecret();
    const first = await space.createSpace(sam, "482913", recovery, ITER);
    const stored = await space.sealDraft(first, draftRecord({ ownerId: sam.ownerId, ownerName: "Sam" }));
    for (let i = 0; i < 4; i++) await expect(space.unlockWithPin(sam.ownerId, "111111")).rejects.toThrow();
    await expect(space.unlockWithPin(sam.ownerId, "111111")).rejects.toMatchObject({
      failure: { kind: "locked_out" },
    });
    expect(await space.isLockedOut(sam.ownerId)).toBe(true);
    await expect(space.unlockWithPin(sam.ownerId, "482913")).rejects.toMatchObject({
      failure: { kind: "locked_out" },
    });
    await expect(space.recoverSpace(sam.ownerId, serverSecret(), "555555")).rejects.toBeInstanceOf(SealError);
    const back = await space.recoverSpace(sam.ownerId, recovery, "555555");
    expect(await space.isLockedOut(sam.ownerId)).toBe(false);
    // Nothing was lost: the draft sealed before the lock-out opens.
    expect((await space.openDraft(back, stored)).id).toBe(stored.id);
    await space.unlockWithPin(sam.ownerId, "555555");
    await expect(space.unlockWithPin(sam.ownerId, "482913")).rejects.toMatchObject({
      failure: { kind: "wrong_pin" },
    });
  });

  it("a space made offline keeps its PIN wrap when locked out, and online sign-in with the PIN clears it", async () => {
    await space.createSpace(sam, "482913", null, ITER);
    for (let i = 0; i < 5; i++) await expect(space.unlockWithPin(sam.ownerId, "111111")).rejects.toThrow();
    await expect(space.unlockWithPin(sam.ownerId, "482913")).rejects.toMatchObject({
      failure: { kind: "locked_out" },
    });
    await expect(space.recoverSpace(sam.ownerId, serverSecret(), "555555")).rejects.toMatchObject({
      failure: { kind: "locked_out" },
    });
    await space.addRecovery(sam.ownerId, "482913", serverSecret());
    await expect(space.unlockWithPin(sam.ownerId, "482913")).resolves.toMatchObject({ ownerId: sam.ownerId });
  });
});

describe("two researchers on one tablet", () => {
  it("each opens only their own drafts", async () => {
    const s = await space.createSpace(sam, "482913", null, ITER);
    const a = await space.createSpace(alex, "739201", null, ITER);
    const samsDraft = await space.sealDraft(s, draftRecord({ ...sam, data: { note: "sleeps rough" } }));
    const alexsDraft = await space.sealDraft(a, draftRecord({ ...alex }));
    expect((await space.openDraft(s, samsDraft)).data).toEqual({ note: "sleeps rough" });
    await expect(space.openDraft(a, samsDraft)).rejects.toBeInstanceOf(SealError);
    // Relabelled as Alex's, Sam's draft still does not open with Alex's key.
    await expect(space.openDraft(a, { ...samsDraft, ownerId: alex.ownerId })).rejects.toBeInstanceOf(
      SealError,
    );
    expect((await space.openDraft(a, alexsDraft)).ownerId).toBe(alex.ownerId);
    expect(JSON.stringify(samsDraft)).not.toContain("sleeps rough");
  });

  it("both finished interviews upload with the tablet's key, no PIN; a revoked key opens none", async () => {
    const upload = { keyId: "kid-1", key: serverSecret() };
    await space.ensureOutboxKeys(upload);
    const s = await space.createSpace(sam, "482913", null, ITER);
    const a = await space.createSpace(alex, "739201", null, ITER);
    const records = [
      await space.sealOutboxRecord(s, interviewRecord({ ...sam })),
      await space.sealOutboxRecord(a, interviewRecord({ ...alex })),
    ];
    for (const record of records) expect(JSON.stringify(record)).not.toContain("ABCD-EFGH");

    const privateKey = await space.openOutboxKey(upload);
    if (!privateKey) throw new Error("no outbox key");
    const opened = await Promise.all(records.map((r) => space.openOutboxForUpload(privateKey, r)));
    expect(opened.map((r) => r.ownerId)).toEqual([sam.ownerId, alex.ownerId]);
    expect(opened.every((r) => r.kind === "interview" && r.item.participantCode === "ABCD-EFGH")).toBe(true);
    // The author sees their own, not the other's.
    expect((await space.openOutboxAsOwner(s, records[0] as never)).id).toBe(records[0]?.id);
    await expect(space.openOutboxAsOwner(s, records[1] as never)).rejects.toBeInstanceOf(SealError);
    // Another key id (a re-enrolled tablet) or another secret opens nothing.
    expect(await space.openOutboxKey({ keyId: "kid-2", key: upload.key })).toBeNull();
    await expect(space.openOutboxKey({ keyId: "kid-1", key: serverSecret() })).rejects.toBeInstanceOf(
      SealError,
    );
  });

  it("an interview sealed before the tablet had an upload key uploads once its author re-seals it", async () => {
    const s = await space.createSpace(sam, "482913", null, ITER);
    const early = await space.sealOutboxRecord(s, interviewRecord({ ...sam }));
    expect(early.keys.outbox).toBeNull();
    const upload = { keyId: "kid-1", key: serverSecret() };
    await space.ensureOutboxKeys(upload);
    const privateKey = await space.openOutboxKey(upload);
    if (!privateKey) throw new Error("no outbox key");
    await expect(space.openOutboxForUpload(privateKey, early)).rejects.toBeInstanceOf(SealError);
    const [resealed] = await space.resealForOutbox(s, [early]);
    if (!resealed) throw new Error("not re-sealed");
    expect((await space.openOutboxForUpload(privateKey, resealed)).id).toBe(early.id);
    expect(await space.resealForOutbox(s, [resealed])).toEqual([]);
  });

  it("keeps the state the sync engine changed without opening the record", async () => {
    const s = await space.createSpace(sam, "482913", null, ITER);
    const stored = await space.sealOutboxRecord(s, interviewRecord({ ...sam }));
    const opened = await space.openOutboxAsOwner(s, { ...stored, state: "uploading", attempts: 3 });
    expect(opened).toMatchObject({ state: "uploading", attempts: 3 });
  });
});

describe("rotating a researcher's data key", () => {
  it("re-seals with the new key while the old one still opens, then only the new key is kept", async () => {
    const old = await space.createSpace(sam, "482913", null, ITER);
    const before = await space.sealDraft(old, draftRecord({ ...sam, data: { a: 1 } }));
    let after = before;
    await expect(space.rotateDataKey(old, "000000", null, async () => undefined)).rejects.toBeInstanceOf(
      SealError,
    );
    const rotated = await space.rotateDataKey(old, "482913", null, async (next) => {
      const draft = await space.openDraft(next, before);
      after = await space.sealDraft(next, draft);
    });
    expect(rotated.kid).not.toBe(old.kid);
    expect(after.sealed.kid).toBe(rotated.kid);
    expect((await space.openDraft(rotated, after)).data).toEqual({ a: 1 });
    // The old key is gone from the space: a record left sealed with it no longer opens.
    await expect(space.openDraft(rotated, before)).rejects.toThrow(/not unlocked/);
    const relocked = await space.unlockWithPin(sam.ownerId, "482913");
    expect((await space.openDraft(relocked, after)).data).toEqual({ a: 1 });
  });
});

describe("a lost-tablet wipe", () => {
  it("is not blocked by the open keys database, and leaves no space behind", async () => {
    await space.createSpace(sam, "482913", null, ITER);
    expect(await space.hasSpace(sam.ownerId)).toBe(true);
    const outcome = await new Promise<string>((resolve) => {
      const request = indexedDB.deleteDatabase(space.KEYS_DATABASE);
      request.onsuccess = () => resolve("deleted");
      request.onerror = () => resolve("error");
      request.onblocked = () => resolve("blocked");
    });
    expect(outcome).toBe("deleted");
    expect(await space.hasSpace(sam.ownerId)).toBe(false);
  });
});
