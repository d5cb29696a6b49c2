import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { retentionCutoff } from "../../../server/retention/retention-cutoff.ts";
import type { RetentionDeleteResponse, RetentionResponse } from "../../../shared/contract/retention.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, NOW, type TestContext } from "../../helpers/test-app.ts";
import { auditEntries, countRows, upload } from "./helpers.ts";

let t: TestContext;
let admin: string;

beforeEach(async () => {
  t = await createTestContext();
  admin = await t.signIn("admin");
});
afterEach(async () => {
  await t.close();
});

/** Stores responses as if they had arrived on these dates. */
async function arrivedOn(dates: string[]): Promise<string[]> {
  const items = dates.map(() => syncItem());
  await upload(t, admin, items);
  for (const [n, item] of items.entries()) {
    await t.db
      .updateTable("responses")
      .set({ received_at: `${dates[n]}T12:00:00.000Z` })
      .where("id", "=", item.id)
      .execute();
  }
  return items.map((i) => i.id);
}

async function setMonths(months: number | null, cookie = admin) {
  return t.request("/api/retention/settings", { method: "POST", cookie, json: { months } });
}

async function due(query = ""): Promise<RetentionResponse> {
  const res = await t.request(`/api/retention${query}`, { cookie: admin });
  expect(res.status).toBe(200);
  return (await res.json()) as RetentionResponse;
}

describe("the retention period", () => {
  it("lists nothing until a period is set, then the responses received before the cutoff, oldest first", async () => {
    const [old, older, recent] = await arrivedOn(["2025-01-10", "2024-06-01", "2026-10-01"]);
    expect(await due()).toEqual({ months: null, cutoff: null, total: 0, responses: [], nextCursor: null });

    expect((await setMonths(12)).status).toBe(200);
    const list = await due();
    expect(list).toMatchObject({ months: 12, cutoff: "2025-11-26T10:00:00.000Z", total: 2 });
    expect(list.responses.map((r) => r.id)).toEqual([older, old]);
    expect(list.responses.map((r) => r.id)).not.toContain(recent);
    const [entry] = await auditEntries(t, "retention.settings");
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({ months: 12 });
  });

  it("pages through a long list", async () => {
    const ids = await arrivedOn(Array.from({ length: 5 }, (_, n) => `2020-01-0${n + 1}`));
    await setMonths(1);
    const first = await due("?limit=2");
    const second = await due(`?limit=2&cursor=${first.nextCursor}`);
    const third = await due(`?limit=2&cursor=${second.nextCursor}`);
    expect([...first.responses, ...second.responses, ...third.responses].map((r) => r.id)).toEqual(ids);
    expect(third.nextCursor).toBeNull();
  });

  it("deletes the chosen responses that are due, audits each one, and leaves the rest", async () => {
    const [old, recent] = await arrivedOn(["2024-01-01", "2026-11-01"]);
    expect(
      (
        await t.request("/api/retention/deletions", {
          method: "POST",
          cookie: admin,
          json: { responseIds: [old] },
        })
      ).status,
    ).toBe(409);
    await setMonths(6);
    const missing = randomUUID();
    const res = await t.request("/api/retention/deletions", {
      method: "POST",
      cookie: admin,
      json: { responseIds: [old, recent, missing] },
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as RetentionDeleteResponse).toEqual({
      deleted: [old],
      notDeleted: [recent, missing],
    });
    expect((await t.db.selectFrom("responses").select("id").execute()).map((r) => r.id)).toEqual([recent]);
    const entries = await auditEntries(t, "retention.delete");
    expect(entries.map((e) => e.target)).toEqual([old]);
    expect(JSON.parse(entries[0]?.detail ?? "{}")).toMatchObject({ surveyId: "wellbeing-check", months: 6 });
  });

  it("can be switched off again", async () => {
    await arrivedOn(["2020-01-01"]);
    await setMonths(3);
    expect((await due()).total).toBe(1);
    await setMonths(null);
    expect((await due()).total).toBe(0);
  });

  it("counts calendar months, holding the 31st to the end of a shorter month", () => {
    expect(retentionCutoff(NOW, 12).toISOString()).toBe("2025-11-26T10:00:00.000Z");
    expect(retentionCutoff(new Date("2026-03-31T08:00:00Z"), 1).toISOString()).toBe(
      "2026-02-28T08:00:00.000Z",
    );
    expect(retentionCutoff(new Date("2024-03-31T08:00:00Z"), 1).toISOString()).toBe(
      "2024-02-29T08:00:00.000Z",
    );
    expect(retentionCutoff(new Date("2026-01-15T00:00:00Z"), 25).toISOString()).toBe(
      "2023-12-15T00:00:00.000Z",
    );
  });

  it("is for admins only, and refuses malformed, oversized and hostile input", async () => {
    const [id] = await arrivedOn(["2020-01-01"]);
    await setMonths(1);
    for (const role of ["coordinator", "evaluator", "peer_researcher", "expert"] as const) {
      const cookie = await t.signIn(role);
      expect((await t.request("/api/retention", { cookie })).status).toBe(403);
      expect((await setMonths(2, cookie)).status).toBe(403);
      const del = await t.request("/api/retention/deletions", {
        method: "POST",
        cookie,
        json: { responseIds: [id] },
      });
      expect(del.status).toBe(403);
    }
    for (const months of [0, -1, 1.5, 1201, "12", true, [12]]) {
      expect(
        (await t.request("/api/retention/settings", { method: "POST", cookie: admin, json: { months } }))
          .status,
      ).toBe(400);
    }
    for (const body of [
      {},
      { responseIds: [] },
      { responseIds: ["not-a-uuid"] },
      { responseIds: ["' OR 1=1 --"] },
      { responseIds: Array.from({ length: 101 }, () => randomUUID()) },
      { responseIds: [id], everything: true },
    ]) {
      const res = await t.request("/api/retention/deletions", { method: "POST", cookie: admin, json: body });
      expect(res.status).toBe(400);
    }
    const huge = await t.request("/api/retention/deletions", {
      method: "POST",
      cookie: admin,
      json: { responseIds: Array.from({ length: 3000 }, () => randomUUID()) },
    });
    expect(huge.status).toBe(413);
    for (const query of ["?limit=0", "?cursor=yesterday", "?x=1"]) {
      expect((await t.request(`/api/retention${query}`, { cookie: admin })).status).toBe(400);
    }
    expect(await countRows(t, "responses")).toBe(1);
    expect((await t.request("/api/retention")).status).toBe(401);
  });
});
