import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEVICE_HEADER,
  type Device,
  type EnrolledDevice,
  type EnrolmentCode,
} from "../../../shared/contract/devices.ts";
import type { LostReport, ManifestLine } from "../../../shared/contract/lost-devices.ts";
import type { SyncResponse } from "../../../shared/contract/sync.ts";
import { okJson, type Person, person, problemCode } from "../../helpers/coordination.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, NOW, type TestContext } from "../../helpers/test-app.ts";

let t: TestContext;
let coordinator: Person;
let researcher: Person;
let tablet: EnrolledDevice;

async function enrolFor(who: Person, by: Person): Promise<EnrolledDevice> {
  const code = await okJson<EnrolmentCode>(
    t.request("/api/devices/enrolment-codes", {
      method: "POST",
      cookie: by.cookie,
      json: { userId: who.id, label: "Tablet 7" },
    }),
    201,
  );
  return okJson<EnrolledDevice>(
    t.request("/api/devices/enrol", { method: "POST", cookie: who.cookie, json: { code: code.code } }),
    201,
  );
}

beforeEach(async () => {
  t = await createTestContext();
  coordinator = await person(t, "coordinator", "north");
  researcher = await person(t, "peer_researcher", "north");
  tablet = await enrolFor(researcher, coordinator);
});
afterEach(async () => {
  await t.close();
});

const asTablet = (token = tablet.token) => ({ [DEVICE_HEADER]: token });

const sendManifest = (lines: ManifestLine[], omitted = 0, token = tablet.token, cookie = researcher.cookie) =>
  t.request("/api/devices/manifest", {
    method: "POST",
    cookie,
    headers: asTablet(token),
    json: { lines, omitted },
  });

const sync = (items: ReturnType<typeof syncItem>[], token = tablet.token, cookie = researcher.cookie) =>
  t.request("/api/sync", {
    method: "POST",
    cookie,
    headers: asTablet(token),
    json: { items },
  });

const reportLost = (
  id = tablet.device.id,
  cookie = coordinator.cookie,
  json: unknown = { reason: "Left on the bus", endSessions: false },
) => t.request(`/api/devices/${encodeURIComponent(id)}/lost`, { method: "POST", cookie, json });

const lostReport = (id = tablet.device.id, cookie = coordinator.cookie) =>
  t.request(`/api/devices/${encodeURIComponent(id)}/lost-report`, { cookie });

function line(item: ReturnType<typeof syncItem>, kind: ManifestLine["kind"] = "interview"): ManifestLine {
  return {
    id: item.id,
    kind,
    participantCode: item.participantCode,
    surveyId: item.surveyId,
    wave: item.wave,
    at: item.completedAt,
  };
}

async function auditActions(): Promise<string[]> {
  const rows = await t.db.selectFrom("audit_log").select("action").orderBy("at").orderBy("id").execute();
  return rows.map((r) => r.action);
}

