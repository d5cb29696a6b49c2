import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DistributionBar, IndicatorDetail, SummaryValues } from "../../../shared/contract/outcomes.ts";
import { expectedByChance } from "../../../shared/stats/change-verdict.ts";
import { describeValues } from "../../../shared/stats/describe-values.ts";
import { mcnemar } from "../../../shared/stats/mcnemar.ts";
import { pairedChange } from "../../../shared/stats/paired-change.ts";
import { wilcoxonSignedRank } from "../../../shared/stats/wilcoxon-signed-rank.ts";
import { wilsonInterval } from "../../../shared/stats/wilson-interval.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import {
  BETTER_OUTCOMES,
  CO_PRODUCE,
  cohort,
  indicator,
  interview,
  map,
  newCode,
  page,
  publishOutcomesSurvey,
  releasedPage,
  SURVEY as SURVEY_ID,
  upload,
} from "./helpers.ts";

let t: TestContext;
let researcher: string;
let evaluator: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t);
  researcher = await t.signIn("admin");
  evaluator = await t.signIn("evaluator");
});
afterEach(async () => {
  await t.close();
});

const shown = <T extends { suppressed: boolean }>(figure: T): Extract<T, { suppressed: false }> => {
  if (figure.suppressed) throw new Error(`expected a published figure, got ${JSON.stringify(figure)}`);
  return figure as Extract<T, { suppressed: false }>;
};

function valuesOf(summary: IndicatorDetail["summary"]): SummaryValues {
  const values = shown(summary).values;
  if (!values) throw new Error("expected the summary's values");
  return values;
}

function barsOf(detail: IndicatorDetail): DistributionBar[] {
  if (!detail.distribution?.shown)
    throw new Error(`expected a distribution, got ${JSON.stringify(detail.distribution)}`);
  return detail.distribution.bars;
}

function testsOf(detail: IndicatorDetail) {
  if (!detail.change.available) throw new Error("expected change");
  const tests = shown(detail.change.figure).tests;
  if (!tests) throw new Error("expected tests");
  return tests;
}

