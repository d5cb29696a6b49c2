import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SuppressionSettingResponse } from "../../../shared/contract/settings.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import {
  CO_PRODUCE,
  cohort,
  indicator,
  map,
  numbersIn,
  page,
  publishOutcomesSurvey,
  upload,
} from "./helpers.ts";

let t: TestContext;
let researcher: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t);
  researcher = await t.signIn("admin");
  await upload(t, researcher, [
    ...cohort("north", 0, [1, 2, 3, 4, 5, 5]),
    ...cohort("south", 0, [4, 4, 4, 5, 5, 5, 5]),
  ]);
});
afterEach(async () => {
  await t.close();
});

describe("who sees the outcome dashboards", () => {
  it("shows an evaluator scoped to one area only that area, in every figure", async () => {
    const south = await t.signIn("evaluator", "south");
    const body = await page(t, south, CO_PRODUCE);
    expect(body.options.areas.map((a) => a.id)).toEqual(["south"]);
    const say = indicator(body, "say");
    expect(say.summary).toMatchObject({ suppressed: false, n: 7 });
    expect(say.byArea.rows.map((r) => r.key)).toEqual(["south"]);
    const headline = (await map(t, south)).outcomes.find((o) => o.outcomeId === CO_PRODUCE)?.indicators[0];
    expect(headline?.latest?.figure).toMatchObject({ n: 7 });
  });

  it("refuses a scoped user another area's figures", async () => {
    for (const role of ["evaluator"] as const) {
      const cookie = await t.signIn(role, "south");
      const res = await t.request(`/api/outcomes/${CO_PRODUCE}?area=north`, { cookie });
      expect(res.status).toBe(403);
      const problem = await res.json();
      expect(problem).toMatchObject({ code: "forbidden_area" });
      expect(numbersIn(problem)).toEqual([403]);
    }
  });

  it("lets trusted analysts (admins and evaluators) in, and no one else", async () => {
    for (const role of ["admin", "evaluator"] as const) {
      const cookie = await t.signIn(role, null);
      expect((await t.request("/api/outcomes/map", { cookie })).status).toBe(200);
    }
    for (const role of ["coordinator", "peer_researcher", "expert"] as const) {
      const cookie = await t.signIn(role, "north");
      for (const path of ["/api/outcomes/map", `/api/outcomes/${CO_PRODUCE}`]) {
        const res = await t.request(path, { cookie });
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ code: "live_figures_for_analysts_only" });
      }
    }
    for (const path of ["/api/outcomes/map", `/api/outcomes/${CO_PRODUCE}`, "/api/settings/suppression"]) {
      expect((await t.request(path)).status).toBe(401);
    }
  });
});

describe("reads of live figures on record", () => {
  const reads = () =>
    t.db
      .selectFrom("audit_log")
      .select(["actor_id", "action", "target", "detail"])
      .where("action", "like", "outcome.%")
      .orderBy("action")
      .execute();

  it("records who read which outcome, with the filters and the view", async () => {
    const south = await t.signIn("evaluator", "south");
    const me = await t.request("/api/auth/me", { cookie: south });
    const { id } = (await me.json()) as { id: string };
    await page(t, south, CO_PRODUCE, "?wave=0&view=released");
    await map(t, south);
    // The test clock stands still, so the rows are in the order of their action.
    expect(await reads()).toEqual([
      { actor_id: id, action: "outcome.map_read", target: null, detail: JSON.stringify({ view: "exact" }) },
      {
        actor_id: id,
        action: "outcome.read",
        target: CO_PRODUCE,
        detail: JSON.stringify({ view: "released", filters: { wave: 0 } }),
      },
    ]);
  });

  it("records nothing for a read that is refused", async () => {
    const coordinator = await t.signIn("coordinator", "north");
    expect((await t.request(`/api/outcomes/${CO_PRODUCE}`, { cookie: coordinator })).status).toBe(403);
    const south = await t.signIn("evaluator", "south");
    expect((await t.request(`/api/outcomes/${CO_PRODUCE}?area=north`, { cookie: south })).status).toBe(403);
    expect((await t.request(`/api/outcomes/${CO_PRODUCE}?mode=shouted`, { cookie: south })).status).toBe(400);
    expect(await reads()).toEqual([]);
  });
});

