import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../../shared/stats/wilson-interval.ts";
import { expectCloseToR, reference } from "./reference.ts";

describe("wilsonInterval", () => {
  describe("agrees with R's prop.test(x, n, correct = FALSE)", () => {
    for (const ref of reference.wilson) {
      it(`for ${ref.successes} of ${ref.n} at ${ref.level}`, () => {
        const result = wilsonInterval(ref.successes, ref.n, ref.level);
        if (ref.reason !== undefined) {
          expect(result).toEqual({ ok: false, reason: ref.reason });
          return;
        }
        if (!result.ok) throw new Error(`expected an interval, got ${result.reason}`);
        expectCloseToR(result.proportion, ref.estimate);
        expectCloseToR(result.lower, ref.lower);
        expectCloseToR(result.upper, ref.upper);
      });
    }
  });

  it("keeps a 0% or 100% proportion's interval inside [0, 1] with a width", () => {
    expect(wilsonInterval(0, 10)).toMatchObject({ ok: true, lower: 0 });
    expect(wilsonInterval(10, 10)).toMatchObject({ ok: true, upper: 1 });
    const none = wilsonInterval(0, 10);
    expect(none.ok && none.upper).toBeGreaterThan(0.2);
  });

  it("says there is not enough data for no answers at all (R stops)", () => {
    expect(wilsonInterval(0, 0)).toEqual({ ok: false, reason: "not_enough_data" });
  });

  it("refuses counts that cannot be counts", () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 1)).toThrow(RangeError);
  });
});