describe("reporting a tablet lost", () => {
  it("refuses its token everywhere with device_lost and says nothing else, and audits the refusal once a minute", async () => {
    const lost = await okJson<Device>(reportLost());
    expect(lost).toMatchObject({ lostReason: "Left on the bus", foundAt: null, wipedAt: null });
    expect(lost.lostAt).toBe(NOW.toISOString());

    // Sync, due lists, the tablet's own manifest, even routes that never look at the token.
    const attempts = [
      sync([syncItem()]),
      t.request("/api/followups/due", { cookie: researcher.cookie, headers: asTablet() }),
      sendManifest([]),
      t.request("/api/auth/me", { cookie: researcher.cookie, headers: asTablet() }),
      t.request("/api/surveys", { headers: asTablet() }),
      t.request("/api/devices/some-route-added-later", { method: "POST", headers: asTablet(), json: {} }),
    ];
    for (const attempt of attempts) {
      const res = await attempt;
      expect(res.status).toBe(403);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toEqual({
        type: "/problems/device_lost",
        title: "This tablet has been reported lost.",
        status: 403,
        code: "device_lost",
      });
    }
    const stored = await t.db.selectFrom("responses").select("id").execute();
    expect(stored).toEqual([]);
    const actions = await auditActions();
    expect(actions.filter((a) => a === "device.lost")).toHaveLength(1);
    // Six refusals in the same minute: one audit entry.
    expect(actions.filter((a) => a === "device.lost_refused")).toHaveLength(1);
    // A minute later the next refusal is recorded again.
    await t.db
      .updateTable("devices")
      .set({ lost_refused_at: new Date(NOW.getTime() - 60_000).toISOString() })
      .execute();
    expect(await problemCode(sync([syncItem()]), 403)).toBe("device_lost");
    expect((await auditActions()).filter((a) => a === "device.lost_refused")).toHaveLength(2);
  });

  it("leaves the researcher's session and other tablets alone unless asked to end the sessions", async () => {
    const other = await person(t, "peer_researcher", "north");
    const otherTablet = await enrolFor(other, coordinator);
    await okJson<Device>(reportLost());
    await okJson<SyncResponse>(sync([syncItem()], otherTablet.token, other.cookie));
    // Without the token the researcher's session still works (they may use another device).
    await okJson(t.request("/api/auth/me", { cookie: researcher.cookie }));
    // Reporting it again changes nothing and records nothing new.
    await okJson<Device>(reportLost());
    expect((await auditActions()).filter((a) => a === "device.lost")).toHaveLength(1);
  });

  it("signs the researcher out everywhere when asked", async () => {
    await okJson<Device>(
      reportLost(tablet.device.id, coordinator.cookie, { reason: "Stolen", endSessions: true }),
    );
    expect(await problemCode(t.request("/api/auth/me", { cookie: researcher.cookie }), 401)).toBe(
      "not_signed_in",
    );
  });

  it("lets only the tablet's area coordinator and the data manager report it, and answers another area as not found", async () => {
    const south = await person(t, "coordinator", "south");
    expect(await problemCode(reportLost(tablet.device.id, south.cookie), 404)).toBe("device_not_found");
    expect(await problemCode(lostReport(tablet.device.id, south.cookie), 404)).toBe("device_not_found");
    expect(
      await problemCode(
        t.request(`/api/devices/${tablet.device.id}/found`, {
          method: "POST",
          cookie: south.cookie,
          json: {},
        }),
        404,
      ),
    ).toBe("device_not_found");
    for (const role of ["peer_researcher", "evaluator", "expert"] as const) {
      const someone = await person(t, role, role === "evaluator" ? null : "north");
      expect(await problemCode(reportLost(tablet.device.id, someone.cookie), 403)).toBe("forbidden_role");
      expect(await problemCode(lostReport(tablet.device.id, someone.cookie), 403)).toBe("forbidden_role");
    }
    expect(
      await problemCode(
        t.request(`/api/devices/${tablet.device.id}/lost`, {
          method: "POST",
          json: { reason: "x", endSessions: false },
        }),
        401,
      ),
    ).toBe("not_signed_in");
    // Nothing changed.
    const row = await t.db.selectFrom("devices").select("lost_at").executeTakeFirstOrThrow();
    expect(row.lost_at).toBeNull();
    const admin = await person(t, "admin", null);
    await okJson<Device>(reportLost(tablet.device.id, admin.cookie));
  });

  it("refuses malformed, oversized and hostile requests", async () => {
    const bad: unknown[] = [
      {},
      { reason: "", endSessions: false },
      { reason: "   ", endSessions: false },
      { reason: "x".repeat(501), endSessions: false },
      { reason: "lost", endSessions: "yes" },
      { reason: "lost", endSessions: false, extra: 1 },
      { reason: "lost\u0000", endSessions: false },
      [],
      null,
    ];
    for (const json of bad) {
      expect(
        await problemCode(reportLost(tablet.device.id, coordinator.cookie, json), 400),
        JSON.stringify(json),
      ).toBe("invalid_body");
    }
    const raw = (body: string, type = "application/json") =>
      t.request(`/api/devices/${tablet.device.id}/lost`, {
        method: "POST",
        cookie: coordinator.cookie,
        headers: { "content-type": type },
        body,
      });
    expect(await problemCode(raw("{not json"), 400)).toBe("malformed_json");
    expect(await problemCode(raw("reason=lost", "application/x-www-form-urlencoded"), 415)).toBe(
      "unsupported_media_type",
    );
    expect(
      await problemCode(raw(JSON.stringify({ reason: "x".repeat(70_000), endSessions: false })), 413),
    ).toBe("body_too_large");
    expect(await problemCode(reportLost("x".repeat(200)), 404)).toBe("device_not_found");
    expect(await problemCode(reportLost("' or 1=1 --"), 404)).toBe("device_not_found");
    // Markup in the reason is stored as text, to be shown as text.
    const hostile = await okJson<Device>(
      reportLost(tablet.device.id, coordinator.cookie, {
        reason: "<img src=x onerror=alert(1)>",
        endSessions: false,
      }),
    );
    expect(hostile.lostReason).toBe("<img src=x onerror=alert(1)>");
    expect((await auditActions()).filter((a) => a === "device.lost")).toHaveLength(1);
  });
});

