import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Assignment, AssignmentsResponse } from "../../../shared/contract/assignments.ts";
import { generateParticipantCode } from "../../../shared/contract/participant-code.ts";
import type { ProgressResponse, ProgressRow } from "../../../shared/contract/progress.ts";
import type { SyncResponse } from "../../../shared/contract/sync.ts";
import { okJson, type Person, person, problemCode } from "../../helpers/coordination.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, NOW, TEST_SURVEY_ID, type TestContext } from "../../helpers/test-app.ts";

let t: TestContext;
let coordinator: Person;
let researcher: Person;

/** Today is 2026-11-26. Follow-ups: 90 and 180 days after the baseline, open 14 days either side. */
beforeEach(async () => {
  t = await createTestContext();
  coordinator = await person(t, "coordinator", "north");
  researcher = await person(t, "peer_researcher", "north");
  await t.db
    .insertInto("follow_up_schedules")
    .values({
      survey_id: TEST_SURVEY_ID,
      offsets_days: "[90,180]",
      grace_days: 14,
      updated_at: NOW.toISOString(),
      updated_by: null,
    })
    .execute();
});
afterEach(async () => {
  await t.close();
});

const newCode = () => generateParticipantCode((a) => crypto.getRandomValues(a));

async function interview(
  code: string,
  wave: number,
  completedAt: string,
  extra: { areaId?: string; ending?: "completed" | "declined" | "stopped" } = {},
): Promise<void> {
  const cookie =
    extra.areaId === "south" ? (await person(t, "peer_researcher", "south")).cookie : researcher.cookie;
  const item = syncItem({
    participantCode: code,
    wave,
    completedAt,
    startedAt: completedAt,
    areaId: extra.areaId ?? "north",
    ...(extra.ending
      ? { ending: extra.ending, ...(extra.ending === "declined" ? { data: { consent: false } } : {}) }
      : {}),
  });
  const res = await t.request("/api/sync", { method: "POST", cookie, json: { items: [item] } });
  const { results } = (await res.json()) as SyncResponse;
  expect(["accepted", "needs_review"]).toContain(results[0]?.outcome);
}

function assign(body: Record<string, unknown>, cookie = coordinator.cookie) {
  return t.request("/api/assignments", {
    method: "POST",
    cookie,
    json: { surveyId: TEST_SURVEY_ID, areaId: "north", researcherId: researcher.id, dueOn: null, ...body },
  });
}

async function progress(cookie = coordinator.cookie, query = ""): Promise<ProgressRow[]> {
  return (await okJson<ProgressResponse>(t.request(`/api/progress${query}`, { cookie }))).rows;
}

const counts = (row: ProgressRow | undefined) =>
  row && {
    target: row.target,
    completed: row.completed,
    due: row.due,
    overdue: row.overdue,
    upcoming: row.upcoming,
    declined: row.declined,
    withdrawn: row.withdrawn,
  };

