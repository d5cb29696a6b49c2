import { describe, expect, it } from "vitest";
import { describeValues } from "../../../shared/stats/describe-values.ts";
import { caseNamed, expectCloseToR, reference } from "./reference.ts";

describe("describeValues", () => {
  describe("agrees with R's mean, median, sd and t.test() interval", () => {
    for (const ref of reference.describe) {
      it(`for ${ref.name}`, () => {
        const result = describeValues(ref.values, { level: ref.level });
        if (ref.reason !== undefined) {
          expect(result).toEqual({ ok: false, reason: ref.reason, n: 0, missing: ref.missing });
          return;
        }
        if (!result.ok) throw new Error(`expected a description, got ${result.reason}`);
        expect(result.n).toBe(ref.n);
        expect(result.missing).toBe(ref.missing);
        expectCloseToR(result.mean, ref.mean);
        expectCloseToR(result.median, ref.median);
        expectCloseToR(result.sd, ref.sd);
        expectCloseToR(result.min, ref.min);
        expectCloseToR(result.max, ref.max);
        if (ref.ci_reason) {
          expect(result.ci).toEqual({ ok: false, reason: ref.ci_reason });
        } else {
          if (!result.ci.ok) throw new Error(`expected an interval, got ${result.ci.reason}`);
          expect(result.ci.level).toBe(ref.level);
          expectCloseToR(result.ci.lower, ref.ci_lower);
          expectCloseToR(result.ci.upper, ref.ci_upper);
        }
      });
    }
  });

  it("gives the mean of a single value but no SD or interval, where R's sd() is NA", () => {
    const result = describeValues(caseNamed(reference.describe, "one value").values);
    expect(result).toMatchObject({ ok: true, n: 1, mean: 4, median: 4, sd: null });
    expect(result.ok && result.ci).toEqual({ ok: false, reason: "not_enough_data" });
  });

  it("reports no variation instead of a zero-width interval when every value is equal", () => {
    const result = describeValues(caseNamed(reference.describe, "all equal").values);
    expect(result).toMatchObject({ ok: true, sd: 0, ci: { ok: false, reason: "no_variation" } });
  });

  it("treats rounding noise in the spread as no variation, as t.test() does", () => {
    // 0.1 + 0.2 and 0.3 differ only in the last bit, so their SD is pure rounding error.
    const result = describeValues(caseNamed(reference.describe, "equal up to rounding").values);
    expect(result.ok && result.ci).toEqual({ ok: false, reason: "no_variation" });
  });

  it("drops and counts null, undefined and NaN alike", () => {
    const withNull = describeValues([7, null, 9, 10, null, 6, 8]);
    const withOthers = describeValues([7, undefined, 9, 10, Number.NaN, 6, 8]);
    expect(withOthers).toEqual(withNull);
    expect(withNull).toMatchObject({ n: 5, missing: 2 });
  });

  it("says there is not enough data when nothing was answered", () => {
    expect(describeValues([null, undefined])).toEqual({
      ok: false,
      reason: "not_enough_data",
      n: 0,
      missing: 2,
    });
    expect(describeValues([])).toEqual({ ok: false, reason: "not_enough_data", n: 0, missing: 0 });
  });

  it("refuses an infinite value, which no survey answer can produce", () => {
    expect(() => describeValues([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it("refuses a confidence level outside (0, 1)", () => {
    expect(() => describeValues([1, 2, 3], { level: 95 })).toThrow(RangeError);
    expect(() => describeValues([1, 2, 3], { level: 0 })).toThrow(RangeError);
  });

  it("never hands NaN or Infinity to the caller", () => {
    for (const ref of reference.describe) {
      const numbers = JSON.stringify(describeValues(ref.values, { level: ref.level }), (_key, value) =>
        typeof value === "number" && !Number.isFinite(value) ? "NOT FINITE" : value,
      );
      expect(numbers).not.toContain("NOT FINITE");
    }
  });
});