describe("what was on a lost tablet", () => {
  it("lists what the tablet reported queued that never arrived, by code and date, and what did arrive", async () => {
    const arrived = syncItem();
    const queued = syncItem({ completedAt: "2026-11-27T10:00:00.000Z" });
    const draft = syncItem();
    const concern = {
      id: randomUUID(),
      kind: "concern" as const,
      participantCode: queued.participantCode,
      surveyId: null,
      wave: null,
      at: "2026-11-27T10:05:00.000Z",
    };
    // The tablet's manifest before its upload lists everything; the upload then takes one interview.
    await okJson(
      sendManifest([line(arrived), line(queued), { ...line(draft, "draft"), at: draft.startedAt }, concern]),
    );
    await okJson<SyncResponse>(sync([arrived]));
    await okJson<Device>(reportLost());

    const report = await okJson<LostReport>(lostReport());
    expect(report.reportedAt).toBe(NOW.toISOString());
    expect(report.notUploaded.map((i) => [i.kind, i.participantCode, i.id])).toEqual([
      ["draft", draft.participantCode, draft.id],
      ["interview", queued.participantCode, queued.id],
      ["concern", queued.participantCode, concern.id],
    ]);
    expect(report.notUploaded.find((i) => i.id === queued.id)).toMatchObject({
      at: "2026-11-27T10:00:00.000Z",
      wave: 0,
    });
    expect(report.arrived).toEqual([
      {
        id: arrived.id,
        participantCode: arrived.participantCode,
        surveyId: arrived.surveyId,
        wave: 0,
        receivedAt: NOW.toISOString(),
      },
    ]);
    // No answers anywhere in the report.
    const text = JSON.stringify(report);
    for (const answer of ["hostel", "drop_in", "2026-11-20"]) expect(text).not.toContain(answer);
    expect(await auditActions()).toContain("device.lost_report");
  });

  it("counts only what was on the tablet at its last report", async () => {
    const discarded = syncItem();
    const kept = syncItem();
    await okJson(sendManifest([line(discarded, "draft"), line(kept)]));
    await okJson(sendManifest([line(kept)], 12));
    const report = await okJson<LostReport>(lostReport());
    expect(report.notUploaded.map((i) => i.id)).toEqual([kept.id]);
    expect(report.omitted).toBe(12);
  });

  it("does not show another area's interview that a tablet names in its manifest", async () => {
    const south = syncItem({ areaId: "south" });
    const admin = await person(t, "admin", null);
    await okJson(t.request("/api/sync", { method: "POST", cookie: admin.cookie, json: { items: [south] } }));
    await okJson(sendManifest([line(south)]));
    const report = await okJson<LostReport>(lostReport());
    expect(JSON.stringify(report.arrived)).not.toContain(south.participantCode);
  });

  it("takes a manifest only from an enrolled tablet with someone of its area signed in, and refuses malformed ones", async () => {
    expect(
      await problemCode(
        t.request("/api/devices/manifest", {
          method: "POST",
          cookie: researcher.cookie,
          json: { lines: [], omitted: 0 },
        }),
        403,
      ),
    ).toBe("device_required");
    expect(await problemCode(sendManifest([], 0, "not-a-token"), 403)).toBe("device_unknown");
    // A shared tablet (decision 0042): another researcher of its area may send its manifest.
    const other = await person(t, "peer_researcher", "north");
    await okJson(sendManifest([], 0, tablet.token, other.cookie));
    const southResearcher = await person(t, "peer_researcher", "south");
    expect(await problemCode(sendManifest([], 0, tablet.token, southResearcher.cookie), 403)).toBe(
      "device_other_area",
    );
    const southCoordinator = await person(t, "coordinator", "south");
    expect(await problemCode(sendManifest([], 0, tablet.token, southCoordinator.cookie), 403)).toBe(
      "device_other_area",
    );
    const good = line(syncItem());
    const bad: unknown[] = [
      { lines: [good] },
      { lines: [{ ...good, kind: "answers" }], omitted: 0 },
      { lines: [{ ...good, data: { consent: true } }], omitted: 0 },
      { lines: [{ ...good, participantCode: "x".repeat(33) }], omitted: 0 },
      { lines: [{ ...good, at: "yesterday" }], omitted: 0 },
      { lines: Array.from({ length: 301 }, () => good), omitted: 0 },
      { lines: [], omitted: -1 },
    ];
    for (const json of bad) {
      const res = t.request("/api/devices/manifest", {
        method: "POST",
        cookie: researcher.cookie,
        headers: asTablet(),
        json,
      });
      expect([400, 413]).toContain((await res).status);
    }
    expect(await t.db.selectFrom("device_manifest_items").select("item_id").execute()).toEqual([]);
  });
});

