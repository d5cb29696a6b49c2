import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SyncOutcome, SyncResponse } from "../../shared/contract/sync.ts";
import { MAX_SYNC_BODY_BYTES, MAX_SYNC_ITEMS } from "../../shared/contract/sync.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
let researcher: string;

beforeEach(async () => {
  t = await createTestContext();
  researcher = await t.signIn("peer_researcher", "north");
});
afterEach(async () => {
  await t.close();
});

async function sync(items: unknown[], cookie = researcher): Promise<SyncOutcome[]> {
  const res = await t.request("/api/sync", { method: "POST", cookie, json: { items } });
  expect(res.status).toBe(200);
  return ((await res.json()) as SyncResponse).results;
}

async function storedCount(): Promise<number> {
  const row = await t.db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("POST /api/sync", () => {
  it("accepts a valid completed interview and stores it with its envelope", async () => {
    const item = syncItem({ administrationMode: "mixed", wave: 1 });
    const [result] = await sync([item]);
    expect(result).toMatchObject({ id: item.id, outcome: "accepted" });
    const row = await t.db
      .selectFrom("responses")
      .selectAll()
      .where("id", "=", item.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      survey_id: item.surveyId,
      survey_version: 1,
      participant_code: item.participantCode,
      wave: 1,
      area_id: "north",
      administration_mode: "mixed",
      review_status: "received",
    });
    expect(JSON.parse(row.data)).toEqual(item.data);
  });

  it("answers duplicate to an identical resend and stores nothing new", async () => {
    const item = syncItem();
    await sync([item]);
    const [again] = await sync([item]);
    expect(again).toMatchObject({ id: item.id, outcome: "duplicate" });
    expect(await storedCount()).toBe(1);
  });

  it("treats a resend with keys in another order and a lower-case code as the same content", async () => {
    const item = syncItem();
    await sync([item]);
    const reordered = Object.fromEntries(Object.entries(item.data).reverse());
    const [again] = await sync([
      { ...item, data: reordered, participantCode: item.participantCode.toLowerCase() },
    ]);
    expect(again?.outcome).toBe("duplicate");
  });

  it("keeps different content under a stored id as a new revision for review, never overwriting", async () => {
    const item = syncItem();
    await sync([item]);
    const changed = { ...item, data: { ...item.data, say_in_support: 2 } };
    const [result] = await sync([changed]);
    expect(result).toMatchObject({ id: item.id, outcome: "conflict", revision: 2 });

    const row = await t.db
      .selectFrom("responses")
      .selectAll()
      .where("id", "=", item.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.data).say_in_support).toBe(4);
    expect(row.review_status).toBe("needs_review");
    expect(row.revisions).toBe(2);
    const revision = await t.db.selectFrom("response_revisions").selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(revision.item).data.say_in_support).toBe(2);

    const [resent] = await sync([changed]);
    expect(resent?.outcome).toBe("duplicate");
    expect(await t.db.selectFrom("response_revisions").selectAll().execute()).toHaveLength(1);
  });

  it("keeps a completed interview that fails validation and flags it for review with the issues", async () => {
    const item = syncItem({
      data: {
        consent: true,
        accommodation: "castle",
        say_in_support: 9,
        visits: 500,
        last_contact: "2026-02-30",
      },
    });
    const [result] = await sync([item]);
    expect(result?.outcome).toBe("needs_review");
    const issues = result?.outcome === "needs_review" ? result.issues : [];
    expect(issues.map((i) => i.question).sort()).toEqual([
      "accommodation",
      "last_contact",
      "say_in_support",
      "visits",
    ]);
    const row = await t.db
      .selectFrom("responses")
      .selectAll()
      .where("id", "=", item.id)
      .executeTakeFirstOrThrow();
    expect(row.review_status).toBe("needs_review");
    expect(JSON.parse(row.issues)).toEqual(issues);
    expect(JSON.parse(row.data)).toEqual(item.data);
  });

  it("flags a missing required answer and an answer to a question the version does not have", async () => {
    const [result] = await sync([syncItem({ data: { consent: true, favourite_colour: "blue" } })]);
    expect(result?.outcome).toBe("needs_review");
    const questions = result?.outcome === "needs_review" ? result.issues.map((i) => i.question).sort() : [];
    expect(questions).toEqual(["favourite_colour", "say_in_support"]);
  });

  it("accepts a declined consent with no other answers", async () => {
    const [result] = await sync([syncItem({ data: { consent: false } })]);
    expect(result?.outcome).toBe("accepted");
  });

  it("rejects an item for an unknown survey version without storing it, and still stores the rest", async () => {
    const good = syncItem();
    const unknown = syncItem({ surveyVersion: 7 });
    const results = await sync([unknown, good]);
    expect(results[0]).toMatchObject({
      id: unknown.id,
      outcome: "rejected",
      problem: { code: "survey_version_not_found" },
    });
    expect(results[1]).toMatchObject({ id: good.id, outcome: "accepted" });
    expect(await storedCount()).toBe(1);
  });

  it("rejects an unknown survey, a bad participant code check character and an unknown area", async () => {
    const code = syncItem().participantCode;
    const wrongCheck = `${code.slice(0, -1)}${code.endsWith("2") ? "3" : "2"}`;
    const coordinator = await t.signIn("admin");
    const results = await sync(
      [
        syncItem({ surveyId: "no-such-survey" }),
        syncItem({ participantCode: wrongCheck }),
        syncItem({ areaId: "east" }),
      ],
      coordinator,
    );
    expect(results.map((r) => (r.outcome === "rejected" ? r.problem.code : r.outcome))).toEqual([
      "survey_version_not_found",
      "invalid_participant_code",
      "area_not_found",
    ]);
    expect(await storedCount()).toBe(0);
  });

  it("rejects an item for an area outside the researcher's scope", async () => {
    const [result] = await sync([syncItem({ areaId: "south" })]);
    expect(result).toMatchObject({ outcome: "rejected", problem: { code: "forbidden_area", status: 403 } });
    expect(await storedCount()).toBe(0);
  });

  it("gives each item of a mixed batch its own outcome, in order", async () => {
    const stored = syncItem();
    await sync([stored]);
    const fresh = syncItem();
    const results = await sync([
      fresh,
      stored,
      { ...stored, data: { consent: false } },
      syncItem({ data: { consent: true } }),
      syncItem({ areaId: "south" }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual([
      "accepted",
      "duplicate",
      "conflict",
      "needs_review",
      "rejected",
    ]);
  });

  it("treats the same id twice in one batch as a resend", async () => {
    const item = syncItem();
    const results = await sync([item, item]);
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "duplicate"]);
    expect(await storedCount()).toBe(1);
  });

  it("refuses a request without a session", async () => {
    const res = await t.request("/api/sync", { method: "POST", json: { items: [syncItem()] } });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "not_signed_in", status: 401 });
  });

  it("refuses roles that do not do fieldwork", async () => {
    for (const role of ["evaluator", "expert"] as const) {
      const cookie = await t.signIn(role);
      const res = await t.request("/api/sync", { method: "POST", cookie, json: { items: [syncItem()] } });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "forbidden_role" });
    }
    expect(await storedCount()).toBe(0);
  });

  it("refuses malformed JSON with a clear problem", async () => {
    const res = await t.request("/api/sync", {
      method: "POST",
      cookie: researcher,
      headers: { "content-type": "application/json" },
      body: '{"items": [',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "malformed_json" });
  });

  it("refuses a body that is not JSON", async () => {
    const res = await t.request("/api/sync", {
      method: "POST",
      cookie: researcher,
      headers: { "content-type": "text/plain" },
      body: "items",
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: "unsupported_media_type" });
  });

  it("refuses envelopes of the wrong shape and points at the field", async () => {
    const cases: [unknown, (string | number)[]][] = [
      [{ items: [] }, ["items"]],
      [{ items: [{ ...syncItem(), id: "not-a-uuid" }] }, ["items", 0, "id"]],
      [{ items: [{ ...syncItem(), wave: -1 }] }, ["items", 0, "wave"]],
      [{ items: [{ ...syncItem(), administrationMode: "telepathy" }] }, ["items", 0, "administrationMode"]],
      [{ items: [{ ...syncItem(), completedAt: "yesterday" }] }, ["items", 0, "completedAt"]],
      [{ items: [{ ...syncItem(), data: [1, 2] }] }, ["items", 0, "data"]],
      [{ items: [{ ...syncItem(), extra: 1 }] }, ["items", 0]],
      [{ items: Array.from({ length: MAX_SYNC_ITEMS + 1 }, () => syncItem()) }, ["items"]],
      [[syncItem()], []],
      ["items", []],
      [null, []],
    ];
    for (const [body, path] of cases) {
      const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const problem = (await res.json()) as { code: string; issues: { path: unknown[] }[] };
      expect(problem.code).toBe("invalid_body");
      expect(problem.issues.map((i) => i.path)).toContainEqual(path);
    }
    expect(await storedCount()).toBe(0);
  });

  it("refuses answers nested deeper than any survey produces, without a server error", async () => {
    const item = syncItem();
    const deep = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    const body = JSON.stringify({ items: [{ ...item, data: { consent: true } }] }).replace(
      '{"consent":true}',
      `{"consent":true,"anything_else":${deep}}`,
    );
    const res = await t.request("/api/sync", {
      method: "POST",
      cookie: researcher,
      headers: { "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_body" });
    expect(await storedCount()).toBe(0);
  });

  it("refuses an oversized body with 413 and stores nothing", async () => {
    const huge = "x".repeat(MAX_SYNC_BODY_BYTES);
    const res = await t.request("/api/sync", {
      method: "POST",
      cookie: researcher,
      json: { items: [syncItem({ data: { consent: true, anything_else: huge } })] },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "body_too_large" });
    expect(await storedCount()).toBe(0);
  });

  it("keeps hostile text as data, not as SQL", async () => {
    const item = syncItem({
      data: { consent: true, say_in_support: 3, anything_else: "'); DROP TABLE responses; --" },
    });
    const [result] = await sync([item]);
    expect(result?.outcome).toBe("accepted");
    expect(await storedCount()).toBe(1);
  });
});
