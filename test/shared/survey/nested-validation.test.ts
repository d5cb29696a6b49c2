import { describe, expect, it } from "vitest";
import type { AnswerIssue } from "../../../shared/contract/sync.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { resetModel, snapshotModel } from "../../../shared/survey/model-reset.ts";
import { validateAnswers } from "../../../shared/survey/validate-answers.ts";
import { VersionValidator } from "../../../shared/survey/version-validator.ts";

/**
 * Issue 16, findings 1–5, each as it was reported: nested errors ignored, nested values never checked,
 * state leaking from one interview to the next, false alarms on choices listed elsewhere, and surveys
 * without `pages` never compiled.
 */

const where = (issues: AnswerIssue[]) => issues.map((i) => i.path ?? i.question).sort();

const nested = {
  elements: [
    {
      type: "matrixdropdown",
      name: "serviceSatisfaction",
      rows: ["supportDept", "housingDept"],
      columns: [
        { name: "staffHelpfulness", cellType: "rating", rateMax: 3, isRequired: true },
        { name: "waiting", cellType: "dropdown", choices: ["short", "long"], isRequired: true },
      ],
    },
    {
      type: "matrixdynamic",
      name: "visits",
      rowCount: 1,
      columns: [{ name: "place", cellType: "text", isRequired: true }],
    },
    {
      type: "paneldynamic",
      name: "household",
      templateElements: [
        { type: "text", name: "age", inputType: "number", isRequired: true },
        { type: "radiogroup", name: "relation", choices: ["partner", "child"] },
      ],
    },
    {
      type: "multipletext",
      name: "contact",
      items: [{ name: "phone", isRequired: true }, { name: "email" }],
    },
  ],
};

describe("nested questions (issue 16, findings 1 and 2)", () => {
  const validator = new VersionValidator(nested);

  it("reports survey-core's errors inside matrices, dynamic panels and multiple text, with their paths", () => {
    const issues = validator.validate({ household: [{}] });
    expect(where(issues)).toEqual([
      "contact.phone",
      "household[0].age",
      "serviceSatisfaction.housingDept.staffHelpfulness",
      "serviceSatisfaction.housingDept.waiting",
      "serviceSatisfaction.supportDept.staffHelpfulness",
      "serviceSatisfaction.supportDept.waiting",
      "visits[0].place",
    ]);
    expect(issues.every((i) => i.message === "Response required.")).toBe(true);
    expect(issues.find((i) => i.path === "household[0].age")?.question).toBe("household");
  });

  const complete = {
    serviceSatisfaction: {
      supportDept: { staffHelpfulness: 3, waiting: "short" },
      housingDept: { staffHelpfulness: 1, waiting: "long" },
    },
    visits: [{ place: "GP" }],
    household: [{ age: 40, relation: "partner" }],
    contact: { phone: "0123" },
  };

  it("accepts a complete, fitting answer set", () => {
    expect(validator.validate(complete)).toEqual([]);
  });

  it("finds off-scale, out-of-choice, wrongly typed and unknown values nested anywhere", () => {
    const bad = {
      serviceSatisfaction: {
        supportDept: { staffHelpfulness: 999, waiting: "short" },
        housingDept: { staffHelpfulness: 1, waiting: "forever" },
        nowhere: { waiting: "short" },
      },
      visits: [{ place: "GP", colour: "red" }],
      household: [{ age: "maybe", relation: "cousin" }],
      contact: { phone: "0123", fax: "123" },
    };
    expect(where(validator.validate(bad))).toEqual([
      "contact.fax",
      "household[0].age",
      "household[0].relation",
      "serviceSatisfaction.housingDept.waiting",
      "serviceSatisfaction.nowhere",
      "serviceSatisfaction.supportDept.staffHelpfulness",
      "visits[0].colour",
    ]);
  });

  it("finds a rating cell given text", () => {
    const bad = {
      ...complete,
      serviceSatisfaction: {
        ...complete.serviceSatisfaction,
        supportDept: { staffHelpfulness: "maybe", waiting: "short" },
      },
    };
    const issues = validator.validate(bad);
    expect(issues).toEqual([
      {
        question: "serviceSatisfaction",
        path: "serviceSatisfaction.supportDept.staffHelpfulness",
        message: "Expected a number on the scale, got text.",
      },
    ]);
  });
});