describe("an indicator's figures", () => {
  it("gives n, mean, median, SD and the 95% t interval exactly as describeValues does on the answers", async () => {
    const north = [1, 2, 3, 4, 5, 5, 4, 3];
    const south = [2, 2, 3, 3, 4, 4];
    await upload(t, researcher, [...cohort("north", 0, north), ...cohort("south", 0, south)]);
    const say = indicator(await page(t, evaluator, CO_PRODUCE), "say");
    const expected = describeValues([...north, ...south]);
    if (!expected.ok || !expected.ci.ok) throw new Error("fixture");
    expect(shown(say.summary).n).toBe(14);
    const summary = valuesOf(say.summary);
    expect(summary.mean).toBeCloseTo(expected.mean, 10);
    expect(summary.median).toBeCloseTo(expected.median, 10);
    expect(summary.sd).toBeCloseTo(expected.sd ?? Number.NaN, 10);
    expect(summary.ci).toEqual({
      ok: true,
      lower: expect.closeTo(expected.ci.lower, 10),
      upper: expect.closeTo(expected.ci.upper, 10),
    });
    expect(say).toMatchObject({ kind: "scale", direction: "higherIsBetter", surveyId: "outcomes-check" });
  });

  it("shows a yes/no indicator as the share answering yes, with Wilson's interval", async () => {
    const answers = [...Array(6).fill(true), ...Array(5).fill(false)];
    await upload(
      t,
      researcher,
      answers.map((helped) => interview({}, { helped })),
    );
    const helped = indicator(await page(t, evaluator, CO_PRODUCE), "helped");
    const w = wilsonInterval(6, 11);
    if (!w.ok) throw new Error("fixture");
    expect(valuesOf(helped.summary).proportion).toEqual({
      value: 6 / 11,
      lower: expect.closeTo(w.lower, 12),
      upper: expect.closeTo(w.upper, 12),
    });
    expect(barsOf(helped).map((bar) => [bar.label, bar.n])).toEqual([
      ["Yes", 6],
      ["No", 5],
    ]);
  });

  it("hides a yes/no share when fewer than k gave one of the answers, since the share would give them away", async () => {
    const answers = [...Array(8).fill(true), false, false];
    await upload(
      t,
      researcher,
      answers.map((helped) => interview({}, { helped })),
    );
    const helped = indicator(await releasedPage(t, evaluator, CO_PRODUCE), "helped");
    expect(helped.summary).toEqual({ suppressed: false, n: 10, values: null });
    expect(helped.distribution).toEqual({ shown: false, suppressed: true, reason: "below_threshold" });
  });

  it("gives each choice its share with a Wilson interval, and counts prefer-not-to-say as declined, not an answer", async () => {
    const housing = [
      ...Array(6).fill("own"),
      ...Array(5).fill("hostel"),
      ...Array(5).fill("street"),
      ...Array(5).fill("prefer_not_to_say"),
    ];
    await upload(
      t,
      researcher,
      housing.map((h) => interview({}, { housing: h })),
    );
    const detail = indicator(await page(t, evaluator, BETTER_OUTCOMES), "housing");
    expect(shown(detail.summary).n).toBe(16);
    expect(valuesOf(detail.summary).mean).toBeCloseTo((6 * 3 + 5 * 2 + 5 * 1) / 16, 12);
    const own = barsOf(detail).find((bar) => bar.key === "own");
    const w = wilsonInterval(6, 16);
    if (!w.ok) throw new Error("fixture");
    expect(own).toMatchObject({
      label: "My own place",
      n: 6,
      proportion: 6 / 16,
      lower: expect.closeTo(w.lower, 12),
    });
    expect(detail.completeness).toEqual({
      answered: 16,
      notAnswered: { shown: true, skipped: 0, declined: 5 },
    });
  });

  it("keeps the mean of a count exact and shows its distribution in bins", async () => {
    const nights = [0, 1, 4, 7, 15].flatMap((n) => Array(5).fill(n));
    await upload(
      t,
      researcher,
      nights.map((n) => interview({}, { nights: n })),
    );
    const detail = indicator(await page(t, evaluator, BETTER_OUTCOMES), "nights");
    expect(detail).toMatchObject({ kind: "number", direction: "lowerIsBetter" });
    expect(valuesOf(detail.summary)).toMatchObject({ mean: 5.4, median: 4 });
    expect(barsOf(detail).map((bar) => [bar.label, bar.n])).toEqual([
      ["0", 5],
      ["1–2", 5],
      ["3–5", 5],
      ["6–10", 5],
      ["11–20", 5],
      ["21–50", 0],
      ["51 or more", 0],
    ]);
  });

  it("gives a count's median inside a filter from the exact values of the area-waves wholly inside it", async () => {
    // North's interviews are all read aloud (inside the filter), south's all self-completed (outside):
    // the filtered page takes north's exact values as they are, south's none.
    const nights = [0, 1, 4, 7, 15].flatMap((n) => Array(5).fill(n));
    await upload(t, researcher, [
      ...nights.map((n) => interview({ area: "north", mode: "read_aloud" }, { nights: n })),
      ...[40, 40, 40, 40, 40].map((n) => interview({ area: "south", mode: "self_completed" }, { nights: n })),
    ]);
    const everyone = indicator(await page(t, evaluator, BETTER_OUTCOMES), "nights");
    expect(valuesOf(everyone.summary)).toMatchObject({ mean: 335 / 30, median: 5.5 });
    const readAloud = indicator(await page(t, evaluator, BETTER_OUTCOMES, "?mode=read_aloud"), "nights");
    expect(valuesOf(readAloud.summary)).toMatchObject({ mean: 5.4, median: 4 });
  });

  it("keeps the mean of a count but hides its distribution when a bin holds fewer than k", async () => {
    await upload(
      t,
      researcher,
      [0, 0, 1, 2, 3, 7, 12, 30, 0, 4].map((n) => interview({}, { nights: n })),
    );
    const detail = indicator(await releasedPage(t, evaluator, BETTER_OUTCOMES), "nights");
    expect(valuesOf(detail.summary)).toMatchObject({ mean: 5.9, median: 2.5 });
    expect(detail.distribution).toMatchObject({ shown: false });
  });

  it("breaks an indicator down by area and by wave, each row with its own n, mean and interval", async () => {
    await upload(t, researcher, [
      ...cohort("north", 0, [1, 2, 3, 4, 5]),
      ...cohort("south", 0, [5, 5, 4, 4, 5]),
      ...cohort("north", 1, [2, 3, 4, 4, 5, 5]),
      ...cohort("south", 1, [3, 3, 3, 4, 4]),
    ]);
    const say = indicator(await page(t, evaluator, CO_PRODUCE), "say");
    expect(say.byArea.rows.map((r) => [r.key, shown(r).n, shown(r).values?.mean])).toEqual([
      ["north", 11, expect.closeTo(38 / 11, 12)],
      ["south", 10, expect.closeTo(40 / 10, 12)],
    ]);
    expect(say.byWave.rows.map((r) => [r.key, shown(r).n])).toEqual([
      ["0", 10],
      ["1", 11],
    ]);
    // With the wave filter the area breakdown is that wave's column; with the area filter, the wave
    // breakdown is that area's row.
    const wave1 = indicator(await page(t, evaluator, CO_PRODUCE, "?wave=1"), "say");
    expect(shown(wave1.summary).n).toBe(11);
    expect(wave1.byArea.rows.map((r) => shown(r).n)).toEqual([6, 5]);
    const south = indicator(await page(t, evaluator, CO_PRODUCE, "?area=south"), "say");
    expect(south.byWave.rows.map((r) => shown(r).n)).toEqual([5, 5]);
    expect(valuesOf(south.summary).mean).toBeCloseTo(40 / 10, 12);
  });

  it("says an indicator nobody has answered has no answers, with no other number", async () => {
    await upload(t, researcher, cohort("north", 0, [1, 2, 3, 4, 5]));
    const detail = indicator(await page(t, evaluator, BETTER_OUTCOMES), "nights");
    expect(detail.summary).toEqual({ suppressed: false, n: 0, values: null });
    expect(detail.distribution).toBeNull();
  });
});

