import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DraftRecord, OutboxRecord } from "../../../client/offline/records.ts";
import { stubBrowser } from "./offline-globals.ts";

/**
 * Tablets that ran the Dexie version of the app (until November 2026) hold their drafts and outbox
 * in a database Dexie created. The idb layer must open it as it is and find every record. Here Dexie
 * itself (a dev dependency kept for this test only) builds the database exactly as the old
 * `client/offline/db.ts` did, and the new layer reads it. Each test gets an empty IndexedDB.
 */
stubBrowser();
const { Dexie } = await import("dexie");
const { DATABASE_NAME, closeDatabase, database } = await import("../../../client/offline/db.ts");
const drafts = await import("../../../client/offline/drafts.ts");
const outbox = await import("../../../client/offline/outbox.ts");
const { concernRecord, draftRecord, interviewRecord, debriefRecord } = await import("./records.ts");

beforeEach(async () => {
  await closeDatabase();
  vi.stubGlobal("indexedDB", new IDBFactory());
});

/** The old `FieldworkDatabase`, word for word: Dexie `version(1)`. */
function dexieDatabase() {
  const old = new Dexie(DATABASE_NAME, { indexedDB: globalThis.indexedDB, IDBKeyRange });
  old.version(1).stores({
    drafts: "id, updatedAt",
    outbox: "id, state, queuedAt",
  });
  return old as InstanceType<typeof Dexie> & {
    drafts: import("dexie").Table<DraftRecord, string>;
    outbox: import("dexie").Table<OutboxRecord, string>;
  };
}

interface Shape {
  version: number;
  stores: Record<string, { keyPath: unknown; autoIncrement: boolean; indexes: unknown[] }>;
}

/** The database's version, stores and indexes as IndexedDB reports them, opened without a version. */
function shape(): Promise<Shape> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, "readonly");
      const stores: Shape["stores"] = {};
      for (const name of names) {
        const store = tx.objectStore(name);
        stores[name] = {
          keyPath: store.keyPath,
          autoIncrement: store.autoIncrement,
          indexes: [...store.indexNames].map((n) => {
            const index = store.index(n);
            return {
              name: index.name,
              keyPath: index.keyPath,
              unique: index.unique,
              multiEntry: index.multiEntry,
            };
          }),
        };
      }
      db.close();
      resolve({ version: db.version, stores });
    };
  });
}

const DEXIE_SHAPE: Shape = {
  version: 10,
  stores: {
    drafts: {
      keyPath: "id",
      autoIncrement: false,
      indexes: [{ name: "updatedAt", keyPath: "updatedAt", unique: false, multiEntry: false }],
    },
    outbox: {
      keyPath: "id",
      autoIncrement: false,
      indexes: [
        { name: "queuedAt", keyPath: "queuedAt", unique: false, multiEntry: false },
        { name: "state", keyPath: "state", unique: false, multiEntry: false },
      ],
    },
  },
};

/** What a tablet in the field might hold: drafts touched in any order, items in every state. */
function fieldData() {
  const draftA = draftRecord({ updatedAt: "2026-11-20T10:00:00.000Z", data: { mood: 2 }, pageNo: 3 });
  const draftB = draftRecord({ updatedAt: "2026-11-25T08:30:00.000Z", stage: "readiness" });
  const draftC = draftRecord({ updatedAt: "2026-11-22T16:45:00.000Z", view: "hand_over", handedOver: true });
  // Touched at the same moment as C (two tabs, or a clock step): the order between equal times counts too.
  const draftD = draftRecord({ updatedAt: "2026-11-22T16:45:00.000Z" });
  const waitingLate = interviewRecord({
    queuedAt: "2026-11-24T12:00:00.000Z",
    attempts: 3,
    lastError: "Offline.",
  });
  const waitingEarly = interviewRecord({ queuedAt: "2026-11-21T09:00:00.000Z" });
  const uploading = interviewRecord({ queuedAt: "2026-11-22T09:00:00.000Z", state: "uploading" });
  const stored = interviewRecord({
    queuedAt: "2026-11-19T09:00:00.000Z",
    state: "stored",
    receipt: { outcome: "accepted", receivedAt: "2026-11-19T09:05:00.000Z" },
    settledAt: "2026-11-19T09:05:00.000Z",
  });
  const refused = interviewRecord({
    queuedAt: "2026-11-23T09:00:00.000Z",
    state: "refused",
    receipt: { outcome: "refused", problem: { type: "t", title: "No", status: 400, code: "invalid_body" } },
    settledAt: "2026-11-23T09:01:00.000Z",
  });
  const concern = concernRecord({ queuedAt: "2026-11-23T18:00:00.000Z" });
  const sameTime = interviewRecord({ queuedAt: "2026-11-23T18:00:00.000Z" });
  const debrief = { ...debriefRecord("u2"), queuedAt: "2026-11-20T18:00:00.000Z" };
  return {
    drafts: [draftD, draftA, draftB, draftC],
    outbox: [
      sameTime,
      waitingLate,
      waitingEarly,
      uploading,
      stored,
      refused,
      concern,
      debrief,
    ] as OutboxRecord[],
    names: {
      draftA,
      draftB,
      draftC,
      draftD,
      waitingLate,
      waitingEarly,
      uploading,
      stored,
      refused,
      concern,
      sameTime,
      debrief,
    },
  };
}