describe("no state leaks between interviews (issue 16, finding 3)", () => {
  const definition = {
    elements: [
      { type: "checkbox", name: "trigger", choices: ["a", "b"] },
      { type: "text", name: "follow", visible: false, isRequired: true },
    ],
    triggers: [{ type: "visible", expression: "{trigger} notempty", questions: ["follow"] }],
  };

  it("gives a later interview the same outcome whatever was validated before it", () => {
    const fresh = (data: Record<string, unknown>) => validateAnswers(createSurveyModel(definition), data);
    const validator = new VersionValidator(definition);
    const quiet = {};
    expect(fresh(quiet)).toEqual([]);
    expect(validator.validate(quiet)).toEqual([]);
    // survey-core drops the value outside the choices while it validates: a change, so the trigger fires.
    const odd = { trigger: ["zzz", "a"] };
    expect(validator.validate(odd)).toEqual(fresh(odd));
    expect(validator.validate(quiet)).toEqual([]);
  });

  it("is not left lenient by a wrongly typed answer in an earlier interview (found by the differential suite)", () => {
    // survey-core keeps something of a checkbox value that holds a list inside the list: the next
    // interview's "other" without its text then passed on a reused Model, though a fresh one refuses it.
    const other = {
      elements: [{ type: "checkbox", name: "q4", choices: ["a", "b"], showOtherItem: true }],
    };
    const missingText = { q4: ["b", "other"] };
    const expected = validateAnswers(createSurveyModel(other), structuredClone(missingText));
    expect(expected.map((i) => i.message)).toEqual(["Response required: enter another value."]);
    for (const compile of [true, false]) {
      const validator = new VersionValidator(other, { compile });
      validator.validate({ q4: [[1, 2], "b"] });
      expect(validator.validate(structuredClone(missingText)), `compile: ${compile}`).toEqual(expected);
    }
  });

  it("does not carry a dynamic panel's panels into the next interview", () => {
    const validator = new VersionValidator(nested);
    const first = validator.validate({ household: [{}, {}, {}] });
    expect(where(first)).toContain("household[2].age");
    const second = validator.validate({ household: [{}] });
    expect(where(second)).not.toContain("household[2].age");
  });
});

describe("a reused Model put back before each interview (docs/decisions/0045)", () => {
  const carried = {
    elements: [
      { type: "checkbox", name: "used", choices: [1, 2, 3] },
      {
        type: "radiogroup",
        name: "best",
        choicesFromQuestion: "used",
        choicesFromQuestionMode: "selected",
        isRequired: true,
        visibleIf: "{used.length} > 0",
      },
      {
        type: "paneldynamic",
        name: "visits",
        panelCount: 1,
        templateElements: [{ type: "text", name: "where", isRequired: true }],
      },
    ],
  };
  const before = { used: [1, 2], best: 1, visits: [{ where: "a" }, { where: "b" }] };
  const after = { used: [2], best: 2 };
  const fresh = (data: Record<string, unknown>) =>
    validateAnswers(createSurveyModel(carried), structuredClone(data));

  it("needs putting back: with `data` alone, the previous interview's answers decide the next one's", () => {
    const model = createSurveyModel(carried);
    validateAnswers(model, structuredClone(before));
    // survey-core clears `best` (its old answer 1 is no longer offered once `used` is [2]) while
    // writing the new data in, and the dynamic panel keeps what it had: neither happens on a fresh Model.
    const reused = where(validateAnswers(model, structuredClone(after)));
    const expected = where(fresh(after));
    expect(reused).toContain("best");
    expect(expected).not.toContain("best");
    expect(reused).not.toEqual(expected);
  });

  it("judges as a fresh Model once put back, on the validator's reused Model too", () => {
    const model = createSurveyModel(carried);
    const snapshot = snapshotModel(model);
    validateAnswers(model, structuredClone(before));
    resetModel(model, snapshot);
    expect(validateAnswers(model, structuredClone(after))).toEqual(fresh(after));
    const validator = new VersionValidator(carried, { compile: false });
    expect(validator.resets).toBe(true);
    for (const data of [before, after, {}, before, { used: [3], best: 3, visits: [{}] }, after])
      expect(validator.validate(structuredClone(data)), JSON.stringify(data)).toEqual(fresh(data));
  }, 60_000);

  it("undoes what a visible trigger did", () => {
    const triggered = {
      elements: [
        { type: "radiogroup", name: "go", choices: ["yes", "no"] },
        { type: "text", name: "follow", visible: false, isRequired: true },
      ],
      triggers: [{ type: "visible", expression: "{go} = 'yes'", questions: ["follow"] }],
    };
    const model = createSurveyModel(triggered);
    const snapshot = snapshotModel(model);
    model.setValue("go", "yes"); // as a tablet's answer would: the trigger fires and shows `follow`
    expect(model.getQuestionByName("follow").isVisible).toBe(true);
    resetModel(model, snapshot);
    expect(validateAnswers(model, { go: "no" })).toEqual([]);
  });
});