describe("change between waves for the same participants", () => {
  const baseline = [1, 2, 2, 3, 3, 4, 2, 1, 3, 2];
  const followUp = [3, 2, 4, 4, 3, 5, 4, 2, 5, 3];

  async function seedPanel(extra: { area?: string } = {}) {
    const codes = baseline.map(() => newCode());
    await upload(t, researcher, [
      ...codes.map((code, i) => interview({ code, wave: 0, ...extra }, { say: baseline[i] })),
      ...codes.map((code, i) => interview({ code, wave: 1, ...extra }, { say: followUp[i] })),
      // Two people seen only at the baseline: lost to follow-up.
      interview({ wave: 0, ...extra }, { say: 3 }),
      interview({ wave: 0, ...extra }, { say: 4 }),
    ]);
  }

  it("gives the paired mean change with its 95% interval, the t-test, Cohen's dz and Wilcoxon for a scale", async () => {
    await seedPanel();
    const say = indicator(await page(t, evaluator, CO_PRODUCE), "say");
    if (!say.change.available) throw new Error("expected change");
    expect(say.change).toMatchObject({ fromWave: 0, toWave: 1 });
    const figure = shown(say.change.figure);
    const expected = pairedChange(baseline, followUp);
    const w = wilcoxonSignedRank(baseline, followUp);
    if (!expected.ok || !w.ok) throw new Error("fixture");
    expect(figure.n).toBe(10);
    expect(figure.lost).toEqual({ suppressed: false, n: 2 });
    expect(figure.before.mean).toBeCloseTo(expected.before.mean, 12);
    expect(figure.after.sd).toBeCloseTo(expected.after.sd, 10);
    const tests = testsOf(say);
    expect(tests.tTest).toEqual({
      ok: true,
      difference: {
        mean: expect.closeTo(expected.difference.mean, 12),
        lower: expect.closeTo(expected.difference.lower, 10),
        upper: expect.closeTo(expected.difference.upper, 10),
      },
      t: expect.closeTo(expected.t, 10),
      df: 9,
      p: expect.closeTo(expected.p, 10),
      dz: expect.closeTo(expected.dz, 10),
    });
    expect(tests.wilcoxon).toEqual({
      ok: true,
      v: w.v,
      z: expect.closeTo(w.z, 12),
      method: w.method,
      p: expect.closeTo(w.p, 12),
    });
    expect(tests.mcnemar).toBeUndefined();
  });

  it("uses McNemar's test for a yes/no indicator, when at least k changed each way", async () => {
    // 5 went from yes to no, 8 from no to yes, 7 stayed.
    const before = [...Array(5).fill(true), ...Array(8).fill(false), ...Array(7).fill(true)];
    const after = [...Array(5).fill(false), ...Array(8).fill(true), ...Array(7).fill(true)];
    const codes = before.map(() => newCode());
    await upload(t, researcher, [
      ...codes.map((code, i) => interview({ code, wave: 0 }, { helped: before[i] })),
      ...codes.map((code, i) => interview({ code, wave: 1 }, { helped: after[i] })),
    ]);
    const helped = indicator(await page(t, evaluator, CO_PRODUCE), "helped");
    const expected = mcnemar(before, after);
    if (!expected.ok) throw new Error("fixture");
    expect(testsOf(helped).mcnemar).toEqual({
      ok: true,
      b: 5,
      c: 8,
      chiSquare: expect.closeTo(expected.chiSquare, 12),
      p: expect.closeTo(expected.p, 12),
    });
    expect(testsOf(helped).wilcoxon).toBeUndefined();
  });

  it("hides the tests of a yes/no change when fewer than k changed one way, which they would reveal", async () => {
    const before = [...Array(2).fill(true), ...Array(8).fill(false), ...Array(7).fill(true)];
    const after = [...Array(2).fill(false), ...Array(8).fill(true), ...Array(7).fill(true)];
    const codes = before.map(() => newCode());
    await upload(t, researcher, [
      ...codes.map((code, i) => interview({ code, wave: 0 }, { helped: before[i] })),
      ...codes.map((code, i) => interview({ code, wave: 1 }, { helped: after[i] })),
    ]);
    const helped = indicator(await releasedPage(t, evaluator, CO_PRODUCE), "helped");
    if (!helped.change.available) throw new Error("expected change");
    expect(shown(helped.change.figure)).toMatchObject({ n: 17, tests: null });
  });

  it("compares the waves asked for, and says so when there is only one wave", async () => {
    await upload(t, researcher, cohort("north", 0, [1, 2, 3, 4, 5]));
    expect(indicator(await page(t, evaluator, CO_PRODUCE), "say").change).toEqual({
      available: false,
      reason: "one_wave",
    });
    await seedPanel();
    const asked = indicator(await page(t, evaluator, CO_PRODUCE, "?changeFrom=0&changeTo=1"), "say");
    expect(asked.change).toMatchObject({ available: true, fromWave: 0, toWave: 1 });
  });

  it("counts attrition from the baseline interviews, per survey and wave", async () => {
    await seedPanel();
    const body = await page(t, evaluator, CO_PRODUCE);
    expect(body.attrition).toEqual([
      {
        surveyId: "outcomes-check",
        surveyTitle: "Outcomes check",
        wave: 0,
        participants: 12,
        retained: 12,
        baseline: 12,
      },
      {
        surveyId: "outcomes-check",
        surveyTitle: "Outcomes check",
        wave: 1,
        participants: 10,
        retained: 10,
        baseline: 12,
      },
    ]);
  });
});

