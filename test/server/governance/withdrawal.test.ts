import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateParticipantCode } from "../../../shared/contract/participant-code.ts";
import type { ReviewDetail } from "../../../shared/contract/review.ts";
import type {
  RecordWithdrawalResponse,
  WithdrawalPreview,
  WithdrawalsResponse,
} from "../../../shared/contract/withdrawals.ts";
import { csvObjects } from "../../helpers/strict-csv.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, TEST_SURVEY_ID, type TestContext } from "../../helpers/test-app.ts";
import { unzip } from "../../helpers/unzip.ts";
import { auditEntries, countRows, reviewDetail, seenOf, upload } from "./helpers.ts";

let t: TestContext;
let researcher: string;
let coordinator: string;
/** Review and exports are for trusted analysts (docs/decisions/0024): an evaluator in the same area. */
let analyst: string;

beforeEach(async () => {
  t = await createTestContext();
  researcher = await t.signIn("peer_researcher", "north");
  coordinator = await t.signIn("coordinator", "north");
  analyst = await t.signIn("evaluator", "north");
});
afterEach(async () => {
  await t.close();
});

const newCode = () => generateParticipantCode((a) => crypto.getRandomValues(a));

async function withdraw(cookie: string, body: unknown) {
  return t.request("/api/withdrawals", { method: "POST", cookie, json: body });
}

async function preview(cookie: string, code: string) {
  return t.request(`/api/withdrawals/preview?participantCode=${encodeURIComponent(code)}`, { cookie });
}

/** A participant with a baseline, a follow-up with a conflicting copy, and a review decision. */
async function participantWithHistory(code: string) {
  const baseline = syncItem({ participantCode: code, wave: 0 });
  const followUp = syncItem({
    participantCode: code,
    wave: 1,
    data: { consent: true, say_in_support: 5, anything_else: "Things are better now." },
  });
  await upload(t, researcher, [baseline, followUp]);
  await upload(t, researcher, [{ ...followUp, data: { ...followUp.data, say_in_support: 4 } }]);
  const detail = await reviewDetail(t, analyst, followUp.id);
  const decided = await t.request(`/api/review/responses/${followUp.id}/decision`, {
    method: "POST",
    cookie: analyst,
    json: { status: "approved", comment: "Participant said 5.", seen: seenOf(detail) },
  });
  expect(decided.status).toBe(200);
  return { baseline, followUp, ids: [baseline.id, followUp.id] };
}

