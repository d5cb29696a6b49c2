import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DebriefsResponse } from "../../../shared/contract/debriefs.ts";
import type {
  ParticipationPlan,
  ParticipationPlansResponse,
} from "../../../shared/contract/participation-plans.ts";
import type { RewardEntry, RewardsResponse } from "../../../shared/contract/rewards.ts";
import type { Readiness, TrainingRecord, TrainingResponse } from "../../../shared/contract/training.ts";
import { okJson, type Person, person, problemCode } from "../../helpers/coordination.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";

let t: TestContext;
let coordinator: Person;
let expert: Person;
let researcher: Person;

beforeEach(async () => {
  t = await createTestContext();
  coordinator = await person(t, "coordinator", "north");
  expert = await person(t, "expert", "north");
  researcher = await person(t, "peer_researcher", "north");
});
afterEach(async () => {
  await t.close();
});

const plan = {
  interests: "Peer mentoring; music",
  goals: "Get a reference for a support-work job",
  supportWanted: "Someone to meet before the first workshop",
  contactMethods: ["text_message", "in_person"],
  contactNotes: "Not before 11 in the morning",
  preferredPayment: "voucher",
};

describe("participation plans", () => {
  it("are the person's own to write, and their coordinator can read and help write them", async () => {
    const empty = await okJson<ParticipationPlan>(
      t.request("/api/me/participation-plan", { cookie: expert.cookie }),
    );
    expect(empty).toMatchObject({ userId: expert.id, interests: "", updatedAt: null });
    const saved = await okJson<ParticipationPlan>(
      t.request("/api/me/participation-plan", { method: "PUT", cookie: expert.cookie, json: plan }),
    );
    expect(saved).toMatchObject({ ...plan, updatedBySelf: true, updatedByName: expert.displayName });

    const { plans } = await okJson<ParticipationPlansResponse>(
      t.request("/api/participation-plans", { cookie: coordinator.cookie }),
    );
    expect(plans.map((p) => p.userId).sort()).toEqual([expert.id, researcher.id].sort());
    const helped = await okJson<ParticipationPlan>(
      t.request(`/api/participation-plans/${expert.id}`, {
        method: "PUT",
        cookie: coordinator.cookie,
        json: { ...plan, goals: "Lead a workshop" },
      }),
    );
    expect(helped).toMatchObject({
      goals: "Lead a workshop",
      updatedBySelf: false,
      updatedByName: coordinator.displayName,
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "plan.update")
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([
      { self: true, changed: Object.keys(plan) },
      { self: false, changed: ["goals"] },
    ]);
    expect(JSON.stringify(audit)).not.toContain("Lead a workshop");
  });

  it("keeps plans within the area and away from other people", async () => {
    const south = await person(t, "coordinator", "south");
    const { plans } = await okJson<ParticipationPlansResponse>(
      t.request("/api/participation-plans", { cookie: south.cookie }),
    );
    expect(plans.map((p) => p.userId)).not.toContain(expert.id);
    expect(
      await problemCode(
        t.request(`/api/participation-plans/${expert.id}`, {
          method: "PUT",
          cookie: south.cookie,
          json: plan,
        }),
        404,
      ),
    ).toBe("user_not_found");
    expect(await problemCode(t.request("/api/participation-plans", { cookie: researcher.cookie }), 403)).toBe(
      "forbidden_role",
    );
    for (const body of [
      { ...plan, contactMethods: ["carrier_pigeon"] },
      { ...plan, contactMethods: ["email", "email"] },
      { ...plan, preferredPayment: "bitcoin" },
      { ...plan, interests: "x".repeat(4001) },
      { ...plan, userId: coordinator.id },
    ]) {
      expect(
        await problemCode(
          t.request("/api/me/participation-plan", { method: "PUT", cookie: expert.cookie, json: body }),
          400,
        ),
      ).toBe("invalid_body");
    }
    expect(await t.db.selectFrom("participation_plans").selectAll().execute()).toEqual([]);
  });
});

describe("the reward log", () => {
  const record = (body: Record<string, unknown>, cookie = coordinator.cookie) =>
    t.request("/api/rewards", {
      method: "POST",
      cookie,
      json: {
        userId: expert.id,
        areaId: "north",
        activity: "Question design workshop",
        hours: 2.5,
        givenOn: "2026-11-20",
        paymentMethod: "voucher",
        ...body,
      },
    });

  it("works out the reward under the area's policy at the time and keeps it when the policy changes", async () => {
    expect(await problemCode(record({}), 409)).toBe("reward_policy_not_set");
    await t.db.updateTable("areas").set({ reward_pence_per_hour: 1250 }).where("id", "=", "north").execute();
    const entry = await okJson<RewardEntry>(record({}), 201);
    expect(entry).toMatchObject({
      hours: 2.5,
      pencePerHour: 1250,
      rewardPence: 3125,
      paymentMethod: "voucher",
    });
    await t.db.updateTable("areas").set({ reward_pence_per_hour: 1500 }).where("id", "=", "north").execute();
    await okJson(
      record({
        activity: '=HYPERLINK("http://evil")',
        hours: 1,
        paymentMethod: "cash",
        givenOn: "2026-11-21",
      }),
      201,
    );

    const mine = await okJson<RewardsResponse>(t.request("/api/me/rewards", { cookie: expert.cookie }));
    expect(mine.entries.map((e) => e.rewardPence)).toEqual([1500, 3125]);
    expect(mine.totalPence).toBe(4625);
    expect(mine.totalHours).toBe(3.5);

    const statement = await t.request("/api/me/rewards/statement", { cookie: expert.cookie });
    expect(statement.status).toBe(200);
    expect(statement.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(statement.headers.get("content-disposition")).toBe(
      'attachment; filename="reward-statement-2026-11-26.csv"',
    );
    const lines = (await statement.text()).split("\r\n");
    expect(lines[0]).toBe("date,activity,hours,rate_per_hour_gbp,reward_gbp,payment_method,area");
    expect(lines[1]).toBe("2026-11-20,Question design workshop,2.5,12.50,31.25,Voucher,north");
    expect(lines[2]).toBe(`2026-11-21,"'=HYPERLINK(""http://evil"")",1,15.00,15.00,Cash,north`);
    expect(lines[3]).toBe(",Total,3.5,,46.25,,");
    expect(lines.join("\n")).toMatch(/Cash and bank transfers may count as earnings/);

    const forCoordinator = await t.request(`/api/rewards/statements/${expert.id}`, {
      cookie: coordinator.cookie,
    });
    expect(forCoordinator.status).toBe(200);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "reward.%")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["reward.record", "reward.record", "reward.statement"]);
  });

  it("keeps each area's log to itself and refuses bad entries", async () => {
    await t.db.updateTable("areas").set({ reward_pence_per_hour: 1000 }).execute();
    await okJson(record({}), 201);
    const south = await person(t, "coordinator", "south");
    const seen = await okJson<RewardsResponse>(t.request("/api/rewards", { cookie: south.cookie }));
    expect(seen.entries).toEqual([]);
    expect(
      await problemCode(t.request(`/api/rewards/statements/${expert.id}`, { cookie: south.cookie }), 404),
    ).toBe("user_not_found");
    expect(await problemCode(record({ areaId: "south" }), 403)).toBe("forbidden_area");
    expect(await problemCode(record({}, south.cookie), 403)).toBe("forbidden_area");
    expect(await problemCode(record({ givenOn: "2026-12-01" }), 400)).toBe("invalid_body");
    for (const body of [
      { hours: 0 },
      { hours: 25 },
      { hours: 1.1 },
      { paymentMethod: "crypto" },
      { activity: "" },
      { givenOn: "yesterday" },
    ]) {
      expect(await problemCode(record(body), 400)).toBe("invalid_body");
    }
    expect(await problemCode(record({}, expert.cookie), 403)).toBe("forbidden_role");
    const rows = await t.db.selectFrom("reward_entries").selectAll().execute();
    expect(rows).toHaveLength(1);
  });
});