describe("which responses count", () => {
  it("counts received and approved responses only, and says so", async () => {
    await upload(t, researcher, cohort("north", 0, [1, 2, 3, 4, 5, 5]));
    // Out of the scale: stored, flagged for review, and not counted until a reviewer decides.
    await upload(t, researcher, [interview({}, { say: 9 })]);
    const body = await page(t, evaluator, CO_PRODUCE);
    expect(body.countedStatuses).toEqual(["received", "approved"]);
    expect(body.notCounted).toEqual({ needsReview: 1, rejected: 0 });
    expect(shown(indicator(body, "say").summary).n).toBe(6);
  });

  it("follows review decisions made after ingest: approved counts, rejected stops counting", async () => {
    const items = cohort("north", 0, [1, 2, 3, 4, 5, 5]);
    await upload(t, researcher, items);
    const first = items[0]?.id ?? "";
    await t.db.updateTable("responses").set({ review_status: "rejected" }).where("id", "=", first).execute();
    let body = await page(t, evaluator, CO_PRODUCE);
    expect(shown(indicator(body, "say").summary).n).toBe(5);
    expect(body.notCounted.rejected).toBe(1);
    await t.db.updateTable("responses").set({ review_status: "approved" }).where("id", "=", first).execute();
    body = await page(t, evaluator, CO_PRODUCE);
    expect(shown(indicator(body, "say").summary).n).toBe(6);
  });

  it("reads a response's answers again when they change after ingest (an adopted revision)", async () => {
    const items = cohort("north", 0, [1, 1, 1, 1, 1]);
    await upload(t, researcher, items);
    const first = items[0]?.id ?? "";
    await t.db
      .updateTable("responses")
      .set({ data: JSON.stringify({ consent: true, say: 5 }) })
      .where("id", "=", first)
      .execute();
    expect(valuesOf(indicator(await page(t, evaluator, CO_PRODUCE), "say").summary).mean).toBeCloseTo(
      9 / 5,
      12,
    );
  });

  it("forgets a participant whose responses are deleted on withdrawal, in every figure", async () => {
    const code = newCode();
    const mine = [interview({ code, wave: 0 }, { say: 1 }), interview({ code, wave: 1 }, { say: 5 })];
    const others = [...cohort("north", 0, [3, 3, 3, 3, 3]), ...cohort("north", 1, [3, 3, 3, 3, 3])];
    await upload(t, researcher, [...mine, ...others]);
    expect(shown(indicator(await page(t, evaluator, CO_PRODUCE), "say").summary).n).toBe(12);
    await t.db
      .deleteFrom("response_revisions")
      .where(
        "response_id",
        "in",
        mine.map((m) => m.id),
      )
      .execute();
    await t.db.deleteFrom("responses").where("participant_code", "=", code).execute();
    const say = indicator(await page(t, evaluator, CO_PRODUCE), "say");
    expect(shown(say.summary)).toMatchObject({ n: 10, values: { mean: 3 } });
    for (const table of ["indicator_values", "indicator_pairs"] as const) {
      const left = await t.db
        .selectFrom(table)
        .select("response_id")
        .where(
          "response_id",
          "in",
          mine.map((m) => m.id),
        )
        .execute();
      expect(left).toEqual([]);
    }
  });

  it("stores nothing new for a resent interview", async () => {
    const items = cohort("north", 0, [1, 2, 3, 4, 5]);
    await upload(t, researcher, items);
    const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items } });
    expect(res.status).toBe(200);
    expect(shown(indicator(await page(t, evaluator, CO_PRODUCE), "say").summary).n).toBe(5);
  });
});

