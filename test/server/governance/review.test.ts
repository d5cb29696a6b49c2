import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReviewDetail, ReviewListResponse } from "../../../shared/contract/review.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { auditEntries, reviewDetail, seenOf, upload } from "./helpers.ts";

let t: TestContext;
let researcher: string;
let reviewer: string;

beforeEach(async () => {
  t = await createTestContext();
  researcher = await t.signIn("peer_researcher", "north");
  reviewer = await t.signIn("evaluator", "north");
});
afterEach(async () => {
  await t.close();
});

const flagged = () => syncItem({ data: { consent: true, accommodation: "castle", say_in_support: 9 } });

async function list(cookie: string, query = ""): Promise<ReviewListResponse> {
  const res = await t.request(`/api/review/responses${query}`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as ReviewListResponse;
}

async function decide(cookie: string, id: string, body: unknown) {
  return t.request(`/api/review/responses/${id}/decision`, { method: "POST", cookie, json: body });
}

describe("the review queue", () => {
  it("lists responses needing review in the reviewer's area, oldest first, with their issue counts", async () => {
    const north = flagged();
    const fine = syncItem();
    const south = { ...flagged(), areaId: "south" };
    await upload(t, researcher, [north, fine]);
    await upload(t, await t.signIn("peer_researcher", "south"), [south]);

    const page = await list(reviewer);
    expect(page.total).toBe(1);
    expect(page.responses).toEqual([
      expect.objectContaining({
        id: north.id,
        areaId: "north",
        reviewStatus: "needs_review",
        issueCount: 2,
        revisions: 1,
        participantCode: north.participantCode,
      }),
    ]);
    const admin = await t.signIn("admin");
    expect((await list(admin)).responses.map((r) => r.id).sort()).toEqual([north.id, south.id].sort());
    expect((await list(admin, "?status=received")).responses.map((r) => r.id)).toEqual([fine.id]);
  });

  it("pages through the queue with a cursor, never repeating or skipping a response", async () => {
    const items = Array.from({ length: 7 }, flagged);
    await upload(t, researcher, items);
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: ReviewListResponse = await list(
        reviewer,
        `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.total).toBe(7);
      seen.push(...page.responses.map((r) => r.id));
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual(items.map((i) => i.id).sort());
  });

  it("refuses another area's filter to a reviewer and bad query parameters to anyone", async () => {
    expect((await t.request("/api/review/responses?areaId=south", { cookie: reviewer })).status).toBe(403);
    for (const query of [
      "?status=deleted",
      "?limit=0",
      "?limit=1000",
      "?limit=abc",
      "?cursor=%27%3B%20drop%20table%20responses",
      "?surprise=1",
    ]) {
      const res = await t.request(`/api/review/responses${query}`, { cookie: reviewer });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe("invalid_query");
    }
  });

  it("is closed to coordinators, peer researchers, experts and anyone signed out (answers are for analysts)", async () => {
    const [item] = [flagged()];
    await upload(t, researcher, [item]);
    for (const role of ["coordinator", "peer_researcher", "expert"] as const) {
      const cookie = await t.signIn(role, "north");
      expect((await t.request("/api/review/responses", { cookie })).status).toBe(403);
      expect((await t.request(`/api/review/responses/${item.id}`, { cookie })).status).toBe(403);
      const res = await decide(cookie, item.id, { status: "approved", seen: {} });
      expect(res.status).toBe(403);
    }
    expect((await t.request("/api/review/responses")).status).toBe(401);
  });
});

describe("a review decision", () => {
  it("approves a flagged response and keeps who changed what, when, with the comment", async () => {
    const item = flagged();
    await upload(t, researcher, [item]);
    const before = await reviewDetail(t, reviewer, item.id);
    expect(before.issues.map((i) => i.question).sort()).toEqual(["accommodation", "say_in_support"]);
    expect(before.fields.map((f) => f.name)).toContain("say_in_support");

    const res = await decide(reviewer, item.id, {
      status: "approved",
      comment: "Checked with the researcher: a slip of the finger.",
      seen: seenOf(before),
    });
    expect(res.status).toBe(200);
    const after = (await res.json()) as ReviewDetail;
    expect(after.response.reviewStatus).toBe("approved");
    expect(after.history).toEqual([
      expect.objectContaining({
        fromStatus: "needs_review",
        toStatus: "approved",
        actor: expect.stringContaining("evaluator"),
        comment: "Checked with the researcher: a slip of the finger.",
        adoptedRevision: null,
      }),
    ]);

    const [entry] = await auditEntries(t, "review.decision");
    expect(entry).toMatchObject({ target: item.id });
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({ from: "needs_review", to: "approved" });
    expect(entry?.detail).not.toContain("slip of the finger");
  });

  it("keeps every change in order, and comments that change nothing", async () => {
    const item = flagged();
    await upload(t, researcher, [item]);
    let detail = await reviewDetail(t, reviewer, item.id);
    detail = (await (
      await decide(reviewer, item.id, { status: "approved", seen: seenOf(detail) })
    ).json()) as ReviewDetail;
    const commented = await t.request(`/api/review/responses/${item.id}/comments`, {
      method: "POST",
      cookie: reviewer,
      json: { comment: "  Second look: still fine.  " },
    });
    expect(commented.status).toBe(201);
    const admin = await t.signIn("admin");
    detail = await reviewDetail(t, admin, item.id);
    const res = await decide(admin, item.id, {
      status: "rejected",
      comment: "A training interview, not a participant.",
      seen: seenOf(detail),
    });
    expect(res.status).toBe(200);
    const history = ((await res.json()) as ReviewDetail).history;
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.comment])).toEqual([
      ["needs_review", "approved", null],
      ["approved", "approved", "Second look: still fine."],
      ["approved", "rejected", "A training interview, not a participant."],
    ]);
    expect((await auditEntries(t, "review.comment")).length).toBe(1);
  });

  it("asks for a reason to reject", async () => {
    const item = flagged();
    await upload(t, researcher, [item]);
    const detail = await reviewDetail(t, reviewer, item.id);
    const res = await decide(reviewer, item.id, {
      status: "rejected",
      comment: "   ",
      seen: seenOf(detail),
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; issues: { path: string[] }[] };
    expect(problem.code).toBe("invalid_body");
    expect(problem.issues[0]?.path).toEqual(["comment"]);
  });

  it("refuses a decision made on a stale view, so two reviewers cannot overwrite each other blind", async () => {
    const item = flagged();
    await upload(t, researcher, [item]);
    const seenByBoth = await reviewDetail(t, reviewer, item.id);
    expect((await decide(reviewer, item.id, { status: "approved", seen: seenOf(seenByBoth) })).status).toBe(
      200,
    );
    const other = await t.signIn("evaluator", "north");
    const late = await decide(other, item.id, {
      status: "rejected",
      comment: "No.",
      seen: seenOf(seenByBoth),
    });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe("review_changed");
    expect((await reviewDetail(t, reviewer, item.id)).response.reviewStatus).toBe("approved");
  });

  it("refuses to decide on another area's response, an unknown id and a malformed id", async () => {
    const south = { ...flagged(), areaId: "south" };
    await upload(t, await t.signIn("peer_researcher", "south"), [south]);
    const seen = { status: "needs_review", revisions: 1, currentRevision: 1 };
    expect((await decide(reviewer, south.id, { status: "approved", seen })).status).toBe(403);
    expect((await t.request(`/api/review/responses/${south.id}`, { cookie: reviewer })).status).toBe(403);
    const unknown = await decide(reviewer, crypto.randomUUID(), { status: "approved", seen });
    expect(unknown.status).toBe(404);
    expect((await t.request("/api/review/responses/not-a-uuid", { cookie: reviewer })).status).toBe(404);
    expect((await t.request("/api/review/responses/..%2F..%2Fsync", { cookie: reviewer })).status).toBe(404);
  });

  it("refuses malformed, oversized and hostile bodies without changing anything", async () => {
    const item = flagged();
    await upload(t, researcher, [item]);
    const seen = seenOf(await reviewDetail(t, reviewer, item.id));
    const bodies: unknown[] = [
      {},
      { status: "received", seen },
      { status: "approved" },
      { status: "approved", seen, extra: true },
      { status: "approved", seen: { ...seen, revisions: -1 } },
      { status: "approved", seen, comment: "x".repeat(2001) },
      { status: "approved", seen, adoptRevision: 0 },
      { status: ["approved"], seen },
      { status: "approved", seen: "needs_review" },
    ];
    for (const body of bodies) {
      const res = await decide(reviewer, item.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    for (const text of [
      `{"status":"approved","seen":${JSON.stringify(seen)},"__proto__":{"admin":true}}`,
      `{"status":"approved","seen":${JSON.stringify(seen)},"constructor":{"prototype":{"x":1}}}`,
      "[]",
      "null",
      '"approved"',
    ]) {
      const res = await t.request(`/api/review/responses/${item.id}/decision`, {
        method: "POST",
        cookie: reviewer,
        headers: { "content-type": "application/json" },
        body: text,
      });
      expect(res.status, text).toBe(400);
    }
    const notJson = await t.request(`/api/review/responses/${item.id}/decision`, {
      method: "POST",
      cookie: reviewer,
      headers: { "content-type": "application/json" },
      body: "{status:",
    });
    expect(notJson.status).toBe(400);
    const form = await t.request(`/api/review/responses/${item.id}/comments`, {
      method: "POST",
      cookie: reviewer,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "comment=hi",
    });
    expect(form.status).toBe(415);
    const huge = await t.request(`/api/review/responses/${item.id}/comments`, {
      method: "POST",
      cookie: reviewer,
      json: { comment: "x".repeat(100_000) },
    });
    expect(huge.status).toBe(413);
    const crossSite = await t.request(`/api/review/responses/${item.id}/comments`, {
      method: "POST",
      cookie: reviewer,
      headers: { origin: "https://evil.example" },
      json: { comment: "hi" },
    });
    expect(crossSite.status).toBe(403);
    const after = await reviewDetail(t, reviewer, item.id);
    expect(after.response.reviewStatus).toBe("needs_review");
    expect(after.history).toEqual([]);
  });

  it("keeps HTML and script in a comment as plain text", async () => {
    const item = flagged();
    await upload(t, researcher, [item]);
    const hostile = `<img src=x onerror="alert(1)"> '; DROP TABLE responses; -- \u202e`;
    const res = await t.request(`/api/review/responses/${item.id}/comments`, {
      method: "POST",
      cookie: reviewer,
      json: { comment: hostile },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(((await res.json()) as ReviewDetail).history[0]?.comment).toBe(hostile.trim());
  });
});

describe("conflicting revisions in review", () => {
  it("shows every copy that arrived, what differs, and each copy's own issues", async () => {
    const item = syncItem();
    await upload(t, researcher, [item]);
    const changed = { ...item, wave: 1, data: { ...item.data, say_in_support: 9, visits: 4 } };
    const [outcome] = await upload(t, researcher, [changed]);
    expect(outcome?.outcome).toBe("conflict");

    const detail = await reviewDetail(t, reviewer, item.id);
    expect(detail.response).toMatchObject({ reviewStatus: "needs_review", revisions: 2, currentRevision: 1 });
    expect(detail.revisions.map((r) => [r.revision, r.current])).toEqual([
      [1, true],
      [2, false],
    ]);
    const second = detail.revisions[1];
    expect(second?.changedEnvelope).toEqual(["wave"]);
    expect(second?.changedAnswers.sort()).toEqual(["say_in_support", "visits"]);
    expect(second?.issues.map((i) => i.question)).toEqual(["say_in_support"]);
    expect(second?.item.data).toEqual(changed.data);
  });

  it("adopts a later revision as the current answers and keeps the version it replaced", async () => {
    const item = syncItem();
    await upload(t, researcher, [item]);
    const corrected = { ...item, data: { ...item.data, visits: 5 } };
    await upload(t, researcher, [corrected]);
    const before = await reviewDetail(t, reviewer, item.id);

    const res = await decide(reviewer, item.id, {
      status: "approved",
      adoptRevision: 2,
      comment: "The second copy has the corrected visit count.",
      seen: seenOf(before),
    });
    expect(res.status).toBe(200);
    const after = (await res.json()) as ReviewDetail;
    expect(after.answers).toEqual(corrected.data);
    expect(after.issues).toEqual([]);
    expect(after.response).toMatchObject({ currentRevision: 2, revisions: 2, reviewStatus: "approved" });
    expect(after.revisions.find((r) => r.revision === 1)?.item.data).toEqual(item.data);
    expect(after.history[0]).toMatchObject({ adoptedRevision: 2, toStatus: "approved" });

    const row = await t.db
      .selectFrom("responses")
      .selectAll()
      .where("id", "=", item.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.data)).toEqual(corrected.data);

    // Either copy resent by a tablet is still recognised: nothing new is stored.
    const resent = await upload(t, researcher, [item, corrected]);
    expect(resent.map((r) => r.outcome)).toEqual(["duplicate", "duplicate"]);

    // And the original can be brought back: the adopted copy stays too.
    const back = await decide(reviewer, item.id, {
      status: "approved",
      adoptRevision: 1,
      seen: seenOf(after),
    });
    expect(back.status).toBe(200);
    const restored = (await back.json()) as ReviewDetail;
    expect(restored.answers).toEqual(item.data);
    expect(restored.response.currentRevision).toBe(1);
    expect(restored.revisions).toHaveLength(2);
  });

  it("keeps how each copy ended, and judges a stopped copy only on the questions it reached", async () => {
    const full = syncItem();
    const stopped = { ...full, ending: "stopped" as const, data: { consent: true } };
    expect((await upload(t, researcher, [stopped]))[0]?.outcome).toBe("accepted");
    expect((await upload(t, researcher, [full]))[0]?.outcome).toBe("conflict");
    const before = await reviewDetail(t, reviewer, full.id);
    expect(before.revisions.find((r) => r.revision === 1)?.item.ending).toBe("stopped");
    expect(before.revisions.find((r) => r.revision === 2)?.changedEnvelope).toEqual(["ending"]);

    const adopted = await decide(reviewer, full.id, {
      status: "approved",
      adoptRevision: 2,
      seen: seenOf(before),
    });
    expect(adopted.status).toBe(200);
    const endingOf = async () =>
      (
        await t.db
          .selectFrom("responses")
          .select("ending")
          .where("id", "=", full.id)
          .executeTakeFirstOrThrow()
      ).ending;
    expect(await endingOf()).toBe("completed");

    const back = await decide(reviewer, full.id, {
      status: "approved",
      adoptRevision: 1,
      seen: seenOf((await adopted.json()) as ReviewDetail),
    });
    expect(back.status).toBe(200);
    expect(((await back.json()) as ReviewDetail).issues).toEqual([]);
    expect(await endingOf()).toBe("stopped");
    // Either copy resent is still recognised.
    expect((await upload(t, researcher, [stopped, full])).map((r) => r.outcome)).toEqual([
      "duplicate",
      "duplicate",
    ]);
  });

  it("refuses to adopt a revision that does not exist", async () => {
    const item = syncItem();
    await upload(t, researcher, [item]);
    await upload(t, researcher, [{ ...item, data: { ...item.data, visits: 5 } }]);
    const detail = await reviewDetail(t, reviewer, item.id);
    const res = await decide(reviewer, item.id, {
      status: "approved",
      adoptRevision: 7,
      seen: seenOf(detail),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe("revision_not_found");
  });

  it("refuses to adopt a revision that moves the response into an area outside the reviewer's scope", async () => {
    const item = syncItem();
    const admin = await t.signIn("admin");
    await upload(t, admin, [item]);
    // A resend naming another area is no longer a revision (decision 0025)…
    const [moved] = await upload(t, admin, [{ ...item, areaId: "south" }]);
    expect(moved?.outcome === "rejected" && moved.problem.code).toBe("interview_id_unavailable");
    // …but revisions stored before that rule may still name one: the review must refuse to adopt it.
    await upload(t, admin, [{ ...item, data: { ...item.data, visits: 5 } }]);
    const stored = await t.db
      .selectFrom("response_revisions")
      .select("item")
      .where("response_id", "=", item.id)
      .where("revision", "=", 2)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable("response_revisions")
      .set({ item: JSON.stringify({ ...JSON.parse(stored.item), areaId: "south" }) })
      .where("response_id", "=", item.id)
      .where("revision", "=", 2)
      .execute();
    const detail = await reviewDetail(t, reviewer, item.id);
    const res = await decide(reviewer, item.id, {
      status: "approved",
      adoptRevision: 2,
      seen: seenOf(detail),
    });
    expect(res.status).toBe(403);
    expect((await reviewDetail(t, reviewer, item.id)).response.areaId).toBe("north");
  });
});