describe("the outcome page's query", () => {
  const bad: [string, string][] = [
    ["?wave=abc", "wave"],
    ["?wave=-1", "wave"],
    ["?wave=1000", "wave"],
    ["?wave=1.5", "wave"],
    ["?from=2026-13", "from"],
    ["?from=2026-1", "from"],
    ["?from=2026-05&to=2026-03", "to"],
    ["?mode=shouted", "mode"],
    ["?version=outcomes-check", "version"],
    ["?version=outcomes-check@0", "version"],
    ["?area=North%20Town", "area"],
    ["?area=north';DROP%20TABLE%20responses;--", "area"],
    ["?changeFrom=2&changeTo=1", "changeTo"],
    ["?changeFrom=1&changeTo=1", "changeTo"],
    ["?colour=blue", ""],
    [`?area=${"a".repeat(65)}`, "area"],
  ];
  it.each(bad)("refuses %s with a problem naming the parameter", async (query, field) => {
    const cookie = await t.signIn("evaluator");
    const res = await t.request(`/api/outcomes/${CO_PRODUCE}${query}`, { cookie });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { code: string; issues: { path: string[] }[] };
    expect(problem.code).toBe("invalid_query");
    if (field) expect(problem.issues.map((i) => i.path[0])).toContain(field);
  });

  it("answers 404 for an unknown area, and for an outcome id that is not one", async () => {
    const cookie = await t.signIn("evaluator");
    expect(
      await (await t.request(`/api/outcomes/${CO_PRODUCE}?area=nowhere`, { cookie })).json(),
    ).toMatchObject({
      code: "area_not_found",
    });
    for (const id of ["OUTCOME", "outcome--x", "..%2F..%2Fetc", "x".repeat(200)]) {
      const res = await t.request(`/api/outcomes/${id}`, { cookie });
      expect(res.status, id).toBe(404);
    }
    // A NUL byte is refused before any route sees it.
    expect((await t.request("/api/outcomes/%00", { cookie })).status).toBe(400);
  });

  it("takes the first of a repeated parameter", async () => {
    const cookie = await t.signIn("evaluator");
    const body = await page(t, cookie, CO_PRODUCE, "?area=south&area=north");
    expect(body.filters.area).toBe("south");
  });
});

describe("the suppression threshold setting", () => {
  it("starts at 5, and an administrator can read and change it, which is audited", async () => {
    const admin = await t.signIn("admin");
    const first = (await (
      await t.request("/api/settings/suppression", { cookie: admin })
    ).json()) as SuppressionSettingResponse;
    expect(first).toEqual({ k: 5, updatedAt: null });
    const res = await t.request("/api/settings/suppression", {
      method: "PUT",
      cookie: admin,
      json: { k: 8 },
    });
    expect(res.status).toBe(200);
    expect(await (await t.request("/api/settings/suppression", { cookie: admin })).json()).toMatchObject({
      k: 8,
    });
    const entry = await t.db
      .selectFrom("audit_log")
      .select(["action", "detail"])
      .where("action", "=", "settings.suppression")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.detail)).toEqual({ from: 5, to: 8 });
  });

  it("is for administrators only", async () => {
    for (const role of ["evaluator", "coordinator", "peer_researcher", "expert"] as const) {
      const cookie = await t.signIn(role, role === "evaluator" ? null : "north");
      expect((await t.request("/api/settings/suppression", { cookie })).status).toBe(403);
      const put = await t.request("/api/settings/suppression", { method: "PUT", cookie, json: { k: 3 } });
      expect(put.status).toBe(403);
    }
  });

  it("refuses a threshold below 3, a fraction, extra fields, a wrong type and a body that is not JSON", async () => {
    const admin = await t.signIn("admin");
    for (const json of [
      { k: 2 },
      { k: 0 },
      { k: 5.5 },
      { k: 101 },
      { k: "5" },
      { k: 5, extra: true },
      {},
      [],
    ]) {
      const res = await t.request("/api/settings/suppression", { method: "PUT", cookie: admin, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid_body" });
    }
    const notJson = await t.request("/api/settings/suppression", {
      method: "PUT",
      cookie: admin,
      headers: { "content-type": "application/json" },
      body: "{k:",
    });
    expect(notJson.status).toBe(400);
    const big = await t.request("/api/settings/suppression", {
      method: "PUT",
      cookie: admin,
      json: { k: 5, pad: "x".repeat(100_000) },
    });
    expect(big.status).toBe(413);
    const crossSite = await t.request("/api/settings/suppression", {
      method: "PUT",
      cookie: admin,
      json: { k: 5 },
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
  });
});