async function indicatorRowsFor(ids: string[]): Promise<number> {
  const row = await t.db
    .selectFrom("indicator_values")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("response_id", "in", ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function exportedCodes(cookie: string): Promise<string[]> {
  const wide = await t.request("/api/exports/wellbeing-check/responses-wide.csv", { cookie });
  expect(wide.status).toBe(200);
  const long = await t.request("/api/exports/wellbeing-check/responses-long.csv", { cookie });
  const json = await t.request("/api/exports/wellbeing-check/responses.json", { cookie });
  const pkg = unzip(
    new Uint8Array(
      await (await t.request("/api/exports/wellbeing-check/datapackage.zip", { cookie })).arrayBuffer(),
    ),
  );
  return [
    ...csvObjects(await wide.text()).map((r) => r.participant_code ?? ""),
    ...csvObjects(await long.text()).map((r) => r.participant_code ?? ""),
    ...((await json.json()) as { responses: { participantCode: string }[] }).responses.map(
      (r) => r.participantCode,
    ),
    ...csvObjects(pkg.get("responses-wide.csv")?.toString("utf8") ?? "").map((r) => r.participant_code ?? ""),
    ...csvObjects(pkg.get("responses-long.csv")?.toString("utf8") ?? "").map((r) => r.participant_code ?? ""),
  ];
}

describe("withdrawing a participant who asks for their data to be deleted", () => {
  it("removes their answers from responses, revisions, review history, indicator values and every export", async () => {
    const code = newCode();
    const { ids, followUp } = await participantWithHistory(code);
    const other = syncItem();
    await upload(t, researcher, [other]);
    expect(await indicatorRowsFor(ids)).toBeGreaterThan(0);
    const admin = await t.signIn("admin");
    expect(await exportedCodes(admin)).toContain(code);
    // A different copy of someone else's interview that names this participant holds their answers too.
    await upload(t, researcher, [
      { ...other, participantCode: code, data: { consent: true, say_in_support: 1 } },
    ]);
    expect(await countRows(t, "response_revisions")).toBe(2);

    const res = await withdraw(coordinator, {
      participantCode: code.toLowerCase().replace("-", " "),
      choice: "delete_all",
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as RecordWithdrawalResponse;
    expect(body).toMatchObject({
      responsesDeleted: 2,
      withdrawal: { participantCode: code, choice: "delete_all", areaId: "north", responsesDeleted: 2 },
    });

    const left = await t.db.selectFrom("responses").select(["id", "participant_code"]).execute();
    expect(left).toEqual([{ id: other.id, participant_code: other.participantCode }]);
    expect(await countRows(t, "response_revisions")).toBe(0);
    expect(
      await t.db.selectFrom("review_events").select("id").where("response_id", "in", ids).execute(),
    ).toEqual([]);
    expect(await indicatorRowsFor(ids)).toBe(0);
    expect(await indicatorRowsFor([other.id])).toBeGreaterThan(0);
    expect(await exportedCodes(admin)).not.toContain(code);
    expect((await t.request(`/api/review/responses/${followUp.id}`, { cookie: analyst })).status).toBe(404);

    // What is left is the code, in the withdrawal entry of the audit log (which ties it to no
    // response id) and in the withdrawal record that refuses later uploads; no answer anywhere.
    const [entry] = await auditEntries(t, "participant.withdraw");
    expect(entry).toMatchObject({ target: code });
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({
      choice: "delete_all",
      responsesDeleted: 2,
      areas: ["north"],
      actingAs: "coordinator",
    });
    const audit = await t.db.selectFrom("audit_log").selectAll().execute();
    expect(audit.filter((e) => JSON.stringify(e).includes(code)).map((e) => e.action)).toEqual([
      "participant.withdraw",
    ]);
    expect(JSON.stringify(audit)).not.toContain("Things are better now.");
    expect(JSON.stringify(audit)).not.toContain("Participant said 5.");
  });

  it("removes their follow-up plans too: reschedules and assignments, and no one else's", async () => {
    const code = newCode();
    const other = newCode();
    await upload(t, researcher, [syncItem({ participantCode: code }), syncItem({ participantCode: other })]);
    for (const participantCode of [code, other]) {
      const rescheduled = await t.request("/api/followups/reschedules", {
        method: "POST",
        cookie: researcher,
        json: {
          id: crypto.randomUUID(),
          surveyId: TEST_SURVEY_ID,
          participantCode,
          wave: 1,
          areaId: "north",
          rescheduledAt: "2026-11-25T15:00:00.000Z",
        },
      });
      expect(rescheduled.status).toBe(201);
    }
    const researcherRow = await t.db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "peer_researcher")
      .executeTakeFirstOrThrow();
    for (const participantCode of [code, other]) {
      const assigned = await t.request("/api/assignments", {
        method: "POST",
        cookie: coordinator,
        json: {
          participantCode,
          surveyId: TEST_SURVEY_ID,
          wave: 1,
          areaId: "north",
          researcherId: researcherRow.id,
          dueOn: null,
        },
      });
      expect(assigned.status).toBe(201);
    }
    const codesIn = async (table: "interview_reschedules" | "participant_assignments") =>
      (await t.db.selectFrom(table).select("participant_code").execute()).map((r) => r.participant_code);
    expect((await codesIn("interview_reschedules")).sort()).toEqual([code, other].sort());
    expect((await codesIn("participant_assignments")).sort()).toEqual([code, other].sort());

    expect((await withdraw(coordinator, { participantCode: code, choice: "delete_all" })).status).toBe(201);

    expect(await codesIn("interview_reschedules")).toEqual([other]);
    expect(await codesIn("participant_assignments")).toEqual([other]);
  });

  it("refuses interviews still queued on a tablet, with a clear outcome, and stores nothing", async () => {
    const code = newCode();
    await upload(t, researcher, [syncItem({ participantCode: code })]);
    expect((await withdraw(coordinator, { participantCode: code, choice: "delete_all" })).status).toBe(201);

    const queued = syncItem({ participantCode: code, wave: 1 });
    const unrelated = syncItem();
    const results = await upload(t, researcher, [queued, unrelated]);
    expect(results[0]).toEqual({
      id: queued.id,
      outcome: "rejected",
      problem: expect.objectContaining({ code: "participant_withdrawn", status: 410 }),
    });
    expect(results[1]?.outcome).toBe("accepted");
    expect(await t.db.selectFrom("responses").select("participant_code").execute()).toEqual([
      { participant_code: unrelated.participantCode },
    ]);
  });
});

describe("withdrawing a participant who lets us keep what they gave", () => {
  it("keeps their answers in exports and refuses later uploads", async () => {
    const code = newCode();
    const item = syncItem({ participantCode: code });
    await upload(t, researcher, [item]);
    const res = await withdraw(coordinator, { participantCode: code, choice: "keep_given" });
    expect(res.status).toBe(201);
    expect(((await res.json()) as RecordWithdrawalResponse).responsesDeleted).toBe(0);
    expect(await countRows(t, "responses")).toBe(1);
    expect(await exportedCodes(analyst)).toContain(code);

    const [later] = await upload(t, researcher, [syncItem({ participantCode: code, wave: 1 })]);
    expect(later).toMatchObject({ outcome: "rejected", problem: { code: "participant_withdrawn" } });
    expect(await countRows(t, "responses")).toBe(1);
  });

  it("can later become a deletion, but a deletion cannot become keeping", async () => {
    const code = newCode();
    await upload(t, researcher, [
      syncItem({ participantCode: code }),
      syncItem({ participantCode: code, wave: 1 }),
    ]);
    expect((await withdraw(coordinator, { participantCode: code, choice: "keep_given" })).status).toBe(201);
    const again = await withdraw(coordinator, { participantCode: code, choice: "keep_given" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe("already_withdrawn");

    const upgrade = await withdraw(coordinator, { participantCode: code, choice: "delete_all" });
    expect(upgrade.status).toBe(201);
    expect(((await upgrade.json()) as RecordWithdrawalResponse).withdrawal).toMatchObject({
      choice: "delete_all",
      responsesDeleted: 2,
    });
    expect(await countRows(t, "responses")).toBe(0);
    expect((await withdraw(coordinator, { participantCode: code, choice: "keep_given" })).status).toBe(409);
    expect((await auditEntries(t, "participant.withdraw")).map((e) => JSON.parse(e.detail).choice)).toEqual([
      "keep_given",
      "delete_all",
    ]);
  });

  it("deletes again when a deletion is recorded again, catching anything stored since", async () => {
    const code = newCode();
    expect((await withdraw(coordinator, { participantCode: code, choice: "delete_all" })).status).toBe(201);
    // As if an upload checked just before the withdrawal committed had been stored after it.
    const user = await t.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    const late = syncItem({ participantCode: code });
    await t.db
      .insertInto("responses")
      .values({
        id: late.id,
        survey_id: late.surveyId,
        survey_version: 1,
        participant_code: code,
        wave: 0,
        area_id: "north",
        administration_mode: "read_aloud",
        started_at: late.startedAt,
        completed_at: late.completedAt,
        received_at: late.completedAt,
        submitted_by: user.id,
        device_id: null,
        data: "{}",
        content_hash: "x",
        review_status: "received",
        issues: "[]",
      })
      .execute();
    const again = await withdraw(coordinator, { participantCode: code, choice: "delete_all" });
    expect(again.status).toBe(201);
    expect(((await again.json()) as RecordWithdrawalResponse).responsesDeleted).toBe(1);
    expect(await countRows(t, "responses")).toBe(0);
  });
});

describe("the withdrawal preview and list", () => {
  it("shows what a withdrawal would touch before it is confirmed, and changes nothing", async () => {
    const code = newCode();
    await upload(t, researcher, [
      syncItem({ participantCode: code }),
      syncItem({ participantCode: code, wave: 1 }),
    ]);
    const res = await preview(coordinator, code.toLowerCase());
    expect(res.status).toBe(200);
    expect((await res.json()) as WithdrawalPreview).toEqual({
      participantCode: code,
      responses: 2,
      areas: [{ id: "north", name: "Northtown" }],
      withdrawal: null,
      otherAreas: false,
    });
    expect(await countRows(t, "responses")).toBe(2);
    expect(await countRows(t, "withdrawals")).toBe(0);
  });

  it("lets a coordinator withdraw someone not yet uploaded, so their queued interviews are refused", async () => {
    const code = newCode();
    const look = (await (await preview(coordinator, code)).json()) as WithdrawalPreview;
    expect(look).toMatchObject({ responses: 0, areas: [], withdrawal: null });
    expect((await withdraw(coordinator, { participantCode: code, choice: "delete_all" })).status).toBe(201);
    const [queued] = await upload(t, researcher, [syncItem({ participantCode: code })]);
    expect(queued?.outcome).toBe("rejected");
  });

  it("lists withdrawals in the coordinator's area, and every area for an admin", async () => {
    const south = await t.signIn("coordinator", "south");
    const northCode = newCode();
    const southCode = newCode();
    await withdraw(coordinator, { participantCode: northCode, choice: "keep_given" });
    await withdraw(south, { participantCode: southCode, choice: "delete_all" });
    const list = async (cookie: string) =>
      (
        (await (await t.request("/api/withdrawals", { cookie })).json()) as WithdrawalsResponse
      ).withdrawals.map((w) => w.participantCode);
    expect(await list(coordinator)).toEqual([northCode]);
    expect((await list(await t.signIn("admin"))).sort()).toEqual([northCode, southCode].sort());
  });
});

describe("who may withdraw whom", () => {
  it("refuses a coordinator a participant interviewed only in another area, whose preview reads as unknown", async () => {
    const code = newCode();
    await upload(t, await t.signIn("peer_researcher", "south"), [
      syncItem({ participantCode: code, areaId: "south" }),
    ]);
    // The preview does not tell north that south knows this code (decision 0025).
    expect(await (await preview(coordinator, code)).json()).toEqual({
      participantCode: code,
      responses: 0,
      areas: [],
      withdrawal: null,
      otherAreas: false,
    });
    const res = await withdraw(coordinator, { participantCode: code, choice: "delete_all" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe("withdrawal_needs_data_manager");
    expect(await countRows(t, "responses")).toBe(1);
    expect(await countRows(t, "withdrawals")).toBe(0);
    expect(
      (await withdraw(await t.signIn("admin"), { participantCode: code, choice: "delete_all" })).status,
    ).toBe(201);
    expect(await countRows(t, "responses")).toBe(0);
  });

  it("leaves a participant interviewed in the coordinator's area and another to the data manager, who deletes everywhere", async () => {
    const code = newCode();
    const admin = await t.signIn("admin");
    await upload(t, admin, [
      syncItem({ participantCode: code, areaId: "north" }),
      syncItem({ participantCode: code, areaId: "south", wave: 1 }),
    ]);
    const res = await withdraw(coordinator, { participantCode: code, choice: "delete_all" });
    expect(res.status).toBe(403);
    expect(await countRows(t, "responses")).toBe(2);
    expect((await withdraw(admin, { participantCode: code, choice: "delete_all" })).status).toBe(201);
    expect(await countRows(t, "responses")).toBe(0);
  });

  it("is closed to evaluators, peer researchers, experts and anyone signed out", async () => {
    const code = newCode();
    await upload(t, researcher, [syncItem({ participantCode: code })]);
    for (const role of ["evaluator", "peer_researcher", "expert"] as const) {
      const cookie = await t.signIn(role);
      expect((await withdraw(cookie, { participantCode: code, choice: "delete_all" })).status).toBe(403);
      expect((await preview(cookie, code)).status).toBe(403);
      expect((await t.request("/api/withdrawals", { cookie })).status).toBe(403);
    }
    expect((await withdraw("", { participantCode: code, choice: "delete_all" })).status).toBe(401);
    expect(await countRows(t, "responses")).toBe(1);
  });

  it("refuses malformed, oversized and hostile input and deletes nothing", async () => {
    const code = newCode();
    await upload(t, researcher, [syncItem({ participantCode: code })]);
    const wrongCheck = `${code.slice(0, -1)}${code.endsWith("2") ? "3" : "2"}`;
    const bodies: unknown[] = [
      {},
      { participantCode: code },
      { participantCode: code, choice: "delete_some" },
      { participantCode: wrongCheck, choice: "delete_all" },
      { participantCode: "%", choice: "delete_all" },
      { participantCode: "' OR 1=1 --", choice: "delete_all" },
      { participantCode: "x".repeat(10_000), choice: "delete_all" },
      { participantCode: [code], choice: "delete_all" },
      { participantCode: code, choice: "delete_all", areaId: "south" },
      [{ participantCode: code, choice: "delete_all" }],
    ];
    for (const body of bodies) {
      const res = await withdraw(coordinator, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(
      (await withdraw(coordinator, { participantCode: code, choice: "delete_all", pad: "x".repeat(70_000) }))
        .status,
    ).toBe(413);
    for (const query of [
      "",
      "?participantCode=%25",
      `?participantCode=${code}&x=1`,
      "?participantCode=ABCD-EFG",
    ]) {
      expect(
        (await t.request(`/api/withdrawals/preview${query}`, { cookie: coordinator })).status,
        query,
      ).toBe(400);
    }
    expect(await countRows(t, "responses")).toBe(1);
    expect(await countRows(t, "withdrawals")).toBe(0);
  });
});

describe("review after a withdrawal", () => {
  it("refuses to adopt a revision that belongs to a withdrawn participant", async () => {
    const item = syncItem();
    const code = newCode();
    await upload(t, researcher, [item]);
    await upload(t, researcher, [{ ...item, participantCode: code }]);
    await withdraw(coordinator, { participantCode: code, choice: "keep_given" });
    const detail: ReviewDetail = await reviewDetail(t, analyst, item.id);
    const res = await t.request(`/api/review/responses/${item.id}/decision`, {
      method: "POST",
      cookie: analyst,
      json: { status: "approved", adoptRevision: 2, seen: seenOf(detail) },
    });
    expect(res.status).toBe(410);
    expect(((await res.json()) as { code: string }).code).toBe("participant_withdrawn");
  });
});
