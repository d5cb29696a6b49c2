import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SyncItem, SyncOutcome } from "../../../shared/contract/sync.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";

// How an interview ended travels with it in the sync contract (docs/decisions/0013-interview-endings.md).

let t: TestContext;
let researcher: string;
beforeEach(async () => {
  t = await createTestContext();
  researcher = await t.signIn("peer_researcher", "north");
});
afterEach(async () => {
  await t.close();
});

async function sync(items: unknown[]): Promise<SyncOutcome[]> {
  const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: SyncOutcome[] }).results;
}

const ending = async (id: string) =>
  (await t.db.selectFrom("responses").select("ending").where("id", "=", id).executeTakeFirstOrThrow()).ending;

describe("interview endings", () => {
  it("stores an interview from a tablet that does not name its ending as completed", async () => {
    const item = syncItem();
    expect((await sync([item]))[0]?.outcome).toBe("accepted");
    expect(await ending(item.id)).toBe("completed");
  });

  it("treats a resend that names the ending completed as the same interview", async () => {
    const item = syncItem();
    await sync([item]);
    const [again] = await sync([{ ...item, ending: "completed" } satisfies SyncItem]);
    expect(again?.outcome).toBe("duplicate");
  });

  it("keeps a stopped interview's answers without faulting it for the questions it never reached", async () => {
    // The fixture requires say_in_support; a participant who stopped before it is not an error.
    const item = syncItem({ data: { consent: true, accommodation: "hostel" }, ending: "stopped" });
    const [result] = await sync([item]);
    expect(result?.outcome).toBe("accepted");
    expect(await ending(item.id)).toBe("stopped");
    const row = await t.db
      .selectFrom("responses")
      .select(["data", "review_status"])
      .where("id", "=", item.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.data)).toEqual({ consent: true, accommodation: "hostel" });
    expect(row.review_status).toBe("received");
  });

  it("still flags a stopped interview's wrong answers", async () => {
    const [result] = await sync([
      syncItem({ data: { consent: true, accommodation: "castle" }, ending: "stopped" }),
    ]);
    expect(result).toMatchObject({ outcome: "needs_review", issues: [{ question: "accommodation" }] });
  });

  it("stores a decline as nothing but the decline, and flags a decline that carries answers", async () => {
    const declined = syncItem({ data: { consent: false }, ending: "declined" });
    const carrying = syncItem({ data: { consent: false, accommodation: "hostel" }, ending: "declined" });
    const results = await sync([declined, carrying]);
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "needs_review"]);
    expect(await ending(declined.id)).toBe("declined");
  });

  it("refuses an ending the contract does not know", async () => {
    const res = await t.request("/api/sync", {
      method: "POST",
      cookie: researcher,
      json: { items: [{ ...syncItem(), ending: "rescheduled" }] },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: "invalid_body",
      issues: [{ path: ["items", 0, "ending"] }],
    });
  });
});
