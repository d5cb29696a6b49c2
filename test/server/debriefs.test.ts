import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, NOW, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
let researcher: string;

beforeEach(async () => {
  t = await createTestContext();
  researcher = await t.signIn("peer_researcher", "north");
});
afterEach(async () => {
  await t.close();
});

function debrief(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    areaId: "north",
    createdAt: "2026-11-25T17:30:00.000Z",
    wellbeing: 2,
    notes: "A hard one. The participant talked about losing their brother.",
    wantsSupport: true,
    ...overrides,
  };
}

function submit(body: unknown, cookie = researcher) {
  return t.request("/api/debriefs", { method: "POST", cookie, json: body });
}

const rows = () => t.db.selectFrom("debriefs").selectAll().execute();

describe("POST /api/debriefs", () => {
  it("stores the researcher's own debrief apart from any participant data", async () => {
    const body = debrief();
    const res = await submit(body);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: body.id, outcome: "accepted", receivedAt: NOW.toISOString() });
    const [row] = await rows();
    const me = await t.db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "peer_researcher")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      id: body.id,
      researcher_id: me.id,
      area_id: "north",
      created_at: body.createdAt,
      wellbeing: 2,
      notes: body.notes,
      wants_support: 1,
    });
  });

  it("answers duplicate to a resend and conflict to other content or another author under the same id", async () => {
    const body = debrief();
    await submit(body);
    const again = await submit(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: "duplicate" });
    expect((await submit({ ...body, wellbeing: 5 })).status).toBe(409);
    const colleague = await t.signIn("peer_researcher", "north");
    const theirs = await submit(body, colleague);
    expect(theirs.status).toBe(409);
    expect(await theirs.json()).toMatchObject({ code: "record_conflict" });
    expect(await rows()).toHaveLength(1);
  });

  it("refuses another area, wellbeing off the scale and roles that do no fieldwork", async () => {
    expect((await submit(debrief({ areaId: "south" }))).status).toBe(403);
    for (const wellbeing of [0, 6, 2.5, "3"]) {
      const res = await submit(debrief({ wellbeing }));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid_body", issues: [{ path: ["wellbeing"] }] });
    }
    expect((await submit(debrief(), await t.signIn("evaluator"))).status).toBe(403);
    expect((await submit(debrief(), await t.signIn("expert"))).status).toBe(403);
    expect((await t.request("/api/debriefs", { method: "POST", json: debrief() })).status).toBe(401);
    expect(await rows()).toEqual([]);
  });

  it("refuses malformed and oversized bodies and keeps hostile text as text", async () => {
    const malformed = await t.request("/api/debriefs", {
      method: "POST",
      cookie: researcher,
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(malformed.status).toBe(400);
    const plain = await t.request("/api/debriefs", {
      method: "POST",
      cookie: researcher,
      headers: { "content-type": "text/plain" },
      body: JSON.stringify(debrief()),
    });
    expect(plain.status).toBe(415);
    expect((await submit(debrief({ notes: "x".repeat(4001) }))).status).toBe(400);
    expect((await submit(debrief({ notes: "x".repeat(80_000) }))).status).toBe(413);
    expect((await submit(debrief({ wantsSupport: "yes" }))).status).toBe(400);
    const hostile = debrief({ notes: "Robert'); DROP TABLE debriefs;--" });
    expect((await submit(hostile)).status).toBe(201);
    expect((await rows())[0]?.notes).toBe(hostile.notes);
  });
});