describe("filters", () => {
  it("narrows every figure to a survey version, an administration mode or a range of months", async () => {
    await upload(t, researcher, [
      ...cohort("north", 0, [1, 1, 1, 1, 1]).map((i) => ({
        ...i,
        administrationMode: "self_completed" as const,
      })),
      ...cohort("north", 0, [5, 5, 5, 5, 5]),
      // Started before it ended: an interview that ends before it starts is flagged for review (decision 0025).
      ...cohort("south", 0, [3, 3, 3, 3, 3]).map((i) => ({
        ...i,
        startedAt: "2026-09-10T09:40:00.000Z",
        completedAt: "2026-09-10T10:00:00.000Z",
      })),
      ...cohort("south", 0, [4, 4, 4, 4, 4]),
    ]);
    const self = await page(t, evaluator, CO_PRODUCE, "?mode=self_completed");
    expect(self.slice).toEqual({ active: true, leftOut: 0 });
    expect(shown(indicator(self, "say").summary)).toMatchObject({ n: 5, values: { mean: 1 } });
    const september = await page(t, evaluator, CO_PRODUCE, "?from=2026-09&to=2026-09");
    expect(shown(indicator(september, "say").summary)).toMatchObject({ n: 5, values: { mean: 3 } });
    const version = await page(t, evaluator, CO_PRODUCE, "?version=outcomes-check@1");
    expect(shown(indicator(version, "say").summary).n).toBe(20);
    const none = await page(t, evaluator, CO_PRODUCE, "?version=outcomes-check@2");
    expect(indicator(none, "say").summary).toEqual({ suppressed: false, n: 0, values: null });
    expect(self.options.versions).toEqual([{ id: "outcomes-check@1", label: "Outcomes check, version 1" }]);
  });

  it("gives change and attrition inside a mode filter from pairs with both interviews inside it", async () => {
    // Ten participants self-completed both interviews; six were read to at the baseline and
    // self-completed the follow-up (a mixed pair, outside either mode); two were seen once. Every
    // answer is given by none or at least k people in each area-wave, so nothing is left out.
    const before = [2, 2, 2, 2, 2, 3, 3, 3, 3, 3];
    const after = [3, 3, 3, 4, 4, 3, 3, 4, 4, 4];
    const self = { mode: "self_completed" as const };
    const inside = before.map(() => newCode());
    const mixed = Array.from({ length: 6 }, () => newCode());
    await upload(t, researcher, [
      ...inside.map((code, i) => interview({ code, wave: 0, ...self }, { say: before[i] })),
      ...inside.map((code, i) => interview({ code, wave: 1, ...self }, { say: after[i] })),
      ...mixed.map((code) => interview({ code, wave: 0 }, { say: 5 })),
      ...mixed.map((code) => interview({ code, wave: 1, ...self }, { say: 1 })),
      interview({ wave: 0, ...self }, { say: 3 }),
      interview({ wave: 0, ...self }, { say: 3 }),
    ]);
    const body = await page(t, evaluator, CO_PRODUCE, "?mode=self_completed");
    expect(body.slice).toEqual({ active: true, leftOut: 0 });
    const say = indicator(body, "say");
    if (!say.change.available) throw new Error("expected change");
    const figure = shown(say.change.figure);
    const expected = pairedChange(before, after);
    if (!expected.ok) throw new Error("fixture");
    expect(figure.n).toBe(10);
    // Self-completed at the baseline: the ten, and the two seen once.
    expect(figure.lost).toEqual({ suppressed: false, n: 2 });
    expect(figure.before.mean).toBeCloseTo(expected.before.mean, 12);
    expect(testsOf(say).tTest).toMatchObject({ ok: true, t: expect.closeTo(expected.t, 10), df: 9 });
    expect(body.attrition).toEqual([
      {
        surveyId: SURVEY_ID,
        surveyTitle: "Outcomes check",
        wave: 0,
        participants: 12,
        retained: 12,
        baseline: 12,
      },
      {
        surveyId: SURVEY_ID,
        surveyTitle: "Outcomes check",
        wave: 1,
        participants: 16,
        retained: 10,
        baseline: 12,
      },
    ]);
    // Unfiltered, the mixed pairs count too.
    const all = indicator(await page(t, evaluator, CO_PRODUCE), "say");
    if (!all.change.available) throw new Error("expected change");
    expect(shown(all.change.figure).n).toBe(16);
  });

  it("gives change inside a range of months only for pairs whose both interviews fall in it", async () => {
    const codes = Array.from({ length: 8 }, () => newCode());
    const late = Array.from({ length: 6 }, () => newCode());
    await upload(t, researcher, [
      ...codes.map((code) =>
        interview({ code, wave: 0, completedAt: "2026-03-05T10:00:00.000Z" }, { say: 2 }),
      ),
      ...codes.map((code) =>
        interview({ code, wave: 1, completedAt: "2026-06-05T10:00:00.000Z" }, { say: 4 }),
      ),
      ...late.map((code) =>
        interview({ code, wave: 0, completedAt: "2026-06-20T10:00:00.000Z" }, { say: 3 }),
      ),
      ...late.map((code) =>
        interview({ code, wave: 1, completedAt: "2026-09-20T10:00:00.000Z" }, { say: 3 }),
      ),
    ]);
    const spring = indicator(await page(t, evaluator, CO_PRODUCE, "?from=2026-03&to=2026-06"), "say");
    if (!spring.change.available) throw new Error("expected change");
    expect(shown(spring.change.figure)).toMatchObject({ n: 8, before: { mean: 2 }, after: { mean: 4 } });
    const summer = indicator(await page(t, evaluator, CO_PRODUCE, "?from=2026-06&to=2026-09"), "say");
    if (!summer.change.available) throw new Error("expected change");
    expect(shown(summer.change.figure)).toMatchObject({ n: 6, before: { mean: 3 }, after: { mean: 3 } });
  });
});