describe("training and readiness for fieldwork", () => {
  const recordTraining = (body: Record<string, unknown>, cookie = coordinator.cookie) =>
    t.request("/api/training", {
      method: "POST",
      cookie,
      json: {
        userId: researcher.id,
        kind: "safeguarding",
        completedOn: "2026-01-10",
        expiresOn: null,
        note: "",
        ...body,
      },
    });

  it("warns a researcher whose required training has lapsed or was never recorded, and clears once it is current", async () => {
    const before = await okJson<Readiness>(t.request("/api/me/readiness", { cookie: researcher.cookie }));
    expect(before).toMatchObject({ applies: true, ready: false });
    expect(before.training.filter((s) => s.required).map((s) => s.state)).toEqual(["missing", "missing"]);

    // Completed in November 2025: the refresher fell due a year later, on 10 November 2026.
    const lapsed = await okJson<TrainingRecord>(recordTraining({ completedOn: "2025-11-10" }), 201);
    expect(lapsed.expiresOn).toBe("2026-11-10");
    await okJson(
      recordTraining({ kind: "distress_protocol", completedOn: "2026-06-01", expiresOn: "2026-12-10" }),
      201,
    );
    const partly = await okJson<Readiness>(t.request("/api/me/readiness", { cookie: researcher.cookie }));
    expect(partly.ready).toBe(false);
    expect(partly.training.map((s) => [s.kind, s.state])).toEqual([
      ["safeguarding", "lapsed"],
      ["distress_protocol", "due_soon"],
      ["interview_practice", "missing"],
    ]);

    await okJson(recordTraining({ completedOn: "2026-11-25" }), 201);
    const ready = await okJson<Readiness>(t.request("/api/me/readiness", { cookie: researcher.cookie }));
    expect(ready.ready).toBe(true);
    const own = await okJson<TrainingResponse>(t.request("/api/me/training", { cookie: researcher.cookie }));
    expect(own.records).toHaveLength(3);

    const expertReadiness = await okJson<Readiness>(
      t.request("/api/me/readiness", { cookie: expert.cookie }),
    );
    expect(expertReadiness).toMatchObject({ applies: false, ready: true });
  });

  it("keeps training records within the area and refuses bad records", async () => {
    await okJson(recordTraining({}), 201);
    const south = await person(t, "coordinator", "south");
    expect(
      (await okJson<TrainingResponse>(t.request("/api/training", { cookie: south.cookie }))).records,
    ).toEqual([]);
    expect(await problemCode(recordTraining({}, south.cookie), 404)).toBe("user_not_found");
    for (const body of [
      { kind: "first_aid" },
      { completedOn: "2026-13-01" },
      { completedOn: "2026-05-01", expiresOn: "2026-04-01" },
      { completedOn: "2027-01-01" },
      { note: "x".repeat(1001) },
    ]) {
      expect(await problemCode(recordTraining(body), 400)).toBe("invalid_body");
    }
    expect(await problemCode(recordTraining({}, researcher.cookie), 403)).toBe("forbidden_role");
    expect(
      (await okJson<TrainingResponse>(t.request("/api/training", { cookie: coordinator.cookie }))).records,
    ).toHaveLength(1);
  });
});

