import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundForRelease } from "../../../server/outcomes/page/released-view.ts";
import { roundFor } from "../../../shared/disclosure/check-release.ts";
import { roundPublished } from "../../../shared/disclosure/rounding.ts";

describe("one rounding for released figures", () => {
  it("rounds counts, totals and percentages to whole numbers", () => {
    expect(roundPublished("count", 12.5)).toBe(13);
    expect(roundPublished("total", 101.49)).toBe(101);
    expect(roundPublished("percent", 33.333)).toBe(33);
    expect(roundPublished("percent", 66.5)).toBe(67);
  });

  it("rounds averages and confidence limits to one decimal", () => {
    expect(roundPublished("mean", 2.25)).toBe(2.3);
    expect(roundPublished("lower", 1.04)).toBe(1);
    expect(roundPublished("upper", 3.96)).toBe(4);
  });

  it("rounds halves away from zero, the same for losses as for gains", () => {
    expect(roundPublished("mean", -2.25)).toBe(-2.3);
    expect(roundPublished("count", -0.4)).toBe(0);
    expect(Object.is(roundPublished("count", -0.4), -0)).toBe(false);
  });

  it("is not fooled by binary representation of decimals", () => {
    expect(roundPublished("proportion", 1.005)).toBe(1.01);
    expect(roundPublished("mean", 0.15)).toBe(0.2);
    expect(roundPublished("mean", 1.45)).toBe(1.5);
  });

  it("rounds proportions to whole percentages and p-values to three decimals, never 0", () => {
    expect(roundPublished("proportion", 0.12345)).toBe(0.12);
    expect(roundPublished("p", 0.0000001)).toBe(0.001);
    expect(roundPublished("p", 0.04449)).toBe(0.044);
    expect(roundPublished("statistic", 1.23456)).toBe(1.23);
  });

  it("leaves non-finite values alone", () => {
    expect(roundPublished("mean", Number.NaN)).toBeNaN();
    expect(roundPublished("count", Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it("gives the release and the 'as it would be released' view the same numbers (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }).filter((x) => !Object.is(x, -0)),
        (x) => {
          const view = roundForRelease({ mean: x, lower: x, upper: x });
          expect(view.mean).toBe(roundFor("mean", x));
          expect(view.lower).toBe(roundFor("lower", x));
          expect(view.upper).toBe(roundFor("upper", x));
        },
      ),
    );
  });

  it("is within half a unit of the last kept decimal (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        expect(Math.abs(roundPublished("mean", x) - x)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(Math.abs(roundPublished("count", x) - x)).toBeLessThanOrEqual(0.5 + 1e-9);
        expect(Number.isInteger(roundPublished("percent", x))).toBe(true);
      }),
    );
  });
});
