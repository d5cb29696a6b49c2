import { beforeEach, describe, expect, it } from "vitest";
import { stubBrowser } from "./offline-globals.ts";

stubBrowser();
const { database } = await import("../../../client/offline/db.ts");
const drafts = await import("../../../client/offline/drafts.ts");
const outbox = await import("../../../client/offline/outbox.ts");
const space = await import("../../../client/offline/space.ts");
const { spaceSession } = await import("../../../client/offline/space-session.ts");
const { draftRecord, interviewRecord } = await import("./records.ts");

// Drafts through each researcher's space (issue 17, decision 0035): sealed at rest while the space is
// unlocked, listed per researcher, never written in plain for a researcher whose space is locked.
// Real WebCrypto (Node) and IndexedDB (fake-indexeddb); a low PBKDF2 count keeps it quick.

const ITER = 1000;
const sam = { ownerId: "u-sam", ownerName: "Sam" };
const alex = { ownerId: "u-alex", ownerName: "Alex" };
const ANSWER = "I sleep rough behind the bus station";
const CODE = "ZQXW-4821";

async function storedText(): Promise<string> {
  const stored = await (await database()).getAll("drafts");
  return JSON.stringify(stored, (_, value) =>
    value instanceof ArrayBuffer || ArrayBuffer.isView(value)
      ? Buffer.from(value as ArrayBuffer).toString("utf8")
      : value,
  );
}

beforeEach(async () => {
  spaceSession.lock("manual");
  const db = await database();
  await db.clear("drafts");
  await db.clear("outbox");
  await space.closeKeys();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(space.KEYS_DATABASE);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
});

describe("drafts in a researcher's space", () => {
  it("are stored sealed while the space is unlocked: neither the answer nor the code is in the store", async () => {
    spaceSession.unlocked(await space.createSpace(sam, "482913", null, ITER));
    const draft = draftRecord({
      ...sam,
      data: { where_slept: ANSWER },
      setup: { participantCode: CODE, wave: 0, areaId: "north", administrationMode: "read_aloud" },
    });
    await drafts.putDraft(draft);
    const text = await storedText();
    expect(text).toContain(draft.id);
    expect(text).not.toContain(ANSWER);
    expect(text).not.toContain(CODE);
    expect(await drafts.getDraft(draft.id, sam.ownerId)).toEqual(draft);
    expect(await drafts.listDrafts(sam.ownerId)).toEqual([draft]);
  });

  it("are not readable once the space locks, and come back with the PIN", async () => {
    spaceSession.unlocked(await space.createSpace(sam, "482913", null, ITER));
    const draft = draftRecord({ ...sam, data: { where_slept: ANSWER } });
    await drafts.putDraft(draft);
    spaceSession.lock("idle");
    expect(await drafts.getDraft(draft.id, sam.ownerId)).toBeUndefined();
    expect(await drafts.listDrafts(sam.ownerId)).toEqual([]);
    spaceSession.unlocked(await space.unlockWithPin(sam.ownerId, "482913"));
    expect(await drafts.getDraft(draft.id, sam.ownerId)).toEqual(draft);
  });

  it("are refused, not written in plain, while their researcher's space is locked; the saver keeps the answers", async () => {
    spaceSession.unlocked(await space.createSpace(sam, "482913", null, ITER));
    const draft = draftRecord({ ...sam });
    await drafts.putDraft(draft);
    spaceSession.lock("hand_over");
    await expect(drafts.putDraft({ ...draft, data: { where_slept: ANSWER } })).rejects.toBeInstanceOf(
      drafts.SpaceLockedError,
    );
    const saver = new drafts.DraftSaver(draft);
    saver.save({ data: { where_slept: ANSWER } });
    await saver.flush();
    expect(saver.status().state).toBe("failed");
    expect(saver.current.data).toEqual({ where_slept: ANSWER });
    saver.stop();
    expect(await storedText()).not.toContain(ANSWER);
  });

  it("of one researcher are not listed, counted or opened for another signed in on the same tablet", async () => {
    spaceSession.unlocked(await space.createSpace(sam, "482913", null, ITER));
    const samsDraft = draftRecord({ ...sam });
    await drafts.putDraft(samsDraft);
    await outbox.queue(interviewRecord({ ...sam }));
    spaceSession.unlocked(await space.createSpace(alex, "615243", null, ITER));
    const alexsDraft = draftRecord({ ...alex });
    await drafts.putDraft(alexsDraft);

    expect((await drafts.listDrafts(alex.ownerId)).map((d) => d.id)).toEqual([alexsDraft.id]);
    expect(await drafts.getDraft(samsDraft.id, alex.ownerId)).toBeUndefined();
    // Even asked without an owner, a sealed draft of a space that is not unlocked cannot be read.
    expect(await drafts.getDraft(samsDraft.id)).toBeUndefined();
    expect(await drafts.listDrafts(sam.ownerId)).toEqual([]);
    expect(await outbox.outboxOf(alex.ownerId)()).toEqual([]);
    // Sam's queued interview is sealed (decision 0042): it opens only with Sam's space, locked now.
    expect(await outbox.outboxOf(sam.ownerId)()).toEqual([]);
    expect(await outbox.getRecord((await outbox.storedOutbox())[0]?.id ?? "")).toBeUndefined();
    // The uploader still sends everyone's; anyone may count it, by kind and state only.
    const [waiting] = await outbox.waitingRecords();
    expect(waiting && outbox.isSealedRecord(waiting)).toBe(true);
    expect((await outbox.listOutbox()).map((r) => [r.kind, r.state])).toEqual([["interview", "waiting"]]);
  });

  it("of a researcher with no space yet stay as before (plain), and are sealed on their first unlock", async () => {
    const draft = draftRecord({ ...sam, data: { where_slept: ANSWER } });
    await drafts.putDraft(draft);
    expect(await drafts.getDraft(draft.id, sam.ownerId)).toEqual(draft);
    const { sealPlaintextFor } = await import("../../../client/offline/space-migration.ts");
    const opened = await space.createSpace(sam, "482913", null, ITER);
    spaceSession.unlocked(opened);
    await sealPlaintextFor(opened);
    expect(await storedText()).not.toContain(ANSWER);
    expect(await drafts.getDraft(draft.id, sam.ownerId)).toEqual(draft);
  });

  it("sealed on unlock as the PIN screens do it, leave finished interviews waiting in a form the uploader can send", async () => {
    const waiting = interviewRecord({ ...sam });
    await outbox.queue(waiting);
    await drafts.putDraft(draftRecord({ ...sam, data: { where_slept: ANSWER } }));
    const { sealPlaintextFor } = await import("../../../client/offline/space-migration.ts");
    const opened = await space.createSpace(sam, "482913", null, ITER);
    spaceSession.unlocked(opened);
    expect(await sealPlaintextFor(opened, { outbox: false })).toEqual({ drafts: 1, outbox: 0, rewrapped: 0 });
    expect(await outbox.waitingRecords()).toEqual([waiting]);
  });
});
