import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEVICE_HEADER,
  type DeviceInterviews,
  type EnrolledDevice,
  type EnrolmentCode,
  type UploadRule,
} from "../../shared/contract/devices.ts";
import { generateParticipantCode } from "../../shared/contract/participant-code.ts";
import type { SyncItem, SyncOutcome, SyncResponse } from "../../shared/contract/sync.ts";
import type { WithdrawalPreview } from "../../shared/contract/withdrawals.ts";
import { okJson, type Person, person, problemCode } from "../helpers/coordination.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, NOW, TEST_SURVEY_ID, type TestContext } from "../helpers/test-app.ts";

/**
 * Issue 14, findings 1, 4, 5 and 6: where every interview came from. A participant's area, an
 * interview's id and a tablet's token are facts the server keeps, not claims a request can make.
 */

let t: TestContext;
let northResearcher: Person;
let northCoordinator: Person;
let southResearcher: Person;

beforeEach(async () => {
  t = await createTestContext();
  northResearcher = await person(t, "peer_researcher", "north");
  northCoordinator = await person(t, "coordinator", "north");
  southResearcher = await person(t, "peer_researcher", "south");
});
afterEach(async () => {
  await t.close();
});

const newCode = () => generateParticipantCode((a) => crypto.getRandomValues(a));

async function sync(
  cookie: string,
  items: SyncItem[],
  extra: { token?: string; deviceId?: string } = {},
): Promise<SyncOutcome[]> {
  const res = await t.request("/api/sync", {
    method: "POST",
    cookie,
    json: { items, ...(extra.deviceId ? { deviceId: extra.deviceId } : {}) },
    ...(extra.token ? { headers: { [DEVICE_HEADER]: extra.token } } : {}),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return (JSON.parse(text) as SyncResponse).results;
}

async function storedRow(id: string) {
  return t.db.selectFrom("responses").selectAll().where("id", "=", id).executeTakeFirst();
}

async function areasOf(code: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom("responses")
    .select("area_id")
    .where("participant_code", "=", code)
    .execute();
  return [...new Set(rows.map((r) => r.area_id))].sort();
}

describe("finding 1: a participant's area cannot be created by an upload", () => {
  it("refuses, per item, a coordinator's upload for a code that lives in another area, without naming it", async () => {
    const code = newCode();
    const southItem = syncItem({ participantCode: code, areaId: "south" });
    expect((await sync(southResearcher.cookie, [southItem]))[0]?.outcome).toBe("accepted");

    const planted = syncItem({
      participantCode: code,
      areaId: "north",
      ending: "declined",
      data: { consent: false },
    });
    const ordinary = syncItem({ areaId: "north" });
    const [refused, stored] = await sync(northCoordinator.cookie, [planted, ordinary]);
    expect(refused).toMatchObject({ id: planted.id, outcome: "rejected" });
    expect(refused?.outcome === "rejected" && refused.problem.code).toBe("participant_other_area");
    const words = JSON.stringify(refused);
    expect(words).not.toMatch(/south/i);
    expect(stored?.outcome).toBe("accepted");
    expect(await areasOf(code)).toEqual(["south"]);

    // The same for a researcher, and for a resend of the refused item (the tablet kept it).
    const [again] = await sync(northResearcher.cookie, [planted]);
    expect(again?.outcome === "rejected" && again.problem.code).toBe("participant_other_area");
    expect(await storedRow(planted.id)).toBeUndefined();
  });

  it("keeps a participant's own area open to everyone working there", async () => {
    const code = newCode();
    await sync(northResearcher.cookie, [syncItem({ participantCode: code })]);
    const [followUp] = await sync(northCoordinator.cookie, [syncItem({ participantCode: code, wave: 1 })]);
    expect(followUp?.outcome).toBe("accepted");
    expect(await areasOf(code)).toEqual(["north"]);
  });

  it("leaves a code in one area only when two areas upload it first at the same moment", async () => {
    for (let round = 0; round < 4; round++) {
      const code = newCode();
      const [north, south] = await Promise.all([
        sync(northResearcher.cookie, [syncItem({ participantCode: code, areaId: "north" })]),
        sync(southResearcher.cookie, [syncItem({ participantCode: code, areaId: "south" })]),
      ]);
      const outcomes = [north?.[0], south?.[0]];
      expect(outcomes.filter((o) => o?.outcome === "accepted")).toHaveLength(1);
      expect(
        outcomes.filter((o) => o?.outcome === "rejected" && o.problem.code === "participant_other_area"),
      ).toHaveLength(1);
      expect(await areasOf(code)).toHaveLength(1);
    }
  });

  it("answers the withdrawal preview the same for an unknown code and a code of another area", async () => {
    const elsewhere = newCode();
    await sync(southResearcher.cookie, [syncItem({ participantCode: elsewhere, areaId: "south" })]);
    const unknown = newCode();
    const look = async (code: string) => {
      const res = await t.request(`/api/withdrawals/preview?participantCode=${code}`, {
        cookie: northCoordinator.cookie,
      });
      return { status: res.status, body: (await res.text()).replaceAll(code, "CODE") };
    };
    const [a, b] = [await look(unknown), await look(elsewhere)];
    expect(b).toEqual(a);
    expect(a.status).toBe(200);
  });

  it("needs the data manager to withdraw a participant seen in several areas, and audits who acted for which areas", async () => {
    const admin = await person(t, "admin", null);
    const code = newCode();
    // Only the data manager can put one participant in two areas (e.g. someone who moved).
    await sync(admin.cookie, [
      syncItem({ participantCode: code, areaId: "north" }),
      syncItem({ participantCode: code, areaId: "south", wave: 1 }),
    ]);
    const preview = await okJson<WithdrawalPreview>(
      t.request(`/api/withdrawals/preview?participantCode=${code}`, { cookie: northCoordinator.cookie }),
    );
    expect(preview).toMatchObject({ responses: 1, areas: [{ id: "north" }], otherAreas: true });

    const refused = t.request("/api/withdrawals", {
      method: "POST",
      cookie: northCoordinator.cookie,
      json: { participantCode: code, choice: "delete_all" },
    });
    expect(await problemCode(refused, 403)).toBe("withdrawal_needs_data_manager");
    expect(await areasOf(code)).toEqual(["north", "south"]);

    await okJson(
      t.request("/api/withdrawals", {
        method: "POST",
        cookie: admin.cookie,
        json: { participantCode: code, choice: "delete_all" },
      }),
      201,
    );
    expect(await areasOf(code)).toEqual([]);
    const home = await t.db
      .selectFrom("participants")
      .selectAll()
      .where("participant_code", "=", code)
      .execute();
    expect(home).toEqual([]);
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "participant.withdraw")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.detail ?? "{}")).toMatchObject({
      areas: ["north", "south"],
      actingAs: "data_manager",
    });
  });
});