describe("the outcome itself", () => {
  it("names the outcome and its strand from the theory of change", async () => {
    const body = await page(t, evaluator, CO_PRODUCE);
    expect(body.outcome).toMatchObject({ id: CO_PRODUCE, inTheoryOfChange: true, strand: { id: "areas" } });
    expect(body.indicators.map((i) => i.question)).toEqual(["say", "helped"]);
  });

  it("breaks the map down by strand: outcomes measured, indicators, and which way they moved", async () => {
    const codes = Array.from({ length: 6 }, () => newCode());
    await upload(t, researcher, [
      ...codes.map((code) => interview({ code, wave: 0 }, { say: 2 })),
      ...codes.map((code) => interview({ code, wave: 1 }, { say: 4 })),
    ]);
    const body = await map(t, evaluator);
    const toc = body.theoryOfChange;
    expect(body.strands.map((s) => s.id)).toEqual(toc.strands.map((s) => s.id));
    for (const strand of body.strands) {
      const mine = body.outcomes.filter(
        (o) => toc.nodes.find((n) => n.id === o.outcomeId)?.strand === strand.id,
      );
      const indicators = mine.flatMap((o) => o.indicators);
      expect(strand).toEqual({
        id: strand.id,
        name: toc.strands.find((s) => s.id === strand.id)?.name,
        outcomes: mine.length,
        measured: mine.filter((o) => o.indicators.length > 0).length,
        indicators: indicators.length,
        better: indicators.filter((i) => i.change === "better").length,
        worse: indicators.filter((i) => i.change === "worse").length,
        noClearChange: indicators.filter((i) => i.change === "no_clear_change").length,
        notKnown: indicators.filter((i) => i.change === null || i.change === "up" || i.change === "down")
          .length,
      });
    }
    // `say` (higher is better) went from 2 to 4 in the co-production outcome's strand.
    const strand = toc.nodes.find((n) => n.id === CO_PRODUCE)?.strand;
    expect(body.strands.find((s) => s.id === strand)?.better).toBeGreaterThanOrEqual(1);
  });

  it("calls a change better only when its interval excludes zero", async () => {
    // Everyone went up by 1 or 2: the mean change is 1.5 and its 95% interval (about 0.9 to 2.1) is above zero.
    const codes = Array.from({ length: 6 }, () => newCode());
    await upload(t, researcher, [
      ...codes.map((code) => interview({ code, wave: 0 }, { say: 2 })),
      ...codes.map((code, i) => interview({ code, wave: 1 }, { say: i % 2 === 0 ? 3 : 4 })),
    ]);
    const body = await map(t, evaluator);
    const say = body.outcomes.flatMap((o) => o.indicators).find((i) => i.question === "say");
    expect(say?.change).toBe("better");
    expect(body.changeTested.tested).toBeGreaterThanOrEqual(1);
    expect(body.changeTested).toEqual({
      tested: body.changeTested.tested,
      expectedByChance: expectedByChance(body.changeTested.tested),
      levelPercent: 95,
    });
  });

  it("says no clear change when the mean went up but the interval includes zero", async () => {
    // Changes +3, −2, +2, −2, +1, −1: the mean went up (1/6) but the interval is about −2.1 to 2.4.
    const steps = [3, -2, 2, -2, 1, -1];
    const codes = steps.map(() => newCode());
    await upload(t, researcher, [
      ...codes.map((code, i) => interview({ code, wave: 0 }, { say: (steps[i] ?? 0) > 0 ? 1 : 4 })),
      ...codes.map((code, i) =>
        interview({ code, wave: 1 }, { say: ((steps[i] ?? 0) > 0 ? 1 : 4) + (steps[i] ?? 0) }),
      ),
    ]);
    const body = await map(t, evaluator);
    const say = body.outcomes.flatMap((o) => o.indicators).find((i) => i.question === "say");
    // The latest mean is above the baseline mean, which the old map called "better".
    const before = say?.baseline?.figure;
    const after = say?.latest?.figure;
    if (!before || before.suppressed || !after || after.suppressed) throw new Error("expected figures");
    expect(after.mean ?? 0).toBeGreaterThan(before.mean ?? 0);
    expect(say?.change).toBe("no_clear_change");
    const strand = body.theoryOfChange.nodes.find((n) => n.id === CO_PRODUCE)?.strand;
    expect(body.strands.find((s) => s.id === strand)?.noClearChange).toBeGreaterThanOrEqual(1);
  });

  it("opens a tag that is not in the theory of change, saying so", async () => {
    const body = await page(t, evaluator, "outcome-test");
    expect(body.outcome.inTheoryOfChange).toBe(false);
    expect(body.indicators.map((i) => i.key)).toEqual(["wellbeing-check/say_in_support"]);
  });

  it("answers 404 for an outcome that is neither in the theory of change nor in any survey", async () => {
    const res = await t.request("/api/outcomes/outcome-nowhere", { cookie: evaluator });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "outcome_not_found" });
  });
});
