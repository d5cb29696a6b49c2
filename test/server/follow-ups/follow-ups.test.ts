import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DueListResponse, FollowUpSchedulesResponse } from "../../../shared/contract/follow-ups.ts";
import { generateParticipantCode } from "../../../shared/contract/participant-code.ts";
import type { SyncItem, SyncOutcome } from "../../../shared/contract/sync.ts";
import { summariseDue } from "../../../shared/follow-ups/due-waves.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, NOW, TEST_SURVEY_ID, type TestContext } from "../../helpers/test-app.ts";

let t: TestContext;
let researcher: string;
let admin: string;

beforeEach(async () => {
  t = await createTestContext();
  researcher = await t.signIn("peer_researcher", "north");
  admin = await t.signIn("admin");
});
afterEach(async () => {
  await t.close();
});

const newCode = () => generateParticipantCode((a) => crypto.getRandomValues(a));

async function setSchedule(body: unknown, cookie = admin, surveyId = TEST_SURVEY_ID): Promise<Response> {
  return t.request(`/api/followups/schedules/${surveyId}`, { method: "PUT", cookie, json: body });
}

async function sync(items: SyncItem[], cookie = researcher): Promise<SyncOutcome[]> {
  const res = await t.request("/api/sync", { method: "POST", cookie, json: { items } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: SyncOutcome[] }).results;
}

function interview(
  code: string,
  wave: number,
  completedAt: string,
  overrides: Partial<SyncItem> = {},
): SyncItem {
  return syncItem({ participantCode: code, wave, completedAt, startedAt: completedAt, ...overrides });
}

