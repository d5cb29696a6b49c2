import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnswerIssue } from "../../../shared/contract/sync.ts";
import { valueIssues } from "../../../shared/survey/answer-checks.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { answerFields, validateAnswers } from "../../../shared/survey/validate-answers.ts";
import { VersionValidator } from "../../../shared/survey/version-validator.ts";
import { corpus, generateAnswers, MUTATIONS, mutate } from "./differential-corpus.ts";

/**
 * Differential test of the server's validation against survey-core 3.0.0 itself (issue 16), on a corpus
 * covering every question type, every trigger kind, conditions at page, panel, question and choice level,
 * calculated values, carried-forward choices, localised text, questions at the root and legacy
 * `questions`. For each survey, answer sets made by survey-core from what it shows, and corrupted
 * copies (out-of-choice, off-scale, wrong type, missing, unknown keys, values for unanswered or hidden
 * questions, at any depth), are validated in a random order by the compiled path and by the fallback:
 *
 * - both give exactly the issues of a fresh Model (no state carried between interviews, no difference
 *   between the plan and survey-core);
 * - whenever survey-core itself finds an error, the server reports an issue (the verdict is never
 *   "valid" where survey-core says otherwise);
 * - where survey-core finds none, every issue the server reports is one of the project's stricter
 *   checks (answer-checks.ts; docs/decisions/0027): a value outside the question's choices, off the
 *   rating scale, of the wrong type (number, date, time, yes/no, text, list, per-row object), too long,
 *   a duplicated choice, a key that is no question (or row, column, item, panel question), a value for
 *   an item that takes none, a comment that is not text.
 */

/**
 * The project's checks stricter than survey-core 3.0.0, every one (docs/decisions/0027, 0040). Where
 * survey-core finds an answer set valid, each issue the server still reports must be one of these.
 */
const STRICTER_CHECKS: readonly { check: string; message: RegExp }[] = [
  {
    check: "a value outside the question's choices",
    message: /is not one of the choices\.$|not among the choices\.$/,
  },
  {
    check: "off the rating scale or not a point on it",
    message:
      /is not on the scale\.$|is outside the scale|is not a point on the scale\.$|^Expected a number on the scale/,
  },
  { check: "not a number", message: /^Expected a number, got/ },
  { check: "not a date, time or date-time", message: /^Not a valid (date|time|date and time)/ },
  { check: "not yes/no", message: /^Expected yes or no, got/ },
  { check: "not text", message: /^Expected text, got/ },
  { check: "longer than maxLength", message: /^Longer than \d+ characters\.$/ },
  { check: "not a list of choices", message: /^Expected a list of choices, got/ },
  { check: "the same choice twice", message: /^The same choice is given twice\.$/ },
  {
    check: "not an object per row, column or item",
    message: /^Expected an answer per (row|column|item), got/,
  },
  {
    check: "not a list of rows or panels",
    message: /^Expected a list of (rows|panels), got|^Expected the answers of one panel, got/,
  },
  {
    check: "a key that is no question, row, column, item or panel question (or an item that takes no answer)",
    message:
      /^This is not a question in this survey version\.$|is not a (row|column|item) of this question\.$|is not a question|^This item does not take an answer\.$/,
  },
  { check: "a comment that is not text", message: /^A comment must be text\.$/ },
];

/** Replay a failing order with DIFFERENTIAL_SEED=<the seed fast-check prints>. */
const ORDER_SEED = process.env.DIFFERENTIAL_SEED ? Number(process.env.DIFFERENTIAL_SEED) : undefined;

/** Kept small for CI on a shared machine: each case builds several survey-core Models. */
const SETS_PER_SURVEY = Number(process.env.DIFFERENTIAL_SETS ?? 4);
const corpusSurveys = corpus();

function surveyCoreValid(definition: unknown, data: Record<string, unknown>): boolean {
  const model = createSurveyModel(definition);
  model.data = structuredClone(data);
  return model.validate(false, false);
}

const fieldsOf = new Map<unknown, ReturnType<typeof answerFields>>();

