import { describe, expect, it } from "vitest";
import { choiceProportions, proportionsFromCounts } from "../../../shared/stats/choice-proportions.ts";
import { expectCloseToR, reference } from "./reference.ts";

describe("choiceProportions", () => {
  for (const ref of reference.choices) {
    it(`agrees with R's prop.test() for each choice of "${ref.name}"`, () => {
      const result = choiceProportions(ref.answers, ref.choices);
      if (!result.ok) throw new Error(`expected proportions, got ${result.reason}`);
      expect(result).toMatchObject({ n: ref.n, missing: ref.missing, unlisted: 0 });
      expect(result.choices.map((c) => c.value)).toEqual(ref.choices);
      result.choices.forEach((choice, i) => {
        const expected = ref.proportions[i];
        expect(choice.count).toBe(expected?.count);
        expectCloseToR(choice.proportion, expected?.proportion);
        expectCloseToR(choice.lower, expected?.lower);
        expectCloseToR(choice.upper, expected?.upper);
      });
    });
  }

  it("lists a choice nobody picked with a zero share and an upper bound above zero", () => {
    const result = choiceProportions(["yes", "yes", "no"], ["yes", "no", "unsure"]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.choices[2]).toMatchObject({ value: "unsure", count: 0, proportion: 0, lower: 0 });
    expect(result.choices[2]?.upper).toBeGreaterThan(0);
  });

  it("counts answers outside the choices apart instead of guessing them into one", () => {
    const result = choiceProportions([1, 2, 2, 9, null], [1, 2, 3]);
    expect(result).toMatchObject({ ok: true, n: 3, missing: 1, unlisted: 1 });
  });

  it("says there is not enough data when nobody answered, and still counts the gaps", () => {
    expect(choiceProportions([null, undefined], ["a", "b"])).toEqual({
      ok: false,
      reason: "not_enough_data",
      n: 0,
      missing: 2,
      unlisted: 0,
    });
  });

  it("refuses a choice list that repeats a value", () => {
    expect(() => choiceProportions(["a"], ["a", "a"])).toThrow(RangeError);
  });
});

describe("proportionsFromCounts", () => {
  it("gives the same figures from tallied counts as from raw answers", () => {
    const ref = reference.choices[0];
    if (ref === undefined) throw new Error("no choice reference case");
    const fromAnswers = choiceProportions(ref.answers, ref.choices);
    const fromCounts = proportionsFromCounts(ref.proportions.map(({ value, count }) => ({ value, count })));
    expect(fromCounts).toEqual({ ...fromAnswers, missing: undefined, unlisted: undefined });
  });
});