async function dueList(cookie = researcher, query = ""): Promise<DueListResponse> {
  const res = await t.request(`/api/followups/due${query}`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as DueListResponse;
}

describe("follow-up schedules", () => {
  it("starts with the participant interview at about 3, 6 and 12 months", async () => {
    const res = await t.request("/api/followups/schedules", { cookie: researcher });
    const { schedules } = (await res.json()) as FollowUpSchedulesResponse;
    expect(schedules).toContainEqual(
      expect.objectContaining({
        surveyId: "participant-interview",
        offsetsDays: [90, 180, 365],
        graceDays: 14,
      }),
    );
  });

  it("lets an administrator set a survey's windows, and audits it", async () => {
    const res = await setSchedule({ offsetsDays: [91, 182, 274, 365], graceDays: 10 });
    expect(res.status).toBe(200);
    const { schedules } = (await (
      await t.request("/api/followups/schedules", { cookie: admin })
    ).json()) as FollowUpSchedulesResponse;
    expect(schedules.find((s) => s.surveyId === TEST_SURVEY_ID)).toMatchObject({
      offsetsDays: [91, 182, 274, 365],
      graceDays: 10,
    });
    expect(await setSchedule({ offsetsDays: [30], graceDays: 0 })).toHaveProperty("status", 200);
    const audited = await t.db
      .selectFrom("audit_log")
      .select("target")
      .where("action", "=", "followups.schedule")
      .execute();
    expect(audited).toHaveLength(2);
  });

  it("refuses windows out of order or out of range, unknown surveys and non-administrators", async () => {
    for (const bad of [
      { offsetsDays: [180, 90], graceDays: 14 },
      { offsetsDays: [], graceDays: 14 },
      { offsetsDays: [0], graceDays: 14 },
      { offsetsDays: [90], graceDays: -1 },
      { offsetsDays: [90.5], graceDays: 1 },
      { offsetsDays: [90], graceDays: 1, extra: 1 },
    ]) {
      expect((await setSchedule(bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await setSchedule({ offsetsDays: [90], graceDays: 1 }, admin, "no-such-survey")).status).toBe(
      404,
    );
    expect((await setSchedule({ offsetsDays: [90], graceDays: 1 }, admin, "%27%3B--")).status).toBe(404);
    expect(
      (await setSchedule({ offsetsDays: [90], graceDays: 1 }, await t.signIn("coordinator", "north"))).status,
    ).toBe(403);
    expect((await setSchedule({ offsetsDays: [90], graceDays: 1 }, researcher)).status).toBe(403);
    expect((await t.request("/api/followups/schedules")).status).toBe(401);
  });
});

describe("GET /api/followups/due", () => {
  beforeEach(async () => {
    await setSchedule({ offsetsDays: [90, 180], graceDays: 14 });
  });

  it("gives each participant's waves with their windows and what was done, for the researcher's area", async () => {
    const overdue = newCode();
    const dueNow = newCode();
    const done = newCode();
    const declinedBaseline = newCode();
    const south = newCode();
    await sync([
      interview(overdue, 0, "2026-07-01T10:00:00.000Z"),
      interview(dueNow, 0, "2026-08-28T10:00:00.000Z"),
      interview(done, 0, "2026-08-20T10:00:00.000Z"),
      interview(done, 1, "2026-11-20T10:00:00.000Z"),
      interview(declinedBaseline, 0, "2026-08-20T10:00:00.000Z", {
        data: { consent: false },
        ending: "declined",
      }),
    ]);
    await sync(
      [interview(south, 0, "2026-08-28T10:00:00.000Z", { areaId: "south" })],
      await t.signIn("peer_researcher", "south"),
    );

    const list = await dueList();
    expect(list.generatedAt).toBe(NOW.toISOString());
    expect(list.participants.map((p) => p.participantCode).sort()).toEqual([overdue, dueNow, done].sort());
    const dueParticipant = list.participants.find((p) => p.participantCode === dueNow);
    expect(dueParticipant?.waves[0]).toMatchObject({
      wave: 1,
      opensAt: "2026-11-12T10:00:00.000Z",
      dueAt: "2026-11-26T10:00:00.000Z",
      closesAt: "2026-12-10T10:00:00.000Z",
      doneAt: null,
      ending: null,
    });
    const summary = summariseDue(list.participants, NOW);
    expect(summary.overdue.map((e) => e.participant.participantCode)).toEqual([overdue]);
    expect(summary.due.map((e) => e.participant.participantCode)).toEqual([dueNow]);
    expect(summary.done).toBe(1);
  });

  it("counts a stopped follow-up as done and leaves withdrawn participants out", async () => {
    const stopped = newCode();
    const withdrawn = newCode();
    await sync([
      interview(stopped, 0, "2026-08-20T10:00:00.000Z"),
      interview(stopped, 1, "2026-11-20T10:00:00.000Z", { data: { consent: true }, ending: "stopped" }),
      interview(withdrawn, 0, "2026-08-20T10:00:00.000Z"),
    ]);
    await t.db
      .insertInto("withdrawals")
      .values({
        participant_code: withdrawn,
        choice: "keep_given",
        area_id: "north",
        recorded_at: NOW.toISOString(),
        recorded_by: (await t.db.selectFrom("users").select("id").executeTakeFirstOrThrow()).id,
        updated_at: NOW.toISOString(),
      })
      .execute();
    const list = await dueList();
    expect(list.participants.map((p) => p.participantCode)).toEqual([stopped]);
    expect(list.participants[0]?.waves[0]).toMatchObject({
      ending: "stopped",
      doneAt: "2026-11-20T10:00:00.000Z",
    });
  });

  it("shows the last reschedule of a wave", async () => {
    const code = newCode();
    await sync([interview(code, 0, "2026-08-28T10:00:00.000Z")]);
    const res = await t.request("/api/followups/reschedules", {
      method: "POST",
      cookie: researcher,
      json: {
        id: randomUUID(),
        surveyId: TEST_SURVEY_ID,
        participantCode: code,
        wave: 1,
        areaId: "north",
        rescheduledAt: "2026-11-25T15:00:00.000Z",
      },
    });
    expect(res.status).toBe(201);
    const list = await dueList();
    expect(list.participants[0]?.waves[0]?.lastRescheduledAt).toBe("2026-11-25T15:00:00.000Z");
  });

  it("keeps a researcher to their own area, and lets an administrator choose", async () => {
    await sync([interview(newCode(), 0, "2026-08-28T10:00:00.000Z", { areaId: "south" })], admin);
    expect((await t.request("/api/followups/due?areaId=south", { cookie: researcher })).status).toBe(403);
    expect((await dueList(admin, "?areaId=south")).participants).toHaveLength(1);
    expect((await dueList(admin, "?areaId=north")).participants).toHaveLength(0);
    expect((await dueList(admin)).participants).toHaveLength(1);
    expect((await t.request("/api/followups/due?areaId=%27%20OR%201%3D1", { cookie: admin })).status).toBe(
      400,
    );
    expect((await t.request("/api/followups/due?surprise=1", { cookie: admin })).status).toBe(400);
    expect((await t.request("/api/followups/due", { cookie: await t.signIn("evaluator") })).status).toBe(403);
    expect((await t.request("/api/followups/due")).status).toBe(401);
  });
});

describe("POST /api/followups/reschedules", () => {
  function reschedule(overrides: Record<string, unknown> = {}) {
    return {
      id: randomUUID(),
      surveyId: TEST_SURVEY_ID,
      participantCode: newCode(),
      wave: 1,
      areaId: "north",
      rescheduledAt: "2026-11-25T15:00:00.000Z",
      ...overrides,
    };
  }
  const post = (body: unknown, cookie = researcher) =>
    t.request("/api/followups/reschedules", { method: "POST", cookie, json: body });
  const rows = () => t.db.selectFrom("interview_reschedules").selectAll().execute();

  it("logs a reschedule once, with no answers, and recognises a resend", async () => {
    const body = reschedule();
    expect((await post(body)).status).toBe(201);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: "duplicate" });
    expect((await post({ ...body, wave: 2 })).status).toBe(409);
    expect(await rows()).toHaveLength(1);
    expect(Object.keys((await rows())[0] ?? {}).sort()).toEqual(
      [
        "area_id",
        "id",
        "participant_code",
        "received_at",
        "rescheduled_at",
        "researcher_id",
        "survey_id",
        "wave",
      ].sort(),
    );
  });

  it("refuses bad codes, unknown surveys, other areas, withdrawn participants and bad shapes", async () => {
    const code = newCode();
    const wrong = `${code.slice(0, -1)}${code.endsWith("2") ? "3" : "2"}`;
    expect((await post(reschedule({ participantCode: wrong }))).status).toBe(400);
    expect((await post(reschedule({ surveyId: "no-such-survey" }))).status).toBe(404);
    expect((await post(reschedule({ areaId: "south" }))).status).toBe(403);
    await t.db
      .insertInto("withdrawals")
      .values({
        participant_code: code,
        choice: "delete_all",
        area_id: "north",
        recorded_at: NOW.toISOString(),
        recorded_by: (await t.db.selectFrom("users").select("id").executeTakeFirstOrThrow()).id,
        updated_at: NOW.toISOString(),
      })
      .execute();
    expect((await post(reschedule({ participantCode: code }))).status).toBe(410);
    for (const bad of [
      reschedule({ wave: -1 }),
      reschedule({ id: "1" }),
      reschedule({ reason: "drunk" }),
      {},
    ]) {
      expect((await post(bad)).status).toBe(400);
    }
    expect((await post(reschedule({ participantCode: "x".repeat(70_000) }))).status).toBe(413);
    expect((await post(reschedule(), await t.signIn("expert"))).status).toBe(403);
    expect(await rows()).toEqual([]);
  });
});