describe("finding 4: a resend is a duplicate or conflict only from the same area and people", () => {
  it("refuses another area's interview id without touching it or saying it exists", async () => {
    const original = syncItem({ areaId: "south" });
    await sync(southResearcher.cookie, [original]);
    const before = await storedRow(original.id);

    const hijack = { ...original, areaId: "north", data: { ...original.data, say_in_support: 1 } };
    const same = { ...original, areaId: "north" };
    const results = await sync(northResearcher.cookie, [hijack, same]);
    for (const result of results) {
      expect(result.outcome === "rejected" && result.problem.code).toBe("interview_id_unavailable");
      expect(JSON.stringify(result)).not.toMatch(/south|revision|duplicate/i);
    }
    expect(await storedRow(original.id)).toEqual(before);
    const revisions = await t.db.selectFrom("response_revisions").selectAll().execute();
    expect(revisions).toEqual([]);
  });

  it("refuses another researcher's id in the same area, and takes the researcher's and coordinator's own resends", async () => {
    const original = syncItem();
    await sync(northResearcher.cookie, [original]);
    const colleague = await person(t, "peer_researcher", "north");
    const changed = { ...original, data: { ...original.data, say_in_support: 1 } };
    const [fromColleague] = await sync(colleague.cookie, [changed]);
    expect(fromColleague?.outcome === "rejected" && fromColleague.problem.code).toBe(
      "interview_id_unavailable",
    );
    expect((await storedRow(original.id))?.review_status).toBe("received");

    expect((await sync(northResearcher.cookie, [original]))[0]?.outcome).toBe("duplicate");
    expect((await sync(northCoordinator.cookie, [changed]))[0]?.outcome).toBe("conflict");
  });
});