describe("a hostile value survey-core itself cannot validate", () => {
  it("comes back with its own issue instead of failing the upload", () => {
    // survey-core 3.0.0 throws (JSON.parse("undefined") in clearIncorrectValues) on a list given for a
    // matrix row whose cells include a checkbox; found by the differential corpus.
    const definition = {
      elements: [
        {
          type: "matrixdropdown",
          name: "places",
          rows: ["home", "work"],
          columns: [
            { name: "often", cellType: "dropdown", choices: ["daily", "weekly"] },
            { name: "with", cellType: "checkbox", choices: ["alone", "friends"] },
          ],
        },
      ],
    };
    const data = { places: { home: [1, 2], work: { often: "daily", with: ["alone", "friends"] } } };
    expect(() => validateAnswers(createSurveyModel(definition), structuredClone(data))).toThrow();
    for (const compile of [true, false])
      expect(new VersionValidator(definition, { compile }).validate(structuredClone(data))).toEqual([
        { question: "places", path: "places.home", message: "Expected an answer per column, got a list." },
      ]);
  });
});

describe("choices listed elsewhere (issue 16, finding 4)", () => {
  it("accepts a choice carried forward from another question", () => {
    const validator = new VersionValidator({
      elements: [
        { type: "checkbox", name: "used", choices: [1, 2, 3] },
        {
          type: "radiogroup",
          name: "best",
          choicesFromQuestion: "used",
          choicesFromQuestionMode: "selected",
        },
        {
          type: "dropdown",
          name: "worst",
          choicesFromQuestion: "used",
          choicesFromQuestionMode: "unselected",
        },
      ],
    });
    expect(validator.validate({ used: [1, 2], best: 1, worst: 3 })).toEqual([]);
    expect(where(validator.validate({ used: [1], best: 9 }))).toEqual(["best"]);
  });

  it("accepts any value for choices loaded from a web address, which the server cannot fetch", () => {
    const validator = new VersionValidator({
      elements: [
        { type: "dropdown", name: "country", choicesByUrl: { url: "https://example.org/countries" } },
      ],
    });
    expect(validator.validate({ country: "Wales" })).toEqual([]);
  });

  it("accepts a choice with its own condition, and a generated dropdown's numbers", () => {
    const validator = new VersionValidator({
      elements: [
        { type: "boolean", name: "adult" },
        {
          type: "radiogroup",
          name: "drink",
          choices: ["water", { value: "beer", visibleIf: "{adult} = true" }],
        },
        { type: "dropdown", name: "year", choicesMin: 2000, choicesMax: 2010 },
      ],
    });
    expect(validator.validate({ adult: true, drink: "beer", year: 2005 })).toEqual([]);
    expect(where(validator.validate({ year: 2011 }))).toEqual(["year"]);
  });
});

describe("surveys without pages (issue 16, finding 5)", () => {
  it("compiles questions at the root and legacy questions", () => {
    expect(
      new VersionValidator({ elements: [{ type: "text", name: "a", isRequired: true }] }).compiled.supported,
    ).toBe(true);
    const legacy = new VersionValidator({ questions: [{ type: "text", name: "a", isRequired: true }] });
    expect(legacy.compiled.supported).toBe(true);
    expect(legacy.validate({})).toEqual([{ question: "a", message: "Response required." }]);
  });

  it("compiles a survey in another language, with survey-core's messages in that language", () => {
    const german = {
      locale: "de",
      questions: [
        {
          type: "text",
          name: "a",
          isRequired: true,
          requiredErrorText: { default: "Please answer.", de: "Bitte antworten." },
        },
        { type: "radiogroup", name: "b", choices: ["x"], hasOther: true, hasNone: true },
      ],
    };
    const validator = new VersionValidator(german);
    expect(validator.compiled.supported).toBe(true);
    for (const data of [{}, { a: "ja", b: "other" }, { a: "ja", b: "none" }])
      expect(validator.validate(data)).toEqual(validateAnswers(createSurveyModel(german), data));
    expect(validator.validate({})[0]?.message).toBe("Bitte antworten.");
  });
});
