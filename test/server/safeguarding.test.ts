import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateParticipantCode } from "../../shared/contract/participant-code.ts";
import type { SafeguardingConcernsResponse } from "../../shared/contract/safeguarding.ts";
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

function concern(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    areaId: "north",
    raisedAt: "2026-11-25T18:05:00.000Z",
    participantCode: null,
    urgency: "today",
    description: "Said they had nowhere to sleep tonight and had not eaten for two days.",
    ...overrides,
  };
}

function raise(body: unknown, cookie = researcher) {
  return t.request("/api/safeguarding", { method: "POST", cookie, json: body });
}

async function storedConcerns() {
  return t.db.selectFrom("safeguarding_concerns").selectAll().execute();
}

describe("POST /api/safeguarding", () => {
  it("stores a concern raised on a tablet with who raised it and when it arrived", async () => {
    const code = generateParticipantCode((a) => crypto.getRandomValues(a));
    const body = concern({ participantCode: code.toLowerCase(), urgency: "immediate" });
    const res = await raise(body);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: body.id, outcome: "accepted", receivedAt: NOW.toISOString() });
    const [row] = await storedConcerns();
    expect(row).toMatchObject({
      id: body.id,
      area_id: "north",
      raised_at: "2026-11-25T18:05:00.000Z",
      received_at: NOW.toISOString(),
      participant_code: code,
      urgency: "immediate",
      description: body.description,
      acknowledged_at: null,
      closed_at: null,
    });
    expect(await t.db.selectFrom("responses").selectAll().execute()).toEqual([]);
  });

  it("answers duplicate to a resend after a lost acknowledgement and stores it once", async () => {
    const body = concern();
    expect((await raise(body)).status).toBe(201);
    const again = await raise({ ...body, raisedAt: "2026-11-25T19:05:00.000+01:00" });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: body.id, outcome: "duplicate" });
    expect(await storedConcerns()).toHaveLength(1);
  });

  it("refuses different content under a stored id and keeps the first", async () => {
    const body = concern();
    await raise(body);
    const res = await raise({ ...body, description: "Something else entirely." });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "record_conflict" });
    expect((await storedConcerns())[0]?.description).toBe(body.description);
  });

  it("keeps the description out of the audit log", async () => {
    const body = concern();
    await raise(body);
    const entries = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "safeguarding.raise")
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.detail).not.toContain("nowhere to sleep");
  });

  it("refuses another area, an unknown area and a participant code with a wrong check character", async () => {
    expect(await (await raise(concern({ areaId: "south" }))).json()).toMatchObject({
      code: "forbidden_area",
    });
    const admin = await t.signIn("admin");
    expect((await raise(concern({ areaId: "east" }), admin)).status).toBe(404);
    const code = generateParticipantCode((a) => crypto.getRandomValues(a));
    const wrong = `${code.slice(0, -1)}${code.endsWith("2") ? "3" : "2"}`;
    const res = await raise(concern({ participantCode: wrong }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_participant_code" });
    expect(await storedConcerns()).toEqual([]);
  });

  it("is open only to signed-in fieldworkers", async () => {
    const anonymous = await t.request("/api/safeguarding", { method: "POST", json: concern() });
    expect(anonymous.status).toBe(401);
    for (const role of ["evaluator", "expert"] as const) {
      const res = await raise(concern(), await t.signIn(role));
      expect(res.status).toBe(403);
    }
    expect(await storedConcerns()).toEqual([]);
  });

  it("refuses malformed, mis-shaped, oversized and cross-site requests", async () => {
    const malformed = await t.request("/api/safeguarding", {
      method: "POST",
      cookie: researcher,
      headers: { "content-type": "application/json" },
      body: '{"id": ',
    });
    expect(await malformed.json()).toMatchObject({ code: "malformed_json" });
    for (const bad of [
      concern({ id: "not-a-uuid" }),
      concern({ urgency: "whenever" }),
      concern({ description: "   " }),
      concern({ description: "x".repeat(4001) }),
      concern({ raisedAt: "yesterday" }),
      concern({ extra: true }),
      [concern()],
    ]) {
      const res = await raise(bad);
      expect(res.status, JSON.stringify(bad).slice(0, 60)).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid_body" });
    }
    const huge = await raise(concern({ description: "x".repeat(70_000) }));
    expect(huge.status).toBe(413);
    const crossSite = await t.request("/api/safeguarding", {
      method: "POST",
      cookie: researcher,
      headers: { origin: "https://evil.example" },
      json: concern(),
    });
    expect(crossSite.status).toBe(403);
    expect(await storedConcerns()).toEqual([]);
  });

  it("keeps hostile text as text", async () => {
    const body = concern({
      description: "'); DROP TABLE safeguarding_concerns; -- <script>alert(1)</script>",
    });
    expect((await raise(body)).status).toBe(201);
    expect((await storedConcerns())[0]?.description).toBe(body.description);
  });
});

describe("GET /api/safeguarding", () => {
  async function list(cookie: string, query = ""): Promise<Response> {
    return t.request(`/api/safeguarding${query}`, { cookie });
  }

  it("shows an area's coordinator its concerns, unacknowledged first and newest first", async () => {
    const old = concern({ raisedAt: "2026-11-20T09:00:00.000Z" });
    const newer = concern({ raisedAt: "2026-11-24T09:00:00.000Z" });
    const acknowledged = concern({ raisedAt: "2026-11-25T09:00:00.000Z" });
    for (const body of [old, newer, acknowledged]) await raise(body);
    const southResearcher = await t.signIn("peer_researcher", "south");
    await raise(concern({ areaId: "south" }), southResearcher);
    await t.db
      .updateTable("safeguarding_concerns")
      .set({ acknowledged_at: NOW.toISOString() })
      .where("id", "=", acknowledged.id)
      .execute();

    const coordinator = await t.signIn("coordinator", "north");
    const res = await list(coordinator);
    expect(res.status).toBe(200);
    const { concerns } = (await res.json()) as SafeguardingConcernsResponse;
    expect(concerns.map((c) => c.id)).toEqual([newer.id, old.id, acknowledged.id]);
    expect(concerns[0]).toMatchObject({
      areaId: "north",
      raisedBy: { name: expect.any(String) },
      urgency: "today",
    });
  });

  it("leaves closed concerns out unless asked for all", async () => {
    const body = concern();
    await raise(body);
    await t.db.updateTable("safeguarding_concerns").set({ closed_at: NOW.toISOString() }).execute();
    const coordinator = await t.signIn("coordinator", "north");
    expect(((await (await list(coordinator)).json()) as SafeguardingConcernsResponse).concerns).toEqual([]);
    const all = (await (await list(coordinator, "?status=all")).json()) as SafeguardingConcernsResponse;
    expect(all.concerns.map((c) => c.id)).toEqual([body.id]);
  });

  it("refuses another area's coordinator, researchers and evaluators, and bad queries", async () => {
    await raise(concern());
    const south = await t.signIn("coordinator", "south");
    expect(((await (await list(south)).json()) as SafeguardingConcernsResponse).concerns).toEqual([]);
    expect((await list(south, "?areaId=north")).status).toBe(403);
    expect((await list(researcher)).status).toBe(403);
    expect((await list(await t.signIn("evaluator"))).status).toBe(403);
    expect((await list(await t.signIn("admin"), "?status=%27%20or%201=1")).status).toBe(400);
    const admin = (await (await list(await t.signIn("admin"))).json()) as SafeguardingConcernsResponse;
    expect(admin.concerns).toHaveLength(1);
  });
});
