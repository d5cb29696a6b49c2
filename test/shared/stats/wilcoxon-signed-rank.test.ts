import { describe, expect, it } from "vitest";
import { signedRankCdf } from "../../../shared/stats/signed-rank-distribution.ts";
import { wilcoxonSignedRank } from "../../../shared/stats/wilcoxon-signed-rank.ts";
import { caseNamed, expectCloseToR, reference } from "./reference.ts";

describe("wilcoxonSignedRank", () => {
  describe("agrees with R's wilcox.test(after, before, paired = TRUE, exact = FALSE, correct = TRUE)", () => {
    for (const ref of reference.paired) {
      const expected = ref.wilcoxon;
      it(`for ${ref.name}`, () => {
        const result = wilcoxonSignedRank(ref.before, ref.after, { exact: false });
        if (expected.reason !== undefined) {
          expect(result).toMatchObject({ ok: false, reason: expected.reason, missing: expected.missing });
          return;
        }
        if (!result.ok) throw new Error(`expected a test result, got ${result.reason}`);
        expect(result.method).toBe("normal");
        expect(result.n - result.zeros).toBe(expected.ranked);
        expect(result.zeros).toBe(expected.zeros);
        expect(result.missing).toBe(expected.missing);
        expectCloseToR(result.v, expected.v);
        expectCloseToR(result.z, expected.z);
        expectCloseToR(result.p, expected.p);
      });
    }
  });

  describe("agrees with R's default, exact for fewer than 50 differences without ties or zeros", () => {
    for (const ref of reference.paired.filter((r) => r.wilcoxon.reason === undefined)) {
      it(`for ${ref.name} (${ref.wilcoxon.auto_method})`, () => {
        const result = wilcoxonSignedRank(ref.before, ref.after);
        expect(result).toMatchObject({ ok: true, method: ref.wilcoxon.auto_method });
        expectCloseToR(result.ok ? result.p : null, ref.wilcoxon.auto_p);
      });
    }
  });

  it("drops pairs with no change before ranking and counts them", () => {
    const ref = caseNamed(reference.paired, "mostly zero differences");
    expect(wilcoxonSignedRank(ref.before, ref.after)).toMatchObject({
      ok: true,
      n: 7,
      zeros: 5,
      method: "normal",
    });
  });

  it("falls back to the normal approximation when ties rule out the exact distribution", () => {
    const ref = caseNamed(reference.paired, "likert with many ties");
    expect(wilcoxonSignedRank(ref.before, ref.after, { exact: true })).toMatchObject({ method: "normal" });
  });

  it("uses the exact distribution on request beyond 50 differences", () => {
    const ref = caseNamed(reference.paired, "fifty-five pairs without ties");
    const exact = wilcoxonSignedRank(ref.before, ref.after, { exact: true });
    const normal = wilcoxonSignedRank(ref.before, ref.after);
    expect(exact).toMatchObject({ ok: true, method: "exact" });
    expect(normal).toMatchObject({ ok: true, method: "normal" });
    // At n = 55 the two agree closely, which is why R switches to the approximation there.
    expect(exact.ok && normal.ok && Math.abs(exact.p - normal.p)).toBeLessThan(0.005);
  });

  it("reports no variation when nobody changed (R: NaN)", () => {
    const ref = caseNamed(reference.paired, "no change at all");
    expect(wilcoxonSignedRank(ref.before, ref.after)).toEqual({
      ok: false,
      reason: "no_variation",
      n: 3,
      zeros: 3,
      missing: 0,
    });
  });

  it("says there is not enough data without a complete pair (R: not enough observations)", () => {
    const ref = caseNamed(reference.paired, "no complete pairs");
    expect(wilcoxonSignedRank(ref.before, ref.after)).toEqual({
      ok: false,
      reason: "not_enough_data",
      n: 0,
      zeros: 0,
      missing: 3,
    });
  });
});

describe("signedRankCdf", () => {
  it("agrees with R's psignrank", () => {
    for (const { q, n, p } of reference.signrank) expectCloseToR(signedRankCdf(q, n), p);
  });

  it("is 0 below the smallest possible sum and 1 at the largest", () => {
    expect(signedRankCdf(-1, 10)).toBe(0);
    expect(signedRankCdf(55, 10)).toBe(1);
  });
});
