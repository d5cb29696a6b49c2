import { beforeEach, describe, expect, it } from "vitest";
import { stubBrowser } from "./offline-globals.ts";

stubBrowser();
const { database } = await import("../../../client/offline/db.ts");
const { DraftSaver, getDraft, moveDraftToOutbox, putDraft } = await import(
  "../../../client/offline/drafts.ts"
);
const outbox = await import("../../../client/offline/outbox.ts");
const { migrateLegacyOutbox } = await import("../../../client/offline/legacy-outbox.ts");
const { draftRecord, interviewRecord } = await import("./records.ts");

beforeEach(async () => {
  const db = await database();
  await db.clear("drafts");
  await db.clear("outbox");
});

describe("drafts", () => {
  it("saves a burst of answers in order, the newest state last, and reports when it is on disk", async () => {
    const draft = draftRecord();
    const saver = new DraftSaver(draft);
    for (let i = 1; i <= 20; i++) saver.save({ data: { typed: "x".repeat(i) }, pageNo: i % 3 });
    expect(saver.status().state).toBe("saving");
    await saver.flush();
    expect(saver.status().state).toBe("saved");
    const stored = await getDraft(draft.id);
    expect(stored?.data).toEqual({ typed: "x".repeat(20) });
    expect(stored?.pageNo).toBe(20 % 3);
  });

  it("moves a finished interview from the drafts to the outbox in one step, and a stop before consent to nowhere", async () => {
    const draft = draftRecord();
    await putDraft(draft);
    await moveDraftToOutbox(draft.id, interviewRecord({ id: draft.id }));
    expect(await getDraft(draft.id)).toBeUndefined();
    expect((await outbox.getRecord(draft.id))?.state).toBe("waiting");

    const abandoned = draftRecord();
    await putDraft(abandoned);
    await moveDraftToOutbox(abandoned.id, null);
    expect(await (await database()).count("drafts")).toBe(0);
    expect(await (await database()).count("outbox")).toBe(1);
  });
});

describe("the outbox", () => {
  it("keeps only the receipt once the server has an item, and everything when it refused it", async () => {
    const stored = interviewRecord();
    const refused = interviewRecord();
    await outbox.queue(stored);
    await outbox.queue(refused);
    await outbox.settleAll(
      [
        { id: stored.id, receipt: { outcome: "accepted", receivedAt: "2026-11-26T11:00:00.000Z" } },
        {
          id: refused.id,
          receipt: {
            outcome: "refused",
            problem: { type: "/problems/forbidden_area", title: "No", status: 403, code: "forbidden_area" },
          },
        },
      ],
      "2026-11-26T11:00:00.000Z",
    );
    const [a, b] = [await outbox.getRecord(stored.id), await outbox.getRecord(refused.id)];
    expect(a).toMatchObject({ state: "stored", receipt: { outcome: "accepted" } });
    expect(a?.kind === "interview" && a.item.data).toEqual({});
    expect(b?.state).toBe("refused");
    expect(b?.kind === "interview" && b.item.data).toEqual(refused.item.data);
  });

  it("counts tries while waiting, retries a refused item, and deletes only refused ones", async () => {
    const record = interviewRecord();
    await outbox.queue(record);
    await outbox.markUploading([record.id]);
    await outbox.keepWaiting([record.id], "No connection.");
    expect(await outbox.getRecord(record.id)).toMatchObject({
      state: "waiting",
      attempts: 1,
      lastError: "No connection.",
    });
    await outbox.removeRefused(record.id);
    expect(await outbox.getRecord(record.id)).toBeDefined();
    await outbox.settle(
      record.id,
      { outcome: "refused", problem: { type: "t", title: "No", status: 400, code: "invalid_body" } },
      "2026-11-26T11:00:00.000Z",
    );
    await outbox.retry(record.id);
    expect((await outbox.getRecord(record.id))?.state).toBe("waiting");
  });

  it("puts uploads interrupted by a closed tab back in the queue", async () => {
    const record = interviewRecord();
    await outbox.queue(record);
    await outbox.markUploading([record.id]);
    await outbox.resetInterrupted();
    expect((await outbox.waitingRecords()).map((r) => r.id)).toEqual([record.id]);
  });

  it("tidies receipts away after two weeks but never a waiting item", async () => {
    const old = interviewRecord();
    const waiting = interviewRecord({ queuedAt: "2026-01-01T00:00:00.000Z" });
    await outbox.queue(old);
    await outbox.queue(waiting);
    await outbox.settle(
      old.id,
      { outcome: "duplicate", receivedAt: "2026-11-01T00:00:00.000Z" },
      "2026-11-01T00:00:00.000Z",
    );
    await outbox.pruneReceipts(new Date("2026-11-20T00:00:00.000Z"));
    expect((await outbox.listOutbox()).map((r) => r.id)).toEqual([waiting.id]);
  });

  it("moves the first version's localStorage outbox into IndexedDB once", async () => {
    const storage = new Map<string, string>();
    const legacy = interviewRecord();
    storage.set(
      "alongside.outbox.v1",
      JSON.stringify([
        { item: legacy.item, surveyTitle: "Old", queuedAt: legacy.queuedAt, attempts: 2, lastError: "x" },
      ]),
    );
    const local = {
      getItem: (k: string) => storage.get(k) ?? null,
      removeItem: (k: string) => void storage.delete(k),
    } as unknown as Storage;
    expect(await migrateLegacyOutbox(local)).toBe(1);
    expect(await outbox.getRecord(legacy.id)).toMatchObject({
      state: "waiting",
      attempts: 2,
      surveyTitle: "Old",
    });
    expect(storage.has("alongside.outbox.v1")).toBe(false);
  });
});
