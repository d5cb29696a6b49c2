import { describe, expect, it } from "vitest";
import { pairedChange } from "../../../shared/stats/paired-change.ts";
import { caseNamed, expectCloseToR, reference } from "./reference.ts";

describe("pairedChange", () => {
  describe("agrees with R's t.test(after, before, paired = TRUE)", () => {
    for (const ref of reference.paired) {
      const expected = ref.t_test;
      it(`for ${ref.name}`, () => {
        const result = pairedChange(ref.before, ref.after);
        if (expected.reason !== undefined) {
          expect(result).toEqual({
            ok: false,
            reason: expected.reason,
            n: expected.n,
            missing: expected.missing,
          });
          return;
        }
        if (!result.ok) throw new Error(`expected a paired change, got ${result.reason}`);
        expect(result.n).toBe(expected.n);
        expect(result.missing).toBe(expected.missing);
        expectCloseToR(result.before.mean, expected.mean_before);
        expectCloseToR(result.before.sd, expected.sd_before);
        expectCloseToR(result.after.mean, expected.mean_after);
        expectCloseToR(result.after.sd, expected.sd_after);
        expectCloseToR(result.difference.mean, expected.mean_diff);
        expectCloseToR(result.difference.sd, expected.sd_diff);
        expectCloseToR(result.difference.lower, expected.ci_lower);
        expectCloseToR(result.difference.upper, expected.ci_upper);
        expectCloseToR(result.t, expected.t);
        expect(result.df).toBe(expected.df);
        expectCloseToR(result.p, expected.p);
        expectCloseToR(result.dz, expected.dz);
      });
    }
  });

  it("summarises each wave over the same participants, so the means differ by the mean change", () => {
    const result = pairedChange(...pairOf("missing on either side"));
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ n: 5, missing: 3 });
    expect(result.after.mean - result.before.mean).toBeCloseTo(result.difference.mean, 12);
  });

  it("reports a fall as a negative change with an interval below zero", () => {
    const result = pairedChange(...pairOf("worse after"));
    expect(result).toMatchObject({ ok: true, difference: { mean: -3.5 } });
    expect(result.ok && result.difference.upper).toBeLessThan(0);
  });

  it("needs two complete pairs for a t-test, as R does", () => {
    expect(pairedChange(...pairOf("one complete pair"))).toEqual({
      ok: false,
      reason: "not_enough_data",
      n: 1,
      missing: 2,
    });
    expect(pairedChange(...pairOf("no complete pairs"))).toMatchObject({ reason: "not_enough_data", n: 0 });
  });

  it("reports no variation when everyone changed by the same amount (R: data are essentially constant)", () => {
    expect(pairedChange(...pairOf("everyone up by one"))).toMatchObject({
      ok: false,
      reason: "no_variation",
    });
  });

  it("reports no variation when nobody changed (R: NaN)", () => {
    expect(pairedChange(...pairOf("no change at all"))).toMatchObject({ ok: false, reason: "no_variation" });
  });

  it("uses the requested confidence level for the change", () => {
    const [before, after] = pairOf("ordinary scores with a zero difference and ties");
    const at95 = pairedChange(before, after);
    const at80 = pairedChange(before, after, { level: 0.8 });
    if (!at95.ok || !at80.ok) throw new Error("expected paired changes");
    expect(at80.difference.level).toBe(0.8);
    expect(at80.difference.upper - at80.difference.lower).toBeLessThan(
      at95.difference.upper - at95.difference.lower,
    );
  });

  it("refuses waves that are not aligned by participant", () => {
    expect(() => pairedChange([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});

function pairOf(name: string): [Array<number | null>, Array<number | null>] {
  const ref = caseNamed(reference.paired, name);
  return [ref.before, ref.after];
}