describe("a database the Dexie version of the app created", () => {
  it("has the shape the idb layer opens: version 10, the same stores and indexes", async () => {
    const old = dexieDatabase();
    await old.open();
    old.close();
    expect(await shape()).toEqual(DEXIE_SHAPE);
  });

  it("opens with every record, in the old orders, and stays Dexie's shape", async () => {
    const data = fieldData();
    const old = dexieDatabase();
    await old.drafts.bulkPut(data.drafts);
    await old.outbox.bulkPut(data.outbox);
    // The orders the Dexie version showed, asked of Dexie itself.
    const dexieDrafts = (await old.drafts.orderBy("updatedAt").reverse().toArray()).map((d) => d.id);
    const dexieOutbox = (await old.outbox.orderBy("queuedAt").toArray()).map((r) => r.id);
    const dexieWaiting = (await old.outbox.where("state").equals("waiting").sortBy("queuedAt")).map(
      (r) => r.id,
    );
    old.close();

    for (const draft of data.drafts) expect(await drafts.getDraft(draft.id)).toEqual(draft);
    for (const record of data.outbox) expect(await outbox.getRecord(record.id)).toEqual(record);
    const n = data.names;
    // Equal times: the later id first among drafts (a reversed index), the earlier id first in the outbox.
    const listed = (await drafts.listDrafts()).map((d) => d.id);
    expect(listed).toEqual([n.draftB, n.draftD, n.draftC, n.draftA].map((d) => d.id));
    expect(listed).toEqual(dexieDrafts);
    const queued = (await outbox.listOutbox()).map((r) => r.id);
    expect(queued).toEqual(
      [n.stored, n.debrief, n.waitingEarly, n.uploading, n.refused, n.concern, n.sameTime, n.waitingLate].map(
        (r) => r.id,
      ),
    );
    expect(queued).toEqual(dexieOutbox);
    const waiting = (await outbox.waitingRecords()).map((r) => r.id);
    expect(waiting).toEqual(
      [n.debrief, n.waitingEarly, n.concern, n.sameTime, n.waitingLate].map((r) => r.id),
    );
    expect(waiting).toEqual(dexieWaiting);
    await outbox.resetInterrupted();
    expect((await outbox.waitingRecords()).map((r) => r.id)).toEqual(
      [n.debrief, n.waitingEarly, n.uploading, n.concern, n.sameTime, n.waitingLate].map((r) => r.id),
    );
    await drafts.moveDraftToOutbox(n.draftA.id, interviewRecord({ id: n.draftA.id }));
    expect((await drafts.listDrafts()).map((d) => d.id)).toEqual(
      [n.draftB, n.draftD, n.draftC].map((d) => d.id),
    );

    await closeDatabase();
    expect(await shape()).toEqual(DEXIE_SHAPE);
  });

  it("opens while a tab still running the Dexie version has it open, and each sees the other's writes", async () => {
    const old = dexieDatabase();
    await old.open();
    const fromOldTab = interviewRecord();
    await old.outbox.put(fromOldTab);

    expect(await outbox.getRecord(fromOldTab.id)).toEqual(fromOldTab);
    const fromNewTab = interviewRecord();
    await outbox.queue(fromNewTab);
    expect(await old.outbox.get(fromNewTab.id)).toEqual(fromNewTab);
    expect(old.isOpen()).toBe(true);
    old.close();
  });

  it("can go back to the Dexie version: it reads what the idb layer wrote, on a tablet that never had Dexie", async () => {
    const draft = draftRecord({ data: { note: "typed offline" } });
    const record = interviewRecord();
    await drafts.putDraft(draft);
    await outbox.queue(record);
    await outbox.keepWaiting([record.id], "No connection.");
    await closeDatabase();
    expect(await shape()).toEqual(DEXIE_SHAPE);

    const old = dexieDatabase();
    expect(await old.drafts.get(draft.id)).toEqual(draft);
    expect(await old.outbox.where("state").equals("waiting").toArray()).toEqual([
      { ...record, attempts: 1, lastError: "No connection." },
    ]);
    old.close();
  });
});

describe("opening the database", () => {
  it("adds only what is missing to an older database and keeps its records", async () => {
    // A database at an older version with only the drafts store (and no index): the upgrade adds
    // the index and the outbox around the record that is there.
    const draft = draftRecord();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DATABASE_NAME, 1);
      request.onupgradeneeded = () =>
        request.result.createObjectStore("drafts", { keyPath: "id" }).put(draft);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    expect(await drafts.listDrafts()).toEqual([draft]);
    expect(await outbox.listOutbox()).toEqual([]);
    await closeDatabase();
    expect(await shape()).toEqual(DEXIE_SHAPE);
  });

  it("lets a newer version of the app upgrade it, and reopens after its connection was closed", async () => {
    const record = interviewRecord();
    await outbox.queue(record);
    await database();
    // Another tab opens version 20: this page's connection must give way rather than block it.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DATABASE_NAME, 20);
      request.onblocked = () => reject(new Error("blocked by the open connection"));
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    // This (older) page cannot open version 20; it fails rather than lose or change anything.
    await expect(outbox.getRecord(record.id)).rejects.toThrow();
  });
});
