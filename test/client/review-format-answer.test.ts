import { describe, expect, it } from "vitest";
import { formatAnswer, questionLabel } from "../../client/review/format-answer.ts";
import { WITHHELD_VALUE } from "../../shared/contract/exports.ts";
import type { SurveyField } from "../../shared/survey/fields.ts";

const fields: SurveyField[] = [
  { name: "workers_listen", type: "rating", title: "Do workers listen to what you want?" },
  {
    name: "housing",
    type: "radiogroup",
    title: "Where are you staying?",
    choices: [{ value: "own_tenancy", text: "My own place" }],
  },
];

describe("a reviewer's reading of an answer", () => {
  it("says in words that an answer is kept for the data manager, not the server's marker", () => {
    expect(formatAnswer(fields[0], WITHHELD_VALUE)).toBe("Not shown: kept for the data manager");
    expect(formatAnswer(fields[0], WITHHELD_VALUE)).not.toContain("[");
  });

  it("gives choices their words, and unanswered questions as such", () => {
    expect(formatAnswer(fields[1], "own_tenancy")).toBe("My own place");
    expect(formatAnswer(fields[1], ["own_tenancy", "hostel"])).toBe("My own place; hostel");
    expect(formatAnswer(fields[0], undefined)).toBe("Not answered");
    expect(formatAnswer(fields[0], 9)).toBe("9");
  });

  it("reads an answer with parts as words, not JSON", () => {
    expect(formatAnswer(undefined, { morning: true, evening: 2 })).toBe("morning: Yes; evening: 2");
  });

  it("reads a choice kept with its comment box, and a yes/no question's own values, as words", () => {
    const needs: SurveyField = {
      name: "needs",
      type: "checkbox",
      title: "What do you need?",
      choices: [
        { value: "food", text: "Food" },
        { value: "bed", text: "A bed" },
      ],
    };
    expect(formatAnswer(needs, [{ value: "food", comment: "for two" }, { value: "bed" }])).toBe(
      "Food (their words: for two); A bed",
    );
    expect(formatAnswer(needs, { value: "bed", comment: "" })).toBe("A bed");
    // An object that is not a chosen item is still read part by part.
    expect(formatAnswer(needs, { value: "bed", other: 1 })).toBe("value: bed; other: 1");
    const agreed: SurveyField = {
      name: "agreed",
      type: "boolean",
      title: "I understand",
      booleanValues: { yes: "OK", no: "not OK" },
    };
    expect(formatAnswer(agreed, "OK")).toBe("Yes");
    expect(formatAnswer(agreed, "not OK")).toBe("No");
    expect(formatAnswer(agreed, "maybe")).toBe("maybe");
  });

  it("names a question by its wording, and the 'other' text of one by that wording too", () => {
    expect(questionLabel(fields, "workers_listen")).toBe("Do workers listen to what you want?");
    expect(questionLabel(fields, "housing-Comment")).toBe("Where are you staying?: other, in their words");
  });
});
