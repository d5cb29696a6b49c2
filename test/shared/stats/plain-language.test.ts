import { describe, expect, it } from "vitest";
import { attritionCaveat, changeSentence, sentenceKind } from "../../../shared/stats/plain-language.ts";

const base = { fromName: "baseline", toName: "follow-up 1", levelPercent: 95 } as const;

describe("changeSentence", () => {
  it("says how much, which way, how sure, and that it is a clear improvement when the range excludes zero", () => {
    expect(
      changeSentence({
        ...base,
        kind: "scale",
        direction: "higherIsBetter",
        mean: 0.4,
        lower: 0.2,
        upper: 0.6,
      }),
    ).toBe(
      "On average people's answers were 0.4 points higher at follow-up 1 than at baseline; we are fairly " +
        "sure (95% confidence) the true change is between 0.2 and 0.6, so this is a clear improvement.",
    );
  });

  it("reads a choice question's change as a scale's, and keeps yes/no and numbers apart", () => {
    expect((["scale", "choice", "yes_no", "number"] as const).map(sentenceKind)).toEqual([
      "scale",
      "scale",
      "yes_no",
      "number",
    ]);
  });

  it("names no unit for a number such as nights, where points would be wrong", () => {
    const s = changeSentence({
      ...base,
      kind: "number",
      direction: "lowerIsBetter",
      mean: -1.5,
      lower: -2.5,
      upper: -0.5,
    });
    expect(s).toBe(
      "On average people's answers were 1.5 lower at follow-up 1 than at baseline; we are fairly sure " +
        "(95% confidence) the true change is between −2.5 and −0.5, so this is a clear improvement.",
    );
  });

  it("says it could be chance when the range includes zero, even though the mean moved the better way", () => {
    const s = changeSentence({
      ...base,
      kind: "scale",
      direction: "lowerIsBetter",
      mean: -1.21,
      lower: -3.27,
      upper: 0.86,
    });
    expect(s).toContain("1.21 points lower");
    expect(s).toContain("between −3.27 and 0.86");
    expect(s).toContain("could be chance");
    expect(s).not.toContain("improvement");
  });

  it("reads a fall in something lower-is-better as an improvement", () => {
    const s = changeSentence({
      ...base,
      kind: "scale",
      direction: "lowerIsBetter",
      mean: -1,
      lower: -1.5,
      upper: -0.5,
    });
    expect(s).toContain("1 point lower");
    expect(s).toContain("clear improvement");
  });

  it("speaks of percentage points for a yes/no share, and of up or down with no direction", () => {
    const s = changeSentence({
      ...base,
      kind: "yes_no",
      direction: null,
      mean: -0.12,
      lower: -0.2,
      upper: -0.04,
    });
    expect(s).toBe(
      "On average the share of people answering yes was 12 percentage points lower at follow-up 1 than at " +
        "baseline; we are fairly sure (95% confidence) the true change is between −20 and −4 percentage " +
        "points, so it clearly went down.",
    );
  });

  it("says the same when the mean change is zero", () => {
    const s = changeSentence({
      ...base,
      kind: "scale",
      direction: "higherIsBetter",
      mean: 0,
      lower: -0.3,
      upper: 0.3,
    });
    expect(s).toMatch(/^On average people's answers were the same at follow-up 1 as at baseline;/);
  });
});

describe("attritionCaveat", () => {
  it("warns when more than a third of those who answered at the first wave are lost", () => {
    // The example: 47 paired, 72 lost.
    expect(attritionCaveat(47, 72)).toBe(
      "Read this change with care: 72 of the 119 people who answered at the first wave (61%) did not " +
        "answer at the second. The people who stayed may differ from those who left, so the change may not " +
        "hold for everyone.",
    );
    expect(attritionCaveat(20, 11)).not.toBeNull();
  });

  it("stays silent at a third or less, and when there is nothing to compare", () => {
    expect(attritionCaveat(20, 10)).toBeNull();
    expect(attritionCaveat(100, 0)).toBeNull();
    expect(attritionCaveat(0, 0)).toBeNull();
    expect(attritionCaveat(-1, 5)).toBeNull();
  });
});
