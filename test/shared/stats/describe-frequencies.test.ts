import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeFrequencies } from "../../../shared/stats/describe-frequencies.ts";
import { describeValues } from "../../../shared/stats/describe-values.ts";

const expand = (rows: { value: number; count: number }[]) =>
  rows.flatMap((r) => new Array(r.count).fill(r.value));

describe("describeFrequencies", () => {
  it("gives the figures describeValues gives for the same data written out", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            value: fc.oneof(
              fc.integer({ min: -5, max: 92 }),
              fc.double({ min: -100, max: 100, noNaN: true }),
            ),
            count: fc.integer({ min: 0, max: 40 }),
          }),
          { maxLength: 12 },
        ),
        (rows) => {
          const fromCounts = describeFrequencies(rows);
          const fromValues = describeValues(expand(rows));
          expect(fromCounts.ok).toBe(fromValues.ok);
          if (!fromCounts.ok || !fromValues.ok) return;
          expect(fromCounts.n).toBe(fromValues.n);
          for (const key of ["mean", "median", "min", "max"] as const) {
            expect(fromCounts[key]).toBeCloseTo(fromValues[key], 9);
          }
          if (fromValues.sd === null) expect(fromCounts.sd).toBeNull();
          else expect(fromCounts.sd).toBeCloseTo(fromValues.sd, 9);
          expect(fromCounts.ci.ok).toBe(fromValues.ci.ok);
          if (fromCounts.ci.ok && fromValues.ci.ok) {
            expect(fromCounts.ci.lower).toBeCloseTo(fromValues.ci.lower, 9);
            expect(fromCounts.ci.upper).toBeCloseTo(fromValues.ci.upper, 9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("takes the median between the two middle values of an even count, as R does", () => {
    const result = describeFrequencies([
      { value: 2, count: 2 },
      { value: 5, count: 2 },
    ]);
    expect(result).toMatchObject({ ok: true, n: 4, median: 3.5, mean: 3.5 });
  });

  it("says there is not enough data for an empty table, and no variation when every value is equal", () => {
    expect(describeFrequencies([{ value: 3, count: 0 }])).toEqual({
      ok: false,
      reason: "not_enough_data",
      n: 0,
      missing: 0,
    });
    const constant = describeFrequencies([{ value: 4, count: 9 }]);
    expect(constant).toMatchObject({ ok: true, sd: 0, ci: { ok: false, reason: "no_variation" } });
  });

  it("refuses counts that are not whole numbers and values that are not finite", () => {
    expect(() => describeFrequencies([{ value: 1, count: 1.5 }])).toThrow(RangeError);
    expect(() => describeFrequencies([{ value: Number.POSITIVE_INFINITY, count: 1 }])).toThrow(RangeError);
  });
});
