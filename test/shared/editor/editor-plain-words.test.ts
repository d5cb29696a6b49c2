import { describe, expect, it } from "vitest";
import { describeSummary, summariseChanges, wordingFinder } from "../../../shared/editor/change-summary.ts";
import { describeCondition } from "../../../shared/editor/condition-words.ts";
import { type ElementJson, normaliseSurvey } from "../../../shared/editor/survey-json.ts";

const questions: ElementJson[] = [
  { type: "boolean", name: "consent", title: "Are you happy to take part?" },
  {
    type: "radiogroup",
    name: "housing",
    title: "Where are you staying?",
    choices: [
      { value: "hostel", text: "In a hostel" },
      { value: "rough", text: "Sleeping rough" },
    ],
  },
  { type: "checkbox", name: "help", title: "Who helped you?", choices: [{ value: "gp", text: "A doctor" }] },
  { type: "rating", name: "safe", title: "How safe do you feel?" },
];

describe("conditions in words (issue 15)", () => {
  it("says a yes/no condition with the question's wording, never its data name", () => {
    const words = describeCondition("{consent} = true", questions);
    expect(words).toEqual({
      kind: "plain",
      sentence: "Only ask this if they said Yes to “Are you happy to take part?”.",
    });
    expect(words.sentence).not.toContain("consent}");
  });

  it("uses choice wording, and joins several rules", () => {
    expect(describeCondition("{housing} = 'rough' and {help} contains 'gp'", questions).sentence).toBe(
      "Only ask this if they answered “Sleeping rough” to “Where are you staying?” and they chose “A doctor” in “Who helped you?”.",
    );
    expect(describeCondition("{safe} >= 3 or {housing} notempty", questions).sentence).toBe(
      "Only ask this if any of these is true: their answer to “How safe do you feel?” is 3 or more or they answered “Where are you staying?”.",
    );
  });

  it("says when there is no condition, and when the builder cannot put one into words", () => {
    expect(describeCondition("", questions)).toMatchObject({ kind: "always", sentence: "Always asked." });
    const complex = describeCondition("({safe} + 1) > 3", questions);
    expect(complex.kind).toBe("not-understood");
    expect(complex.sentence).not.toContain("{");
    expect(describeCondition("{gone} = 1", questions).sentence).toContain(
      "a question that is no longer in the survey",
    );
  });
});

describe("the change log names questions by their wording", () => {
  it("says “changed the question ‘Do workers listen to you?’”", () => {
    const before = normaliseSurvey({
      pages: [
        { name: "p", elements: [{ type: "boolean", name: "workers_listen", title: "Do staff listen?" }] },
      ],
    });
    const after = normaliseSurvey({
      pages: [
        {
          name: "p",
          elements: [
            { type: "boolean", name: "workers_listen", title: "Do workers listen to you?" },
            { type: "comment", name: "anything_else", title: "Is there anything else?" },
          ],
        },
      ],
    });
    const summary = summariseChanges(before, after);
    expect(describeSummary(summary, wordingFinder(after, before))).toBe(
      "added the question “Is there anything else?”; changed the question “Do workers listen to you?”",
    );
    // Without wording (older callers) it still names the data names.
    expect(describeSummary(summary)).toBe("added anything_else; changed workers_listen");
  });
});
