import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  SafeguardingQueueItem,
  SafeguardingQueueResponse,
} from "../../../shared/contract/safeguarding-queue.ts";
import { concernIn, okJson, type Person, person, problemCode } from "../../helpers/coordination.ts";
import { createTestContext, NOW, type TestContext } from "../../helpers/test-app.ts";

let t: TestContext;
let lead: Person;
let researcher: Person;

beforeEach(async () => {
  t = await createTestContext();
  lead = await person(t, "coordinator", "north");
  researcher = await person(t, "peer_researcher", "north");
  await t.db.updateTable("areas").set({ safeguarding_lead_id: lead.id }).where("id", "=", "north").execute();
});
afterEach(async () => {
  await t.close();
});

const queue = async (cookie: string, query = "") =>
  okJson<SafeguardingQueueResponse>(t.request(`/api/safeguarding-queue${query}`, { cookie }));

const act = (id: string, step: "acknowledge" | "actions" | "close", cookie = lead.cookie, text?: string) =>
  t.request(`/api/safeguarding-queue/${id}/${step}`, {
    method: "POST",
    cookie,
    ...(text === undefined ? {} : { json: { text } }),
  });

describe("the safeguarding queue", () => {
  it("shows a concern raised from a tablet to the named lead, new ones first, most urgent first", async () => {
    const raised = await t.request("/api/safeguarding", {
      method: "POST",
      cookie: researcher.cookie,
      json: {
        id: randomUUID(),
        areaId: "north",
        raisedAt: "2026-11-26T08:00:00.000Z",
        participantCode: null,
        urgency: "this_week",
        description: "Mentioned being short of food.",
      },
    });
    expect(raised.status).toBe(201);
    const older = await concernIn(t, "north", researcher.id, {
      urgency: "today",
      raisedAt: "2026-11-25T08:00:00.000Z",
    });
    const immediate = await concernIn(t, "north", researcher.id, {
      urgency: "immediate",
      raisedAt: "2026-11-26T09:30:00.000Z",
    });
    const handled = await concernIn(t, "north", researcher.id, {
      urgency: "immediate",
      raisedAt: "2026-11-20T09:30:00.000Z",
    });
    await okJson(act(handled, "acknowledge"));

    const { concerns, leadOf } = await queue(lead.cookie);
    expect(leadOf).toEqual(["north"]);
    expect(concerns.map((c) => [c.urgency, c.state])).toEqual([
      ["immediate", "new"],
      ["today", "new"],
      ["this_week", "new"],
      ["immediate", "acknowledged"],
    ]);
    expect(concerns[0]?.id).toBe(immediate);
    expect(concerns[1]?.id).toBe(older);
    expect(concerns[0]).toMatchObject({ raisedByName: researcher.displayName, areaName: "Northtown" });
  });

  it("records who acknowledged, each action and the closing note, in order, and audits each step", async () => {
    const id = await concernIn(t, "north", researcher.id);
    const acknowledged = await okJson<SafeguardingQueueItem>(act(id, "acknowledge"));
    expect(acknowledged).toMatchObject({
      state: "acknowledged",
      acknowledgedByName: lead.displayName,
      acknowledgedAt: NOW.toISOString(),
    });
    // Acknowledging twice keeps the first.
    const other = await person(t, "coordinator", "north");
    const again = await okJson<SafeguardingQueueItem>(act(id, "acknowledge", other.cookie));
    expect(again.acknowledgedByName).toBe(lead.displayName);
    await okJson(act(id, "actions", lead.cookie, "Called the hostel; a room is held for tonight."));
    const closed = await okJson<SafeguardingQueueItem>(
      act(id, "close", other.cookie, "Housed; no further action."),
    );
    expect(closed.state).toBe("closed");
    expect(closed.actions.map((a) => [a.kind, a.byName, a.text])).toEqual([
      ["acknowledged", lead.displayName, ""],
      ["action", lead.displayName, "Called the hostel; a room is held for tonight."],
      ["closed", other.displayName, "Housed; no further action."],
    ]);
    const row = await t.db
      .selectFrom("safeguarding_concerns")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action_taken: "Housed; no further action.", closed_at: NOW.toISOString() });
    expect(await problemCode(act(id, "actions", lead.cookie, "More"), 409)).toBe("concern_closed");
    expect((await queue(lead.cookie)).concerns).toEqual([]);
    expect((await queue(lead.cookie, "?state=closed")).concerns.map((c) => c.id)).toEqual([id]);
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "like", "safeguarding.%")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      "safeguarding.acknowledge",
      "safeguarding.action",
      "safeguarding.close",
    ]);
    expect(JSON.stringify(audit)).not.toContain("hostel");
  });

  it("acknowledges a new concern when an action is recorded straight away", async () => {
    const id = await concernIn(t, "north", researcher.id);
    const item = await okJson<SafeguardingQueueItem>(
      act(id, "actions", lead.cookie, "Referred to the outreach team."),
    );
    expect(item.state).toBe("acknowledged");
    expect(item.actions.map((a) => a.kind)).toEqual(["acknowledged", "action"]);
  });

  it("keeps another area's coordinator and researchers away from the area's concerns", async () => {
    const id = await concernIn(t, "north", researcher.id, { description: "north-only detail" });
    const south = await person(t, "coordinator", "south");
    const seen = await queue(south.cookie);
    expect(JSON.stringify(seen)).not.toContain("north-only detail");
    expect(
      await problemCode(t.request("/api/safeguarding-queue?areaId=north", { cookie: south.cookie }), 403),
    ).toBe("forbidden_area");
    expect(await problemCode(act(id, "acknowledge", south.cookie), 404)).toBe("concern_not_found");
    expect(await problemCode(act(id, "close", south.cookie, "Closing it"), 404)).toBe("concern_not_found");
    expect(await problemCode(t.request("/api/safeguarding-queue", { cookie: researcher.cookie }), 403)).toBe(
      "forbidden_role",
    );
    expect(await problemCode(act(id, "acknowledge", researcher.cookie), 403)).toBe("forbidden_role");
    expect(await problemCode(t.request("/api/safeguarding-queue"), 401)).toBe("not_signed_in");
    const row = await t.db
      .selectFrom("safeguarding_concerns")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.acknowledged_at).toBeNull();
  });

  it("refuses empty, oversized and malformed actions and changes nothing", async () => {
    const id = await concernIn(t, "north", researcher.id);
    for (const body of [
      {},
      { text: "" },
      { text: "   " },
      { text: "x".repeat(4001) },
      { text: 1 },
      { text: "ok", more: 1 },
    ]) {
      const res = await t.request(`/api/safeguarding-queue/${id}/actions`, {
        method: "POST",
        cookie: lead.cookie,
        json: body,
      });
      expect(await problemCode(res, 400)).toBe("invalid_body");
    }
    const malformed = await t.request(`/api/safeguarding-queue/${id}/close`, {
      method: "POST",
      cookie: lead.cookie,
      headers: { "content-type": "application/json" },
      body: "{text:",
    });
    expect(await problemCode(malformed, 400)).toBe("malformed_json");
    expect(await problemCode(act(id, "close", lead.cookie, "x".repeat(70_000)), 413)).toBe("body_too_large");
    expect(
      await problemCode(t.request("/api/safeguarding-queue?state=everything", { cookie: lead.cookie }), 400),
    ).toBe("invalid_query");
    expect(await t.db.selectFrom("safeguarding_actions").selectAll().execute()).toEqual([]);
    expect(await problemCode(act(randomUUID(), "acknowledge"), 404)).toBe("concern_not_found");
  });
});
