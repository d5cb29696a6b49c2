import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutcomePageResponse } from "../../../shared/contract/outcomes.ts";
import type { Problem } from "../../../shared/contract/problems.ts";
import { determinedUnknowns } from "../../helpers/linear-recovery.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { CO_PRODUCE, cohort, interview, publishOutcomesSurvey, SURVEY, upload } from "../outcomes/helpers.ts";

/**
 * Issue 13's four findings, each tried as the area partnership (a coordinator) would try them. Each
 * attack reads only what a coordinator can reach; it must recover nothing, because the live pages and
 * the row-level exports are for trusted analysts only (docs/decisions/0024-who-sees-what.md).
 */

let t: TestContext;
let admin: string;
let coordinator: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t);
  admin = await t.signIn("admin");
  coordinator = await t.signIn("coordinator", "north");
});
afterEach(async () => {
  await t.close();
});

/** The outcome page as the caller gets it, or null when it is refused. */
async function pageAs(cookie: string, query = ""): Promise<OutcomePageResponse | null> {
  const res = await t.request(`/api/outcomes/${CO_PRODUCE}${query}`, { cookie });
  if (res.status === 200) return (await res.json()) as OutcomePageResponse;
  expect(res.status).toBe(403);
  const problem = (await res.json()) as Problem;
  expect(problem.code).toBe("live_figures_for_analysts_only");
  expect(JSON.stringify(problem)).not.toMatch(/\bsay\b|mean|\d\.\d/);
  return null;
}

function say(body: OutcomePageResponse) {
  const found = body.indicators.find((i) => i.question === "say");
  if (!found) throw new Error("no say indicator");
  return found;
}

describe("issue 13, tried as a coordinator", () => {
  it("1. cannot recover a hidden 'not answered' count from the attrition table", async () => {
    // North at baseline: 8 interviews, 6 answered `say`, 2 skipped it (below k = 5, so hidden).
    await upload(t, admin, [
      ...cohort("north", 0, [1, 2, 3, 4, 5, 5]),
      interview({ area: "north" }, { helped: true }),
      interview({ area: "north" }, { helped: false }),
      ...cohort("south", 0, [3, 3, 4, 4, 5, 5, 2]),
    ]);
    const body = await pageAs(coordinator);
    // The attacker: interviews at the wave (attrition) − answered = not answered.
    let recovered: number | null = null;
    if (body) {
      const completeness = say(body).completeness;
      const interviews = body.attrition.find((r) => r.surveyId === SURVEY && r.wave === 0)?.participants;
      if (completeness && !completeness.notAnswered.shown && interviews !== undefined) {
        recovered = interviews - completeness.answered;
      }
    }
    expect(recovered, "a hidden 'not answered' count recovered by subtraction").toBeNull();
    expect(body).toBeNull();
  });

  it("2. cannot difference two readings to get the one participant who arrived between them", async () => {
    await upload(t, admin, cohort("north", 0, [1, 2, 3, 4, 5, 5, 4, 3]));
    const before = await pageAs(coordinator);
    await upload(t, admin, [interview({ area: "north" }, { say: 2 })]);
    const after = await pageAs(coordinator);
    let recovered: number | null = null;
    if (before && after) {
      const a = say(before).summary;
      const b = say(after).summary;
      if (!a.suppressed && !b.suppressed && a.values && b.values && b.n === a.n + 1) {
        recovered = b.values.mean * b.n - a.values.mean * a.n;
      }
    }
    expect(recovered === null ? null : Math.round(recovered), "one participant's answer").toBeNull();
    expect(before).toBeNull();
  });

  it("3. cannot subtract the shown wave from the all-waves margin to count the people in a hidden wave", async () => {
    // Wave 0 has 10 people, wave 1 only 3 (below k): the bars for wave 1 must stay hidden.
    await upload(t, admin, [
      ...cohort("north", 0, [1, 2, 2, 3, 3, 4, 4, 5, 5, 5]),
      ...cohort("north", 1, [5, 5, 4]),
      ...cohort("south", 0, [1, 2, 3, 4, 5, 5]),
      ...cohort("south", 1, [2, 3, 4, 5, 5, 5]),
    ]);
    const views = [await pageAs(coordinator), await pageAs(coordinator, "?wave=0")];
    // Unknowns: how many people in north at wave 1 gave each answer. Equations: every published bar.
    const unknowns = [1, 2, 3, 4, 5].map((v) => `w1:${v}`);
    const equations: [string, number][][] = [];
    const known = new Map<string, number>();
    const [all, wave0] = views;
    if (all && wave0) {
      const barsOf = (b: OutcomePageResponse) => {
        const d = say(b).distribution;
        return d?.shown ? d.bars : [];
      };
      const w0 = new Map(barsOf(wave0).map((bar) => [bar.key, bar.n]));
      for (const bar of barsOf(all)) {
        const shownAtWave0 = w0.get(bar.key);
        // The coordinator's scope is north: a bar over all waves − the same bar at wave 0 = wave 1.
        if (shownAtWave0 !== undefined) known.set(`w1:${bar.key}`, bar.n - shownAtWave0);
      }
      for (const u of known.keys()) equations.push([[u, 1]]);
    }
    const determined = determinedUnknowns(unknowns, equations);
    expect(determined, "bars of the hidden wave recovered from the margins").toEqual([]);
    expect(all).toBeNull();
  });

  it("4. cannot export one row per interview, and an area's evaluator gets only that area's rows", async () => {
    await upload(t, admin, [...cohort("north", 0, [1, 2, 3, 4, 5]), ...cohort("south", 0, [4, 4, 4, 4, 4])]);
    const res = await t.request(`/api/exports/${SURVEY}/responses-wide.csv`, { cookie: coordinator });
    const text = await res.text();
    expect(text, "row-level answers in a coordinator's export").not.toMatch(/\r\n[0-9a-f-]{36},/);
    expect(res.status).toBe(403);
    const problem = JSON.parse(text) as Problem;
    expect(problem.code).toBe("exports_for_analysts_only");
    expect(problem.detail).toMatch(/release/i);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    // Nothing was exported, so nothing is audited as an export.
    const audited = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "export.download")
      .execute();
    expect(audited).toEqual([]);

    const areaEvaluator = await t.signIn("evaluator", "north");
    const own = await t.request(`/api/exports/${SURVEY}/responses-wide.csv`, { cookie: areaEvaluator });
    expect(own.status).toBe(200);
    const rows = (await own.text()).trim().split("\r\n").slice(1);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.split(",")[4] === "north")).toBe(true);
  });
});