describe("debriefs", () => {
  async function debrief(cookie: string, areaId = "north", wantsSupport = false): Promise<string> {
    const id = randomUUID();
    const res = await t.request("/api/debriefs", {
      method: "POST",
      cookie,
      json: {
        id,
        areaId,
        createdAt: "2026-11-26T09:00:00.000Z",
        wellbeing: 2,
        notes: "A hard one today.",
        wantsSupport,
      },
    });
    expect(res.status).toBe(201);
    return id;
  }

  it("shows researchers their own only, and coordinators their area's", async () => {
    const other = await person(t, "peer_researcher", "north");
    const south = await person(t, "peer_researcher", "south");
    const mine = await debrief(researcher.cookie);
    const theirs = await debrief(other.cookie, "north", true);
    const southern = await debrief(south.cookie, "south");

    const own = await okJson<DebriefsResponse>(
      t.request("/api/debriefs?areaId=north", { cookie: researcher.cookie }),
    );
    expect(own.debriefs.map((d) => d.id)).toEqual([mine]);
    const area = await okJson<DebriefsResponse>(t.request("/api/debriefs", { cookie: coordinator.cookie }));
    expect(area.debriefs.map((d) => d.id)).toEqual([theirs, mine]);
    expect(area.debriefs[0]).toMatchObject({
      wantsSupport: true,
      wellbeing: 2,
      researcher: { id: other.id },
    });
    expect(area.debriefs.map((d) => d.id)).not.toContain(southern);
    expect(
      await problemCode(t.request("/api/debriefs?areaId=south", { cookie: coordinator.cookie }), 403),
    ).toBe("forbidden_area");
    expect(await problemCode(t.request("/api/debriefs", { cookie: expert.cookie }), 403)).toBe(
      "forbidden_role",
    );
  });
});
