import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { roundForRelease } from "../../../server/outcomes/page/released-view.ts";
import type { OutcomePageResponse } from "../../../shared/contract/outcomes.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import {
  CO_PRODUCE,
  cohort,
  indicator,
  interview,
  page,
  publishOutcomesSurvey,
  upload,
} from "../outcomes/helpers.ts";

/**
 * Trusted analysts read the live pages exactly, and can switch to the page as it would be released:
 * the protection at the data manager's k, counts and percentages whole, means and limits to 1 decimal.
 */

let t: TestContext;
let admin: string;
let evaluator: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t);
  admin = await t.signIn("admin");
  evaluator = await t.signIn("evaluator");
  await upload(t, admin, [
    ...cohort("north", 0, [1, 2, 3, 4, 5, 5]),
    interview({ area: "north" }, { helped: true }),
    interview({ area: "north" }, { helped: false }),
    ...cohort("south", 0, [3, 3, 4, 4, 5, 5, 2]),
  ]);
});
afterEach(async () => {
  await t.close();
});

const decimals = (n: number) => (Number.isInteger(n) ? 0 : (String(n).split(".")[1]?.length ?? 0));

describe("the live outcome page for trusted analysts", () => {
  it("shows exact figures by default, a small 'not answered' count included", async () => {
    const body = await page(t, evaluator, CO_PRODUCE);
    expect(body.view).toBe("exact");
    const say = indicator(body, "say");
    expect(say.completeness?.notAnswered).toEqual({ shown: true, skipped: 2, declined: 0 });
    if (say.summary.suppressed || !say.summary.values) throw new Error("expected the summary");
    expect(say.summary.values.mean).toBeCloseTo(46 / 13, 12);
  });

  it("shows the page as it would be released: small counts hidden, figures rounded", async () => {
    const body = await page(t, evaluator, CO_PRODUCE, "?view=released");
    expect(body.view).toBe("released");
    expect(body.k).toBe(5);
    const say = indicator(body, "say");
    expect(say.completeness?.notAnswered).toMatchObject({ shown: false, suppressed: true });
    if (say.summary.suppressed || !say.summary.values) throw new Error("expected the summary");
    expect(say.summary.values.mean).toBe(3.5);
    const ci = say.summary.values.ci;
    if (!ci.ok) throw new Error("expected an interval");
    expect(decimals(ci.lower)).toBeLessThanOrEqual(1);
    expect(decimals(ci.upper)).toBeLessThanOrEqual(1);
    const map = await t.request("/api/outcomes/map?view=released", { cookie: admin });
    expect(((await map.json()) as { view: string }).view).toBe("released");
  });

  it("answers a view it does not know, or a stray parameter on the map, with a 400", async () => {
    for (const path of [`/api/outcomes/${CO_PRODUCE}?view=public`, "/api/outcomes/map?area=north"]) {
      const res = await t.request(path, { cookie: evaluator });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid_query" });
    }
  });
});

describe("release rounding", () => {
  it("rounds means and limits to one decimal, shares to whole percentages, and leaves counts alone", () => {
    const body = {
      n: 13,
      mean: 3.538461,
      ci: { ok: true, lower: 2.71234, upper: 4.3649 },
      bars: [{ key: "1", n: 3, proportion: 0.230769, lower: 0.08182, upper: 0.50381 }],
      yesNo: { kind: "yes_no", mean: 0.66666, ci: { lower: 0.3512, upper: 0.8822 } },
      tests: { t: 2.34567, p: 0.0000123, dz: 0.4567 },
    };
    expect(roundForRelease(body)).toEqual({
      n: 13,
      mean: 3.5,
      ci: { ok: true, lower: 2.7, upper: 4.4 },
      bars: [{ key: "1", n: 3, proportion: 0.23, lower: 0.08, upper: 0.5 }],
      yesNo: { kind: "yes_no", mean: 0.67, ci: { lower: 0.35, upper: 0.88 } },
      tests: { t: 2.35, p: 0.001, dz: 0.46 },
    });
  });

  it("keeps the page's shape", () => {
    const shape = (v: unknown): unknown =>
      v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
        : typeof v;
    const sample = { a: [1.25, { b: null, c: "x" }], d: true } as unknown as OutcomePageResponse;
    expect(shape(roundForRelease(sample))).toEqual(shape(sample));
  });
});
