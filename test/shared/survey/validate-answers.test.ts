import { describe, expect, it } from "vitest";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { validateAnswers } from "../../../shared/survey/validate-answers.ts";
import { VersionValidator } from "../../../shared/survey/version-validator.ts";

const model = createSurveyModel({
  elements: [
    { type: "boolean", name: "consent", isRequired: true },
    { type: "boolean", name: "custom_bool", valueTrue: "yes", valueFalse: "no" },
    {
      type: "radiogroup",
      name: "housing",
      choices: ["own", "hostel"],
      showOtherItem: true,
      showNoneItem: true,
    },
    { type: "dropdown", name: "number_choice", choices: [1, 2, 3] },
    { type: "checkbox", name: "services", choices: ["gp", "drop_in"] },
    { type: "rating", name: "rating", rateMin: 0, rateMax: 10, rateStep: 2 },
    { type: "rating", name: "labelled", rateValues: [{ value: "low" }, { value: "high" }] },
    { type: "text", name: "visits", inputType: "number", min: 0, max: 90 },
    { type: "text", name: "day", inputType: "date" },
    { type: "text", name: "when", inputType: "datetime-local" },
    { type: "text", name: "at", inputType: "time" },
    { type: "text", name: "short", maxLength: 5 },
    { type: "comment", name: "notes" },
    { type: "matrix", name: "grid", rows: ["r1", "r2"], columns: [1, 2, 3] },
    { type: "html", name: "info", html: "<p>Read this</p>" },
  ],
});

function issuesFor(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    validateAnswers(model, { consent: true, ...data }).map((i) => [i.question, i.message]),
  );
}

describe("validateAnswers", () => {
  it("passes answers that fit every question", () => {
    expect(
      issuesFor({
        custom_bool: "yes",
        housing: "other",
        "housing-Comment": "sofa surfing",
        number_choice: 2,
        services: ["gp"],
        rating: 4,
        labelled: "high",
        visits: 0,
        day: "2024-02-29",
        when: "2026-11-26T09:30",
        at: "23:59",
        short: "abc",
        notes: "fine",
        grid: { r1: 1, r2: 3 },
      }),
    ).toEqual({});
  });

  it("reports survey-core's own rules: a required answer missing, a number over its max", () => {
    const issues = validateAnswers(model, { visits: 91 });
    expect(issues.map((i) => i.question).sort()).toEqual(["consent", "visits"]);
  });

  it("flags values outside the choices, which survey-core would silently drop", () => {
    expect(
      Object.keys(issuesFor({ housing: "castle", number_choice: "2", services: ["gp", "spa"] })),
    ).toEqual(["housing", "number_choice", "services"]);
    expect(issuesFor({ services: "gp" }).services).toMatch(/list/);
    expect(issuesFor({ services: ["gp", "gp"] }).services).toMatch(/twice/);
  });

  it("accepts the none item only when the question offers it", () => {
    expect(issuesFor({ housing: "none" })).toEqual({});
    expect(Object.keys(issuesFor({ number_choice: "none" }))).toEqual(["number_choice"]);
  });

  it("flags ratings off the scale or between its steps", () => {
    expect(Object.keys(issuesFor({ rating: 11 }))).toEqual(["rating"]);
    expect(Object.keys(issuesFor({ rating: 3 }))).toEqual(["rating"]);
    expect(Object.keys(issuesFor({ rating: "4" }))).toEqual(["rating"]);
    expect(Object.keys(issuesFor({ labelled: "medium" }))).toEqual(["labelled"]);
  });

  it("flags booleans that are not the question's yes or no values", () => {
    expect(Object.keys(issuesFor({ custom_bool: true }))).toEqual(["custom_bool"]);
    expect(validateAnswers(model, { consent: "true" }).map((i) => i.question)).toEqual(["consent"]);
  });

  it("flags malformed and impossible dates and times", () => {
    for (const day of ["2023-02-29", "2026-13-01", "26/11/2026", "2026-11-26T10:00", 20261126]) {
      expect(Object.keys(issuesFor({ day })), String(day)).toEqual(["day"]);
    }
    expect(Object.keys(issuesFor({ when: "2026-11-26 09:30" }))).toEqual(["when"]);
    expect(Object.keys(issuesFor({ at: "24:00" }))).toEqual(["at"]);
  });

  it("flags numbers sent as text, text sent as numbers, and over-long text", () => {
    expect(Object.keys(issuesFor({ visits: "3", notes: 42, short: "toolong" }))).toEqual([
      "visits",
      "notes",
      "short",
    ]);
    expect(Object.keys(issuesFor({ visits: Number.NaN }))).toEqual(["visits"]);
  });

  it("flags matrix answers naming unknown rows or columns", () => {
    expect(Object.keys(issuesFor({ grid: { r3: 1 } }))).toEqual(["grid"]);
    expect(Object.keys(issuesFor({ grid: { r1: 9 } }))).toEqual(["grid"]);
    expect(Object.keys(issuesFor({ grid: [1] }))).toEqual(["grid"]);
  });

  it("flags answers to fields the survey does not have, and answers to information items", () => {
    expect(Object.keys(issuesFor({ favourite: "blue", info: "x" }))).toEqual(["favourite", "info"]);
  });

  it("takes a calculated value the survey puts into the answers (an XLSForm calculate), and only that", () => {
    const definition = {
      pages: [{ name: "p", elements: [{ type: "text", inputType: "number", name: "age" }] }],
      calculatedValues: [
        { name: "age_next_year", expression: "{age} + 1", includeIntoResult: true },
        { name: "kept_apart", expression: "{age} * 2" },
      ],
    };
    for (const compile of [true, false]) {
      const validator = new VersionValidator(definition, { compile });
      expect(validator.validate({ age: 30, age_next_year: 31 }), `compiled: ${compile}`).toEqual([]);
      expect(
        validator.validate({ age: 30, kept_apart: 60 }).map((i) => i.question),
        `compiled: ${compile}`,
      ).toEqual(["kept_apart"]);
    }
  });

  it("takes a choice answered with its own comment box, and nothing else shaped like it", () => {
    const definition = {
      elements: [
        {
          type: "radiogroup",
          name: "staying",
          choices: [{ value: "elsewhere", showCommentArea: true }, "hostel"],
        },
      ],
    };
    for (const compile of [true, false]) {
      const validator = new VersionValidator(definition, { compile });
      const issues = (staying: unknown) => validator.validate({ staying }).map((i) => i.question);
      expect(issues({ value: "elsewhere", comment: "at a friend's" }), `compiled: ${compile}`).toEqual([]);
      expect(issues({ value: "elsewhere" }), `compiled: ${compile}`).toEqual([]);
      for (const wrong of [
        { value: "hostel", comment: "no box on this choice" },
        { value: "elsewhere", comment: 5 },
        { value: "elsewhere", comment: "x", more: 1 },
        { comment: "no value" },
      ]) {
        expect(issues(wrong), `compiled: ${compile}, ${JSON.stringify(wrong)}`).toEqual(["staying"]);
      }
    }
  });

  it("gives the same verdict when the same model is reused in any order", () => {
    const bad = { rating: 11 };
    const good = { rating: 4 };
    const first = validateAnswers(model, { consent: true, ...bad });
    validateAnswers(model, { consent: true, ...good });
    expect(validateAnswers(model, { consent: true, ...bad })).toEqual(first);
    expect(validateAnswers(model, { consent: true, ...good })).toEqual([]);
  });
});
