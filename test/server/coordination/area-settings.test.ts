import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AreaSettings } from "../../../shared/contract/area-settings.ts";
import type { SupportServicesResponse } from "../../../shared/contract/support-services.ts";
import { okJson, type Person, person, problemCode } from "../../helpers/coordination.ts";
import { createTestContext, TEST_SURVEY_ID, type TestContext } from "../../helpers/test-app.ts";

let t: TestContext;
let coordinator: Person;

beforeEach(async () => {
  t = await createTestContext();
  coordinator = await person(t, "coordinator", "north");
});
afterEach(async () => {
  await t.close();
});

const settings = {
  name: "Northtown",
  region: "North East",
  supportServices: [
    {
      name: "Northtown Crisis Line",
      phone: "0800 000 000",
      hours: "24 hours",
      address: "",
      notes: "Free from mobiles",
    },
    { name: "St Anne's day centre", address: "1 High Street" },
  ],
  safeguardingLeadId: null as string | null,
  rewardPencePerHour: 1250,
  rewardPolicyNote: "£12.50 an hour, agreed with the experts' panel in October.",
};

const put = (cookie: string, body: unknown, area = "north") =>
  t.request(`/api/area-settings/${area}`, { method: "PUT", cookie, json: body });

describe("area settings", () => {
  it("keeps the support services, the safeguarding lead and the reward policy, and the tablets read the services", async () => {
    const saved = await okJson<AreaSettings>(
      put(coordinator.cookie, { ...settings, safeguardingLeadId: coordinator.id }),
    );
    expect(saved).toMatchObject({
      id: "north",
      safeguardingLeadId: coordinator.id,
      safeguardingLeadName: coordinator.displayName,
      rewardPencePerHour: 1250,
    });
    // Blank optional fields are dropped rather than stored as empty strings.
    expect(saved.supportServices[0]).toEqual({
      name: "Northtown Crisis Line",
      phone: "0800 000 000",
      hours: "24 hours",
      notes: "Free from mobiles",
    });
    expect(saved.leadOptions.map((o) => o.id)).toContain(coordinator.id);

    const researcher = await person(t, "peer_researcher", "north");
    const services = await okJson<SupportServicesResponse>(
      t.request("/api/areas/north/support-services", { cookie: researcher.cookie }),
    );
    expect(services.services.map((s) => s.name)).toEqual(["Northtown Crisis Line", "St Anne's day centre"]);

    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "area.update")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail).changed).toEqual(
      expect.arrayContaining([
        "supportServices",
        "safeguardingLeadId",
        "rewardPencePerHour",
        "rewardPolicyNote",
      ]),
    );
  });

  it("accepts only the area's coordinators or an administrator as safeguarding lead", async () => {
    const researcher = await person(t, "peer_researcher", "north");
    const southCoordinator = await person(t, "coordinator", "south");
    const admin = await person(t, "admin");
    for (const leadId of [researcher.id, southCoordinator.id, "no-such-user"]) {
      expect(
        await problemCode(put(coordinator.cookie, { ...settings, safeguardingLeadId: leadId }), 400),
      ).toBe("person_not_eligible");
    }
    await okJson(put(coordinator.cookie, { ...settings, safeguardingLeadId: admin.id }));
  });

  it("sets targets per survey and wave, replacing the list, and refuses unknown surveys and repeats", async () => {
    const targets = [
      { surveyId: TEST_SURVEY_ID, wave: 0, target: 40 },
      { surveyId: TEST_SURVEY_ID, wave: 1, target: 30 },
    ];
    const saved = await okJson<AreaSettings>(
      t.request("/api/area-settings/north/targets", {
        method: "PUT",
        cookie: coordinator.cookie,
        json: { targets },
      }),
    );
    expect(saved.targets).toEqual(targets);
    const replaced = await okJson<AreaSettings>(
      t.request("/api/area-settings/north/targets", {
        method: "PUT",
        cookie: coordinator.cookie,
        json: { targets: [{ surveyId: TEST_SURVEY_ID, wave: 2, target: 5 }] },
      }),
    );
    expect(replaced.targets).toEqual([{ surveyId: TEST_SURVEY_ID, wave: 2, target: 5 }]);
    expect(
      await problemCode(
        t.request("/api/area-settings/north/targets", {
          method: "PUT",
          cookie: coordinator.cookie,
          json: { targets: [{ surveyId: "no-such-survey", wave: 0, target: 5 }] },
        }),
        404,
      ),
    ).toBe("survey_not_found");
    expect(
      await problemCode(
        t.request("/api/area-settings/north/targets", {
          method: "PUT",
          cookie: coordinator.cookie,
          json: { targets: [...targets, targets[0]] },
        }),
        400,
      ),
    ).toBe("invalid_body");
  });

  it("keeps a coordinator to their own area and researchers out", async () => {
    expect(
      await problemCode(t.request("/api/area-settings/south", { cookie: coordinator.cookie }), 403),
    ).toBe("forbidden_area");
    expect(await problemCode(put(coordinator.cookie, settings, "south"), 403)).toBe("forbidden_area");
    const researcher = await person(t, "peer_researcher", "north");
    expect(await problemCode(t.request("/api/area-settings/north", { cookie: researcher.cookie }), 403)).toBe(
      "forbidden_role",
    );
    const admin = await person(t, "admin");
    expect(await problemCode(t.request("/api/area-settings/atlantis", { cookie: admin.cookie }), 404)).toBe(
      "area_not_found",
    );
  });

  it("refuses malformed, oversized and hostile settings and changes nothing", async () => {
    const before = await okJson<AreaSettings>(
      t.request("/api/area-settings/north", { cookie: coordinator.cookie }),
    );
    const bad: unknown[] = [
      { ...settings, supportServices: [{ name: "" }] },
      { ...settings, supportServices: Array.from({ length: 41 }, (_, i) => ({ name: `Service ${i}` })) },
      { ...settings, supportServices: [{ name: "x", script: "<script>" }] },
      { ...settings, rewardPencePerHour: -1 },
      { ...settings, rewardPencePerHour: 12.5 },
      { ...settings, name: "x".repeat(121) },
      { ...settings, __proto__: { admin: true }, extra: 1 },
      [],
      null,
    ];
    for (const body of bad)
      expect(await problemCode(put(coordinator.cookie, body), 400)).toBe("invalid_body");
    const malformed = await t.request("/api/area-settings/north", {
      method: "PUT",
      cookie: coordinator.cookie,
      headers: { "content-type": "application/json" },
      body: '{"name": ',
    });
    expect(await problemCode(malformed, 400)).toBe("malformed_json");
    const huge = { ...settings, rewardPolicyNote: "x".repeat(70_000) };
    expect(await problemCode(put(coordinator.cookie, huge), 413)).toBe("body_too_large");
    // Text that looks like markup is stored as text, never interpreted.
    const hostile = { ...settings, supportServices: [{ name: "<img src=x onerror=alert(1)>" }] };
    const saved = await okJson<AreaSettings>(put(coordinator.cookie, hostile));
    expect(saved.supportServices[0]?.name).toBe("<img src=x onerror=alert(1)>");
    expect(before.supportServices).toEqual([]);
  });
});
