import { describe, expect, it } from "vitest";
import { checkDefinition } from "../../../shared/editor/check-definition.ts";

/**
 * An expert tags a question with the outcome it measures, and expects it on that outcome's dashboard.
 * Only some kinds of question give a figure there (`shared/survey/indicator-kind.ts`, the rule the
 * server counts by); a tag on any other kind was accepted without a word and gave nothing (found by
 * the third outside probe: a tagged image picker, button group or checkbox).
 */

const OUTCOME = "outcome-areas-co-produce-design-and-delivery";
const tagged = (element: Record<string, unknown>) => ({ ...element, outcome: OUTCOME });
const scored = [
  { value: "yes", text: "Yes", score: 1 },
  { value: "some", text: "Some", score: 0.5 },
  { value: "no", text: "No", score: 0 },
];

function warned(...elements: Record<string, unknown>[]): string[] {
  return checkDefinition({ pages: [{ name: "p", elements }] })
    .issues.filter((i) => i.code === "outcome_without_figure")
    .map((i) => i.question ?? "");
}

describe("an outcome tag on a question the dashboards cannot count", () => {
  it("is warned about for kinds that give no figure", () => {
    expect(
      warned(
        tagged({ type: "checkbox", name: "needs", choices: ["food", "bed"] }),
        tagged({ type: "imagepicker", name: "face", choices: [{ value: "sad", imageLink: "a.png" }] }),
        tagged({ type: "buttongroup", name: "mood", choices: ["low", "high"] }),
        tagged({ type: "comment", name: "story" }),
        tagged({ type: "text", name: "when", inputType: "date" }),
        tagged({ type: "radiogroup", name: "unscored", choices: ["a", "b"] }),
      ),
    ).toEqual(["needs", "face", "mood", "story", "when", "unscored"]);
  });

  it("is not warned about for a yes/no, a rating, scored choices or a number, nor without a tag", () => {
    expect(
      warned(
        tagged({ type: "boolean", name: "helped" }),
        tagged({ type: "rating", name: "say", rateMax: 5 }),
        tagged({ type: "radiogroup", name: "choice", choices: scored }),
        tagged({ type: "dropdown", name: "picked", choices: scored }),
        tagged({ type: "text", name: "nights", inputType: "number" }),
        { type: "checkbox", name: "untagged", choices: ["a"] },
      ),
    ).toEqual([]);
  });

  it("is warned about inside a dynamic panel, whose questions are not counted", () => {
    expect(
      warned({
        type: "paneldynamic",
        name: "people",
        templateElements: [tagged({ type: "rating", name: "close", rateMax: 5 })],
      }),
    ).toEqual(["close"]);
  });

  it("says what can be counted, in words an expert reads", () => {
    const issue = checkDefinition({
      pages: [{ name: "p", elements: [tagged({ type: "checkbox", name: "needs", choices: ["food"] })] }],
    }).issues.find((i) => i.code === "outcome_without_figure");
    expect(issue).toMatchObject({ severity: "warning", question: "needs" });
    expect(issue?.message).toContain("will not be counted on the outcome dashboards");
  });
});