describe("fieldwork progress against targets", () => {
  it("counts each participant once per wave: completed, due, overdue, not due yet, declined, withdrawn", async () => {
    const [a, b, c, d, e, f, g] = Array.from({ length: 7 }, newCode) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    await interview(a, 0, "2026-08-20T10:00:00.000Z"); // wave 1 due 18 Nov, open until 2 Dec: due
    await interview(b, 0, "2026-07-01T10:00:00.000Z"); // wave 1 closed 13 Oct: overdue
    await interview(c, 0, "2026-08-01T10:00:00.000Z");
    await interview(c, 1, "2026-11-01T10:00:00.000Z"); // completed
    await interview(d, 0, "2026-11-01T10:00:00.000Z"); // wave 1 opens 16 Jan: not due yet
    await interview(e, 0, "2026-07-01T10:00:00.000Z"); // withdrew, keeping what was given
    await interview(f, 0, "2026-07-01T10:00:00.000Z");
    await interview(f, 1, "2026-10-01T10:00:00.000Z", { ending: "declined" });
    await interview(g, 0, "2026-07-15T10:00:00.000Z");
    await interview(newCode(), 0, "2026-07-15T10:00:00.000Z", { areaId: "south" });
    await t.db
      .insertInto("withdrawals")
      .values({
        participant_code: e,
        choice: "keep_given",
        area_id: "north",
        recorded_at: NOW.toISOString(),
        recorded_by: coordinator.id,
        updated_at: NOW.toISOString(),
      })
      .execute();
    const declined = await okJson<Assignment>(assign({ participantCode: g, wave: 1 }), 201);
    await okJson(
      t.request(`/api/assignments/${declined.id}/status`, {
        method: "POST",
        cookie: researcher.cookie,
        json: { status: "declined" },
      }),
    );
    await okJson(
      t.request("/api/area-settings/north/targets", {
        method: "PUT",
        cookie: coordinator.cookie,
        json: {
          targets: [
            { surveyId: TEST_SURVEY_ID, wave: 0, target: 10 },
            { surveyId: TEST_SURVEY_ID, wave: 1, target: 8 },
          ],
        },
      }),
    );

    const rows = await progress();
    expect(rows.every((r) => r.areaId === "north")).toBe(true);
    expect(rows.map((r) => r.wave)).toEqual([0, 1, 2]);
    expect(counts(rows[0])).toEqual({
      target: 10,
      completed: 7,
      due: 0,
      overdue: 0,
      upcoming: 0,
      declined: 0,
      withdrawn: 0,
    });
    expect(counts(rows[1])).toEqual({
      target: 8,
      completed: 1,
      due: 1,
      overdue: 1,
      upcoming: 1,
      declined: 2,
      withdrawn: 1,
    });
    expect(counts(rows[2])).toEqual({
      target: null,
      completed: 0,
      due: 0,
      overdue: 0,
      upcoming: 6,
      declined: 0,
      withdrawn: 1,
    });

    // An administrator sees both areas, with the same counts for north.
    const admin = await person(t, "admin");
    const all = await progress(admin.cookie);
    expect(new Set(all.map((r) => r.areaId))).toEqual(new Set(["north", "south"]));
    expect(all.filter((r) => r.areaId === "north").map(counts)).toEqual(rows.map(counts));
  });

  it("no longer counts a rejected interview as completed", async () => {
    const code = newCode();
    await interview(code, 0, "2026-11-20T10:00:00.000Z");
    expect((await progress())[0]?.completed).toBe(1);
    await t.db.updateTable("responses").set({ review_status: "rejected" }).execute();
    expect(await progress()).toEqual([]);
  });

  it("keeps a coordinator to their own area", async () => {
    await interview(newCode(), 0, "2026-11-20T10:00:00.000Z", { areaId: "south" });
    expect(await progress()).toEqual([]);
    expect(
      await problemCode(t.request("/api/progress?areaId=south", { cookie: coordinator.cookie }), 403),
    ).toBe("forbidden_area");
    expect(await problemCode(t.request("/api/progress", { cookie: researcher.cookie }), 403)).toBe(
      "forbidden_role",
    );
    expect(
      await problemCode(t.request("/api/progress?surveyId=../x", { cookie: coordinator.cookie }), 400),
    ).toBe("invalid_query");
  });
});

