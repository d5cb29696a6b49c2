import { beforeEach, describe, expect, it } from "vitest";
import type { SealedDraft, SealedOutboxRecord } from "../../../client/offline/space.ts";
import { stubBrowser } from "./offline-globals.ts";

stubBrowser();
const { database } = await import("../../../client/offline/db.ts");
const { putDraft } = await import("../../../client/offline/drafts.ts");
const { queue } = await import("../../../client/offline/outbox.ts");
const space = await import("../../../client/offline/space.ts");
const { sealPlaintextFor } = await import("../../../client/offline/space-migration.ts");
const { draftRecord, interviewRecord } = await import("./records.ts");

// A tablet from the version before spaces: plain drafts and outbox are sealed on first unlock,
// without losing any (issue 17, docs/decisions/0035).

const sam = { ownerId: "u-sam", ownerName: "Sam" };
const alex = { ownerId: "u-alex", ownerName: "Alex" };

beforeEach(async () => {
  const db = await database();
  await db.clear("drafts");
  await db.clear("outbox");
});

describe("sealing what an older version left in plain JSON", () => {
  it("seals every plain record of the researcher who unlocks (and ownerless outbox items), leaves the others", async () => {
    const samsDraft = draftRecord({ ...sam, data: { housing: "sofa surfing" } });
    const alexsDraft = draftRecord({ ...alex, data: { housing: "hostel" } });
    const samsInterview = interviewRecord({ ...sam });
    const ownerless = interviewRecord({ ownerId: "", ownerName: "" });
    const alexsInterview = interviewRecord({ ...alex });
    await putDraft(samsDraft);
    await putDraft(alexsDraft);
    for (const r of [samsInterview, ownerless, alexsInterview]) await queue(r);

    const upload = {
      keyId: "kid-1",
      key: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
    };
    await space.ensureOutboxKeys(upload);
    const s = await space.createSpace(sam, "482913", null, 1000);
    expect(await sealPlaintextFor(s)).toEqual({ drafts: 1, outbox: 2, rewrapped: 0 });

    const db = await database();
    expect(await db.count("drafts")).toBe(2);
    expect(await db.count("outbox")).toBe(3);
    const rawDraft = (await db.get("drafts", samsDraft.id)) as unknown as SealedDraft;
    expect(JSON.stringify(rawDraft)).not.toContain("sofa surfing");
    expect(await space.openDraft(s, rawDraft)).toEqual(samsDraft);
    // Alex's draft waits for Alex's own unlock.
    expect(await db.get("drafts", alexsDraft.id)).toEqual(alexsDraft);

    const privateKey = await space.openOutboxKey(upload);
    if (!privateKey) throw new Error("no outbox key");
    for (const original of [samsInterview, ownerless]) {
      const raw = (await db.get("outbox", original.id)) as unknown as SealedOutboxRecord;
      expect(JSON.stringify(raw)).not.toContain("ABCD-EFGH");
      const opened = await space.openOutboxForUpload(privateKey, raw);
      expect(opened).toEqual({ ...original, ownerId: sam.ownerId, ownerName: sam.ownerName });
    }
    expect(await db.get("outbox", alexsInterview.id)).toEqual(alexsInterview);

    // Twice is the same as once.
    expect(await sealPlaintextFor(s)).toEqual({ drafts: 0, outbox: 0, rewrapped: 0 });
    const a = await space.createSpace(alex, "739201", null, 1000);
    expect(await sealPlaintextFor(a)).toEqual({ drafts: 1, outbox: 1, rewrapped: 0 });
    expect(JSON.stringify(await db.getAll("drafts"))).not.toMatch(/hostel|sofa/);
    // RSA-3072 key generation takes seconds on a loaded 2-core machine.
  }, 30_000);

  it("wraps the researcher's items sealed before the tablet had its upload key at their next unlock, offline", async () => {
    // Sealed while the tablet had no outbox key pair: only its author could open it (issue 17, gap 3).
    await space.closeKeys();
    await new Promise((done) => {
      const request = indexedDB.deleteDatabase(space.KEYS_DATABASE);
      request.onsuccess = request.onerror = () => done(undefined);
    });
    const s = await space.createSpace(sam, "482913", null, 1000);
    const { spaceSession } = await import("../../../client/offline/space-session.ts");
    spaceSession.unlocked(s);
    const early = interviewRecord({ ...sam });
    await queue(early);
    spaceSession.lock("sign_out");
    const db = await database();
    expect(((await db.get("outbox", early.id)) as unknown as SealedOutboxRecord).keys.outbox).toBeNull();

    // Another researcher signed in online once: the tablet now holds its pair. Sam unlocks offline.
    const upload = {
      keyId: "kid-2",
      key: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
    };
    await space.ensureOutboxKeys(upload);
    const again = await space.unlockWithPin(sam.ownerId, "482913");
    expect(await sealPlaintextFor(again)).toEqual({ drafts: 0, outbox: 0, rewrapped: 1 });

    // The uploader now opens it without Sam's PIN.
    const privateKey = await space.openOutboxKey(upload);
    if (!privateKey) throw new Error("no outbox key");
    const raw = (await db.get("outbox", early.id)) as unknown as SealedOutboxRecord;
    expect((await space.openOutboxForUpload(privateKey, raw)).id).toBe(early.id);
  }, 30_000);
});
