import { describe, expect, it } from "vitest";
import { mcnemar } from "../../../shared/stats/mcnemar.ts";
import { caseNamed, expectCloseToR, reference } from "./reference.ts";

describe("mcnemar", () => {
  describe("agrees with R's mcnemar.test(table, correct = TRUE)", () => {
    for (const ref of reference.mcnemar) {
      it(`for ${ref.name}`, () => {
        const result = mcnemar(ref.before, ref.after);
        expect(result).toMatchObject({ n: ref.n, missing: ref.missing, b: ref.b, c: ref.c });
        if (ref.reason !== undefined) {
          expect(result).toMatchObject({ ok: false, reason: ref.reason });
          return;
        }
        if (!result.ok) throw new Error(`expected a test result, got ${result.reason}`);
        expectCloseToR(result.chiSquare, ref.chi_square);
        expect(result.df).toBe(ref.df);
        expectCloseToR(result.p, ref.p);
      });
    }
  });

  it("counts yes-to-no changes as b and no-to-yes changes as c", () => {
    expect(mcnemar([true, true, false], [false, false, true])).toMatchObject({ b: 2, c: 1 });
  });

  it("leaves out the correction when as many changed each way, as R does", () => {
    const ref = caseNamed(reference.mcnemar, "balanced change");
    expect(mcnemar(ref.before, ref.after)).toMatchObject({ ok: true, chiSquare: 0, p: 1 });
  });

  it("says there is not enough data when nobody changed answer (R: NaN)", () => {
    const ref = caseNamed(reference.mcnemar, "no discordant pairs");
    expect(mcnemar(ref.before, ref.after)).toEqual({
      ok: false,
      reason: "not_enough_data",
      n: 4,
      missing: 0,
      b: 0,
      c: 0,
    });
  });

  it("drops pairs with a missing answer and counts them", () => {
    expect(mcnemar([true, null, undefined, false], [false, true, false, null])).toMatchObject({
      n: 1,
      missing: 3,
      b: 1,
    });
  });
});