describe("the tablet's wipe and being found", () => {
  it("records the wipe the lost tablet reports, once, with its token alone", async () => {
    const wiped = (token: string) =>
      t.request("/api/devices/wiped", { method: "POST", headers: asTablet(token), json: {} });
    // Not lost yet: nothing to report.
    expect(await problemCode(wiped(tablet.token), 403)).toBe("device_unknown");
    await okJson<Device>(
      reportLost(tablet.device.id, coordinator.cookie, { reason: "Lost", endSessions: true }),
    );
    expect(await problemCode(wiped("made-up"), 403)).toBe("device_unknown");
    expect(await problemCode(t.request("/api/devices/wiped", { method: "POST", json: {} }), 403)).toBe(
      "device_unknown",
    );
    await okJson(wiped(tablet.token));
    await okJson(wiped(tablet.token));
    expect((await auditActions()).filter((a) => a === "device.wiped")).toHaveLength(1);
    const report = await okJson<LostReport>(lostReport());
    expect(report.device.wipedAt).toBe(NOW.toISOString());
  });

  it("marks a found tablet withdrawn, so it needs a new enrolment", async () => {
    const found = (cookie = coordinator.cookie) =>
      t.request(`/api/devices/${tablet.device.id}/found`, { method: "POST", cookie, json: {} });
    expect(await problemCode(found(), 409)).toBe("device_not_lost");
    await okJson<Device>(reportLost());
    const device = await okJson<Device>(found());
    expect(device.foundAt).toBe(NOW.toISOString());
    expect(device.revokedAt).toBe(NOW.toISOString());
    expect(await problemCode(found(), 409)).toBe("device_not_lost");
    // No longer "lost": the tablet is not told to wipe, but it cannot upload until enrolled again.
    expect(await problemCode(sync([syncItem()]), 403)).toBe("device_revoked");
    const again = await enrolFor(researcher, coordinator);
    await okJson<SyncResponse>(sync([syncItem()], again.token));
    expect(await auditActions()).toEqual(expect.arrayContaining(["device.lost", "device.found"]));
  });
});