describe("assigning follow-ups to researchers", () => {
  it("assigns, reassigns and shows the researcher their own follow-ups with where each stands", async () => {
    const code = newCode();
    await interview(code, 0, "2026-08-20T10:00:00.000Z");
    const created = await okJson<Assignment>(
      assign({ participantCode: code.toLowerCase(), wave: 1, dueOn: "2026-12-01" }),
      201,
    );
    expect(created).toMatchObject({
      participantCode: code,
      wave: 1,
      researcherId: researcher.id,
      dueOn: "2026-12-01",
      closesOn: "2026-12-01",
      status: "open",
      state: "due",
    });
    const other = await person(t, "peer_researcher", "north");
    const moved = await okJson<Assignment>(
      assign({ participantCode: code, wave: 1, researcherId: other.id, dueOn: "2026-11-20" }),
    );
    expect(moved).toMatchObject({ id: created.id, researcherId: other.id, state: "overdue" });

    const mine = await okJson<AssignmentsResponse>(
      t.request("/api/me/assignments", { cookie: other.cookie }),
    );
    expect(mine.assignments.map((a) => a.id)).toEqual([created.id]);
    const notMine = await okJson<AssignmentsResponse>(
      t.request("/api/me/assignments", { cookie: researcher.cookie }),
    );
    expect(notMine.assignments).toEqual([]);
    // Only the assigned researcher (or a coordinator) may mark it declined.
    expect(
      await problemCode(
        t.request(`/api/assignments/${created.id}/status`, {
          method: "POST",
          cookie: researcher.cookie,
          json: { status: "declined" },
        }),
        404,
      ),
    ).toBe("assignment_not_found");
    const declined = await okJson<Assignment>(
      t.request(`/api/assignments/${created.id}/status`, {
        method: "POST",
        cookie: other.cookie,
        json: { status: "declined" },
      }),
    );
    expect(declined.state).toBe("declined");
    const list = await okJson<AssignmentsResponse>(
      t.request("/api/assignments", { cookie: coordinator.cookie }),
    );
    expect(list.assignments).toHaveLength(1);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "assignment.%")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      "assignment.set",
      "assignment.set",
      "assignment.status",
    ]);
  });

  it("refuses a researcher of another area, a withdrawn participant, another area and bad input", async () => {
    const code = newCode();
    const south = await person(t, "peer_researcher", "south");
    expect(await problemCode(assign({ participantCode: code, wave: 1, researcherId: south.id }), 400)).toBe(
      "person_not_eligible",
    );
    expect(
      await problemCode(
        assign({ participantCode: code, wave: 1, researcherId: coordinator.id, areaId: "south" }),
        403,
      ),
    ).toBe("forbidden_area");
    await t.db
      .insertInto("withdrawals")
      .values({
        participant_code: code,
        choice: "delete_all",
        area_id: "north",
        recorded_at: NOW.toISOString(),
        recorded_by: coordinator.id,
        updated_at: NOW.toISOString(),
      })
      .execute();
    expect(await problemCode(assign({ participantCode: code, wave: 1 }), 410)).toBe("participant_withdrawn");
    for (const body of [
      { participantCode: "ABCD-EFGH", wave: 1 },
      { participantCode: newCode(), wave: -1 },
      { participantCode: newCode(), wave: 1, dueOn: "2026-02-30" },
      { participantCode: newCode(), wave: 1, surveyId: "<script>" },
      { participantCode: newCode(), wave: 1, extra: true },
    ]) {
      expect(await problemCode(assign(body), 400)).toBe("invalid_body");
    }
    expect(
      await problemCode(assign({ participantCode: newCode(), wave: 1, surveyId: "no-such-survey" }), 404),
    ).toBe("survey_not_found");
    expect(await problemCode(assign({ participantCode: newCode(), wave: 1 }, researcher.cookie), 403)).toBe(
      "forbidden_role",
    );
    expect(await t.db.selectFrom("participant_assignments").selectAll().execute()).toEqual([]);
  });

  it("does not let another area's coordinator take over or change a follow-up", async () => {
    const code = newCode();
    const created = await okJson<Assignment>(assign({ participantCode: code, wave: 1 }), 201);
    const southCoordinator = await person(t, "coordinator", "south");
    const southResearcher = await person(t, "peer_researcher", "south");
    expect(
      await problemCode(
        assign(
          { participantCode: code, wave: 1, areaId: "south", researcherId: southResearcher.id },
          southCoordinator.cookie,
        ),
        403,
      ),
    ).toBe("forbidden_area");
    expect(
      await problemCode(
        t.request(`/api/assignments/${created.id}/status`, {
          method: "POST",
          cookie: southCoordinator.cookie,
          json: { status: "declined" },
        }),
        404,
      ),
    ).toBe("assignment_not_found");
    const seen = await okJson<AssignmentsResponse>(
      t.request("/api/assignments", { cookie: southCoordinator.cookie }),
    );
    expect(seen.assignments).toEqual([]);
  });
});