describe("finding 5: implausible times and waves are stored but flagged, and not counted", () => {
  async function counted(id: string): Promise<number> {
    const row = await t.db
      .selectFrom("indicator_values")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("response_id", "=", id)
      .where("counted", "=", 1)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("flags a future completion, a completion before the start, a date before the project and a wave off the schedule", async () => {
    const admin = await person(t, "admin", null);
    await okJson(
      t.request(`/api/followups/schedules/${TEST_SURVEY_ID}`, {
        method: "PUT",
        cookie: admin.cookie,
        json: { offsetsDays: [91, 182], graceDays: 14 },
      }),
    );
    const cases: [SyncItem, RegExp][] = [
      [syncItem({ completedAt: "2099-01-01T10:00:00.000Z" }), /in the future/],
      [
        syncItem({ startedAt: "2026-11-26T09:30:00.000Z", completedAt: "2026-11-26T09:00:00.000Z" }),
        /before it started/,
      ],
      [
        syncItem({ startedAt: "1970-01-01T00:00:00.000Z", completedAt: "1970-01-01T00:20:00.000Z" }),
        /before this project/,
      ],
      [syncItem({ wave: 100 }), /follow-up schedule/],
    ];
    const normal = syncItem({ wave: 2, completedAt: new Date(NOW.getTime() + 60_000).toISOString() });
    const results = await sync(northResearcher.cookie, [...cases.map(([item]) => item), normal]);
    for (const [i, [item, reason]] of cases.entries()) {
      const result = results[i];
      expect(result?.outcome, item.id).toBe("needs_review");
      const issues = result?.outcome === "needs_review" ? result.issues : [];
      expect(issues.map((issue) => issue.message).join(" ")).toMatch(reason);
      const row = await storedRow(item.id);
      expect(row?.review_status).toBe("needs_review");
      expect(row?.received_at).toBe(NOW.toISOString());
      expect(row?.completed_at).toBe(item.completedAt);
      expect(await counted(item.id)).toBe(0);
    }
    // A minute's clock skew and a scheduled wave are fine, and counted.
    expect(results.at(-1)?.outcome).toBe("accepted");
    expect(await counted(normal.id)).toBeGreaterThan(0);
  });
});

describe("finding 6: device provenance", () => {
  async function enrol(forPerson: Person, coordinator = northCoordinator): Promise<EnrolledDevice> {
    const code = await okJson<EnrolmentCode>(
      t.request("/api/devices/enrolment-codes", {
        method: "POST",
        cookie: coordinator.cookie,
        json: { userId: forPerson.id, label: "Tablet 7" },
      }),
      201,
    );
    return okJson<EnrolledDevice>(
      t.request("/api/devices/enrol", {
        method: "POST",
        cookie: forPerson.cookie,
        json: { code: code.code },
      }),
      201,
    );
  }

  it("stores the verified tablet on the interview and in the audit, never the id the body claims", async () => {
    const { token, device } = await enrol(northResearcher);
    const item = syncItem();
    await sync(northResearcher.cookie, [item], { token, deviceId: "spoofed-tablet" });
    expect((await storedRow(item.id))?.device_id).toBe(device.id);

    const browser = await person(t, "peer_researcher", "north");
    const other = syncItem();
    await sync(browser.cookie, [other], { deviceId: "spoofed-tablet" });
    expect((await storedRow(other.id))?.device_id).toBeNull();

    const entries = await t.db
      .selectFrom("audit_log")
      .select(["actor_id", "device_id", "target", "detail"])
      .where("action", "=", "sync.batch")
      .execute();
    const deviceOf = (who: Person) => entries.filter((e) => e.actor_id === who.id).map((e) => e.device_id);
    expect(deviceOf(northResearcher)).toEqual([device.id]);
    expect(deviceOf(browser)).toEqual([null]);
    expect(JSON.stringify(entries)).not.toContain("spoofed-tablet");
  });

  it("lets another researcher of the tablet's area upload with its token (a shared tablet, decision 0042), and the area's coordinator", async () => {
    const { token } = await enrol(northResearcher);
    const colleague = await person(t, "peer_researcher", "north");
    const [byColleague] = await sync(colleague.cookie, [syncItem()], { token });
    expect(byColleague?.outcome).toBe("accepted");
    const [byCoordinator] = await sync(northCoordinator.cookie, [syncItem()], { token });
    expect(byCoordinator?.outcome).toBe("accepted");
    const southResearcher = await person(t, "peer_researcher", "south");
    const refused = t.request("/api/sync", {
      method: "POST",
      cookie: southResearcher.cookie,
      json: { items: [syncItem()] },
      headers: { [DEVICE_HEADER]: token },
    });
    expect(await problemCode(refused, 403)).toBe("device_other_area");
  });

  it("has a per-area rule 'only enrolled tablets may upload': on for new areas, off for existing ones until set", async () => {
    const admin = await person(t, "admin", null);
    await okJson(
      t.request("/api/areas", {
        method: "POST",
        cookie: admin.cookie,
        json: { id: "east", name: "Eastham", region: "East" },
      }),
      201,
    );
    const rule = (area: string, cookie = northCoordinator.cookie) =>
      t.request(`/api/devices/upload-rules/${area}`, { cookie });
    expect(await okJson<UploadRule>(rule("east", admin.cookie))).toEqual({
      areaId: "east",
      enrolledTabletsOnly: true,
    });
    expect(await okJson<UploadRule>(rule("north"))).toEqual({ areaId: "north", enrolledTabletsOnly: false });

    const set = (area: string, body: unknown, cookie = northCoordinator.cookie) =>
      t.request(`/api/devices/upload-rules/${area}`, { method: "PUT", cookie, json: body });
    await okJson(set("north", { enrolledTabletsOnly: true }));

    const fromBrowser = syncItem();
    const [refused] = await sync(northResearcher.cookie, [fromBrowser]);
    expect(refused?.outcome === "rejected" && refused.problem.code).toBe("device_required_in_area");
    expect(await storedRow(fromBrowser.id)).toBeUndefined();
    const { token } = await enrol(northResearcher);
    expect((await sync(northResearcher.cookie, [fromBrowser], { token }))[0]?.outcome).toBe("accepted");

    // Another area's coordinator, a researcher and bad input change nothing.
    const southCoordinator = await person(t, "coordinator", "south");
    expect(
      await problemCode(set("north", { enrolledTabletsOnly: false }, southCoordinator.cookie), 403),
    ).toBe("forbidden_area");
    expect(await problemCode(rule("north", southCoordinator.cookie), 403)).toBe("forbidden_area");
    expect(await problemCode(set("north", { enrolledTabletsOnly: false }, northResearcher.cookie), 403)).toBe(
      "forbidden_role",
    );
    expect(await problemCode(set("north", { enrolledTabletsOnly: "no" }), 400)).toBe("invalid_body");
    expect(await problemCode(set("north", { enrolledTabletsOnly: false, extra: 1 }), 400)).toBe(
      "invalid_body",
    );
    const huge = { enrolledTabletsOnly: false, pad: "x".repeat(2_000_000) };
    expect(await problemCode(set("north", huge), 413)).toBe("body_too_large");
    const notJson = t.request("/api/devices/upload-rules/north", {
      method: "PUT",
      cookie: northCoordinator.cookie,
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(await problemCode(notJson, 400)).toBe("malformed_json");
    expect(await problemCode(set("nowhere'; drop table areas;--", { enrolledTabletsOnly: false }), 403)).toBe(
      "forbidden_area",
    );
    expect(await problemCode(set("nowhere", { enrolledTabletsOnly: false }, admin.cookie), 404)).toBe(
      "area_not_found",
    );
    expect((await okJson<UploadRule>(rule("north"))).enrolledTabletsOnly).toBe(true);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "area.upload_rule")
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail ?? "{}"))).toEqual([{ enrolledTabletsOnly: true }]);
  });

  it("lists for the data manager exactly what was collected on a tablet, without answers", async () => {
    const { token, device } = await enrol(northResearcher);
    const items = [syncItem(), syncItem({ wave: 1 })];
    await sync(northResearcher.cookie, items, { token });
    // The coordinator's own tablet: its interviews are not this tablet's.
    await sync(northCoordinator.cookie, [syncItem()], { token: (await enrol(northCoordinator)).token });
    const admin = await person(t, "admin", null);
    const listing = await okJson<DeviceInterviews>(
      t.request(`/api/devices/${device.id}/interviews`, { cookie: admin.cookie }),
    );
    expect(listing.device.id).toBe(device.id);
    expect(listing.interviews.map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
    for (const interview of listing.interviews) {
      expect(Object.keys(interview).sort()).toEqual([
        "id",
        "receivedAt",
        "surveyId",
        "surveyVersion",
        "wave",
      ]);
      expect(interview).toMatchObject({ surveyId: TEST_SURVEY_ID, receivedAt: NOW.toISOString() });
    }
    const text = JSON.stringify(listing);
    expect(text).not.toContain(items[0]?.participantCode);
    expect(text).not.toContain("hostel");

    for (const who of [northCoordinator, northResearcher, await person(t, "evaluator", null)]) {
      expect(
        await problemCode(t.request(`/api/devices/${device.id}/interviews`, { cookie: who.cookie }), 403),
      ).toBe("forbidden_role");
    }
    expect(await problemCode(t.request(`/api/devices/${device.id}/interviews`), 401)).toBe("not_signed_in");
    for (const id of ["00000000-0000-4000-8000-000000000000", "x".repeat(500), "' or 1=1 --"]) {
      expect(
        await problemCode(
          t.request(`/api/devices/${encodeURIComponent(id)}/interviews`, { cookie: admin.cookie }),
          404,
        ),
      ).toBe("device_not_found");
    }
  });
});
