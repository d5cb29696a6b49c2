import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stubBrowser } from "./offline-globals.ts";

const browser = stubBrowser();
const { database, closeDatabase, wasCreatedThisSession } = await import("../../../client/offline/db.ts");
const { DraftSaver, getDraft, SAVE_RETRY_MS } = await import("../../../client/offline/drafts.ts");
const { acknowledgeStoreLoss, checkStore, isQuotaExceeded, storeContinuity, storeLoss } = await import(
  "../../../client/offline/storage-pressure.ts"
);
const { draftRecord } = await import("./records.ts");

// Storage pressure (issue 17): a full tablet while saving an answer loses no answer and says why; a
// store that disappeared between sessions is noticed and said until read.

const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

describe("a full tablet while saving answers", () => {
  beforeEach(async () => {
    await (await database()).clear("drafts");
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it("recognises the ways browsers say the storage is full", () => {
    expect(isQuotaExceeded(quota())).toBe(true);
    expect(isQuotaExceeded({ name: "AbortError", error: quota() })).toBe(true);
    expect(isQuotaExceeded(Object.assign(new Error("x"), { code: 22 }))).toBe(true);
    expect(isQuotaExceeded(new DOMException("nope", "InvalidStateError"))).toBe(false);
    expect(isQuotaExceeded(null)).toBe(false);
  });

  it("says the tablet is full, keeps every answer and saves them by itself once there is room", async () => {
    const draft = draftRecord();
    const saver = new DraftSaver(draft);
    const put = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw quota();
    });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    saver.save({ data: { q1: "first answer" } });
    saver.save({ data: { q1: "first answer", q2: "second answer" } });
    await saver.flush();
    expect(saver.status()).toMatchObject({ state: "failed", failure: "full" });
    expect(saver.current.data).toEqual({ q1: "first answer", q2: "second answer" });
    expect(await getDraft(draft.id)).toBeUndefined();

    // Still full at the first retry: still failed, still kept.
    await vi.advanceTimersByTimeAsync(SAVE_RETRY_MS);
    await saver.flush();
    expect(saver.status().state).toBe("failed");

    put.mockRestore();
    await vi.advanceTimersByTimeAsync(SAVE_RETRY_MS);
    await saver.flush();
    expect(saver.status().state).toBe("saved");
    expect((await getDraft(draft.id))?.data).toEqual({ q1: "first answer", q2: "second answer" });
  });

  it("tells other refusals apart, and a stopped saver does not bring back a draft that moved on", async () => {
    const draft = draftRecord();
    const saver = new DraftSaver(draft);
    const put = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw new DOMException("broken", "UnknownError");
    });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    saver.save({ data: { q1: "a" } });
    await saver.flush();
    expect(saver.status()).toMatchObject({ state: "failed", failure: "refused" });
    saver.stop();
    put.mockRestore();
    await vi.advanceTimersByTimeAsync(SAVE_RETRY_MS * 3);
    await saver.flush();
    expect(await getDraft(draft.id)).toBeUndefined();
    saver.resume();
    await vi.advanceTimersByTimeAsync(SAVE_RETRY_MS);
    await saver.flush();
    expect((await getDraft(draft.id))?.data).toEqual({ q1: "a" });
  });
});

describe("a store that disappeared between sessions", () => {
  const deleteFieldworkDatabase = async () => {
    await closeDatabase();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase("alongside-fieldwork");
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
  };

  it("is first use without a note, kept when the database was there, and disappeared when it was made again", () => {
    const storage = new Map<string, string>();
    const local = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    } as Storage;
    expect(storeContinuity(true, local)).toBe("first_use");
    expect(checkStore(true, new Date("2026-12-01T10:00:00Z"), local)).toBeNull();
    expect(storeContinuity(false, local)).toBe("kept");
    expect(checkStore(false, new Date("2026-12-02T10:00:00Z"), local)).toBeNull();
    const lost = checkStore(true, new Date("2026-12-03T10:00:00Z"), local);
    expect(lost).toEqual({ since: "2026-12-01T10:00:00.000Z", noticedAt: "2026-12-03T10:00:00.000Z" });
    // Said again after a reload (the database now exists) until the researcher has read it.
    expect(checkStore(false, new Date("2026-12-03T11:00:00Z"), local)).toEqual(lost);
    acknowledgeStoreLoss(local);
    expect(checkStore(false, new Date("2026-12-03T12:00:00Z"), local)).toBeNull();
  });

  it("is told apart by the real database each time it is opened: made, or found", async () => {
    browser.storage.clear();
    await deleteFieldworkDatabase();
    expect(await wasCreatedThisSession()).toBe(true);
    expect(storeLoss()).toBeNull();
    expect(browser.storage.has("alongside.storeSince")).toBe(true);
    await closeDatabase();
    expect(await wasCreatedThisSession()).toBe(false);
    expect(storeLoss()).toBeNull();
    // The browser clears IndexedDB but not localStorage; the next page load finds it gone.
    await deleteFieldworkDatabase();
    expect(await wasCreatedThisSession()).toBe(true);
    expect(storeLoss()?.since).toBeDefined();
    acknowledgeStoreLoss();
    expect(storeLoss()).toBeNull();
  });

  it("notices a store cleared while the page is open and made again by that page", async () => {
    await database();
    expect(storeLoss()).toBeNull();
    // Someone clears the site's data with the page open: the open connection is asked to close.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase("alongside-fieldwork");
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    // The next save opens it again, empty: that is a loss, said on the next page load.
    await (await database()).clear("drafts");
    expect(storeLoss()?.since).toBeDefined();
    acknowledgeStoreLoss();
  });
});
