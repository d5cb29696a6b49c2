import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { stubBrowser } from "./offline-globals.ts";

/**
 * The outbox and draft lists follow the database (`watchQuery`, under `useLiveQuery`): after every
 * write in this tab, and after writes in another tab, which has its own connection and its own
 * BroadcastChannel. The other tab here is a second copy of the offline modules (vi.resetModules), as
 * a second tab loads its own.
 */
stubBrowser();
const tab = await loadTab();
const { interviewRecord, draftRecord } = await import("./records.ts");

async function loadTab() {
  vi.resetModules();
  return {
    db: await import("../../../client/offline/db.ts"),
    drafts: await import("../../../client/offline/drafts.ts"),
    outbox: await import("../../../client/offline/outbox.ts"),
    live: await import("../../../client/offline/use-live-query.ts"),
    sync: await import("../../../client/offline/sync-engine.ts"),
  };
}

type Tab = Awaited<ReturnType<typeof loadTab>>;

/** Watches a query in `on`, keeping every result it hands on. */
function watch<T>(on: Tab, query: () => Promise<T>) {
  const results: T[] = [];
  const stop = on.live.watchQuery(query, (value) => results.push(value));
  return { results, stop, latest: () => results.at(-1) };
}

function serveAccepted(): void {
  vi.stubGlobal("fetch", async (_path: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { items?: SyncItem[] };
    const results = (body.items ?? []).map((item) => ({
      id: item.id,
      outcome: "accepted",
      receivedAt: "2026-11-26T12:00:00.000Z",
    }));
    return new Response(JSON.stringify({ results }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  });
}

const stops: (() => void)[] = [];
beforeEach(async () => {
  const db = await tab.db.database();
  await db.clear("drafts");
  await db.clear("outbox");
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe("a live query in this tab", () => {
  it("shows what is queued and then what the sync engine settled", async () => {
    const list = watch(tab, tab.outbox.listOutbox);
    stops.push(list.stop);
    await vi.waitFor(() => expect(list.latest()).toEqual([]));

    const record = interviewRecord();
    await tab.outbox.queue(record);
    await vi.waitFor(() =>
      expect(list.latest()?.map((r) => [r.id, r.state])).toEqual([[record.id, "waiting"]]),
    );

    serveAccepted();
    const engine = new tab.sync.SyncEngine();
    engine.start({ id: "u1" });
    await engine.uploadNow();
    engine.dispose();
    await vi.waitFor(() =>
      expect(list.latest()?.map((r) => [r.id, r.state])).toEqual([[record.id, "stored"]]),
    );
  });

  it("follows drafts moved to the outbox, in one change for both lists", async () => {
    const draft = draftRecord();
    await tab.drafts.putDraft(draft);
    const drafts = watch(tab, tab.drafts.listDrafts);
    const outbox = watch(tab, tab.outbox.listOutbox);
    stops.push(drafts.stop, outbox.stop);
    await vi.waitFor(() => expect(drafts.latest()?.map((d) => d.id)).toEqual([draft.id]));

    await tab.drafts.moveDraftToOutbox(draft.id, interviewRecord({ id: draft.id }));
    await vi.waitFor(() => {
      expect(drafts.latest()).toEqual([]);
      expect(outbox.latest()?.map((r) => r.id)).toEqual([draft.id]);
    });
  });

  it("runs once more after a burst of writes, not once per write, and hands on results in order", async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const list = watch(tab, async () => {
      runs += 1;
      if (runs === 1) await gate;
      return tab.outbox.listOutbox();
    });
    stops.push(list.stop);

    // Five writes while the first run is still going.
    const records = Array.from({ length: 5 }, () => interviewRecord());
    for (const record of records) await tab.outbox.queue(record);
    expect(runs).toBe(1);
    release();

    await vi.waitFor(() => expect(list.latest()?.length).toBe(5));
    expect(runs).toBe(2);
    expect(list.results.map((r) => r.length)).toEqual([5, 5]);
  });

  it("does not re-read the outbox for a draft saved as the researcher types; unmarked queries re-run", async () => {
    const draft = draftRecord();
    const outboxList = watch(tab, tab.outbox.listOutbox);
    const draftList = watch(tab, tab.drafts.listDrafts);
    const anyStore = watch(tab, () => tab.outbox.getRecord(draft.id));
    stops.push(outboxList.stop, draftList.stop, anyStore.stop);
    await vi.waitFor(() =>
      expect([outboxList, draftList, anyStore].map((w) => w.results.length)).toEqual([1, 1, 1]),
    );

    for (let i = 0; i < 3; i++) await tab.drafts.putDraft({ ...draft, data: { typed: "x".repeat(i) } });
    await vi.waitFor(() => expect(draftList.latest()?.[0]?.data).toEqual({ typed: "xx" }));
    await vi.waitFor(() => expect(anyStore.results.length).toBeGreaterThan(1));
    expect(outboxList.results).toHaveLength(1);

    await tab.drafts.moveDraftToOutbox(draft.id, interviewRecord({ id: draft.id }));
    await vi.waitFor(() => expect(outboxList.latest()?.map((r) => r.id)).toEqual([draft.id]));
    await vi.waitFor(() => expect(anyStore.latest()?.id).toBe(draft.id));
  });

  it("hands on nothing once stopped, even from a run already going", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const list = watch(tab, async () => {
      await gate;
      return tab.outbox.listOutbox();
    });
    list.stop();
    release();
    await tab.outbox.queue(interviewRecord());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(list.results).toEqual([]);
  });

  it("keeps following after a failed run", async () => {
    let fail = true;
    const errors: unknown[] = [];
    const results: number[] = [];
    const stop = tab.live.watchQuery(
      async () => {
        if (fail) throw new Error("storage refused");
        return (await tab.outbox.listOutbox()).length;
      },
      (value) => results.push(value),
      (error) => errors.push(error),
    );
    stops.push(stop);
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    fail = false;
    await tab.outbox.queue(interviewRecord());
    await vi.waitFor(() => expect(results).toEqual([1]));
  });
});

describe("a live query and another tab", () => {
  it("sees another tab's sync engine settle items and its drafts change", async () => {
    const other = await loadTab();
    expect(other.db).not.toBe(tab.db);
    const list = watch(tab, tab.outbox.listOutbox);
    const drafts = watch(tab, tab.drafts.listDrafts);
    stops.push(list.stop, drafts.stop);
    await vi.waitFor(() => expect(list.latest()).toEqual([]));

    const records = [interviewRecord(), interviewRecord()];
    for (const record of records) await other.outbox.queue(record);
    await vi.waitFor(() => expect(list.latest()?.map((r) => r.state)).toEqual(["waiting", "waiting"]));

    serveAccepted();
    const engine = new other.sync.SyncEngine();
    engine.start({ id: "u1" });
    await engine.uploadNow();
    engine.dispose();
    await vi.waitFor(() => expect(list.latest()?.map((r) => r.state)).toEqual(["stored", "stored"]));

    const draft = draftRecord();
    await other.drafts.putDraft(draft);
    await vi.waitFor(() => expect(drafts.latest()?.map((d) => d.id)).toEqual([draft.id]));
    await other.db.closeDatabase();
  });

  it("without BroadcastChannel still saves and follows its own tab's changes", async () => {
    const original = globalThis.BroadcastChannel;
    vi.stubGlobal("BroadcastChannel", undefined);
    try {
      const lone = await loadTab();
      const list = watch(lone, lone.outbox.listOutbox);
      stops.push(list.stop);
      await vi.waitFor(() => expect(list.latest()).toEqual([]));
      const record = interviewRecord();
      await lone.outbox.queue(record);
      await vi.waitFor(() => expect(list.latest()?.map((r) => r.id)).toEqual([record.id]));
      expect(await tab.outbox.getRecord(record.id)).toEqual(record);
      await lone.db.closeDatabase();
    } finally {
      vi.stubGlobal("BroadcastChannel", original);
    }
  });
});