function strictOnly(definition: unknown, data: Record<string, unknown>, issues: AnswerIssue[]): boolean {
  let fields = fieldsOf.get(definition);
  if (!fields) {
    fields = answerFields(createSurveyModel(definition));
    fieldsOf.set(definition, fields);
  }
  const strict = valueIssues(fields, data);
  const keys = new Set(strict.map((i) => `${i.path ?? i.question}:${i.message}`));
  return issues.every(
    (i) =>
      keys.has(`${i.path ?? i.question}:${i.message}`) &&
      STRICTER_CHECKS.some((c) => c.message.test(i.message)),
  );
}

describe.each(corpusSurveys)("differential: $name", ({ definition }) => {
  // Valid sets from survey-core, and every mutation of each: thousands of cases over the corpus.
  const cases: Record<string, unknown>[] = [];
  for (let seed = 1; seed <= SETS_PER_SURVEY; seed++) {
    const valid = generateAnswers(definition, seed);
    cases.push(valid);
    MUTATIONS.forEach((how, i) => {
      cases.push(mutate(definition, valid, how, seed * 31 + i));
    });
  }
  const expected = cases.map((data) => validateAnswers(createSurveyModel(definition), structuredClone(data)));

  it("agrees with survey-core's verdict, plus only the listed stricter checks", () => {
    let invalidSeen = 0;
    cases.forEach((data, i) => {
      const issues = expected[i] ?? [];
      const valid = surveyCoreValid(definition, data);
      if (!valid) {
        invalidSeen += 1;
        expect(issues.length, JSON.stringify(data)).toBeGreaterThan(0);
      } else {
        expect(
          strictOnly(definition, data, issues),
          `${JSON.stringify(data)} → ${JSON.stringify(issues)}`,
        ).toBe(true);
      }
    });
    // The mutations reach the invalid verdict.
    expect(expected.filter((x) => x.length > 0).length).toBeGreaterThan(0);
    expect(invalidSeen).toBeLessThanOrEqual(cases.length);
  }, 120_000);

  it("gives a fresh Model's issues on the compiled path and on the fallback, in any order", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...cases.keys()], { minLength: cases.length }), (order) => {
        const compiled = new VersionValidator(definition);
        const fallback = new VersionValidator(definition, { compile: false });
        for (const i of order) {
          const data = cases[i] ?? {};
          expect(compiled.validate(structuredClone(data)), JSON.stringify(data)).toEqual(expected[i]);
          expect(fallback.validate(structuredClone(data)), JSON.stringify(data)).toEqual(expected[i]);
        }
      }),
      { numRuns: 1, ...(ORDER_SEED === undefined ? {} : { seed: ORDER_SEED }) },
    );
  }, 120_000);
});

describe("the corpus", () => {
  it("covers every question type survey-core ships that takes an answer, and every trigger kind", () => {
    const types = new Set<string>();
    const triggers = new Set<string>();
    for (const { definition } of corpusSurveys) {
      const model = createSurveyModel(definition);
      for (const q of model.getAllQuestions(false, false, true)) types.add(q.getType());
      for (const t of model.triggers) triggers.add(t.getType());
    }
    for (const type of [
      "text",
      "comment",
      "radiogroup",
      "checkbox",
      "dropdown",
      "tagbox",
      "boolean",
      "rating",
      "ranking",
      "imagepicker",
      "html",
      "image",
      "expression",
      "matrix",
      "matrixdropdown",
      "matrixdynamic",
      "paneldynamic",
      "multipletext",
    ])
      expect(types, type).toContain(type);
    for (const kind of [
      "visibletrigger",
      "setvaluetrigger",
      "copyvaluetrigger",
      "runexpressiontrigger",
      "completetrigger",
      "skiptrigger",
    ])
      expect(triggers, kind).toContain(kind);
  });

  it("has surveys the compiled plan covers", () => {
    const compiled = corpusSurveys.filter(
      ({ definition }) => new VersionValidator(definition).compiled.supported,
    );
    expect(compiled.map((s) => s.name)).toEqual(expect.arrayContaining(["top-level-elements"]));
  });
});
