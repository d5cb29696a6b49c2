import fc from "fast-check";
import type { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import type { AnswerIssue } from "../../../shared/contract/sync.ts";
import { valueIssues } from "../../../shared/survey/answer-checks.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { resetModel, snapshotModel } from "../../../shared/survey/model-reset.ts";
import { answerFields, modelNeedsReset, validateAnswers } from "../../../shared/survey/validate-answers.ts";
import { VersionValidator } from "../../../shared/survey/version-validator.ts";
import { testNumber } from "../../helpers/test-env.ts";
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
 *   an item that takes none, a comment that is not text, a file, signature or worked-out value
 *   survey-core cannot read (0078).
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
      /^This is not a question in this survey version\.$|is not an? (row|column|item) of this question\.$|is not a question|^This item does not take an answer\.$/,
  },
  { check: "a comment that is not text", message: /^A comment must be text\.$/ },
  {
    check: "a file, picture or worked-out value survey-core cannot read (0078)",
    message:
      /^Expected a list of files, got|^Expected each file as its name, type and content\.$|^Expected a picture, got|^Expected a worked-out value, got|^This answer could not be checked/,
  },
];

/** Replay a failing order with DIFFERENTIAL_SEED=<the seed fast-check prints>. */
const ORDER_SEED = testNumber("DIFFERENTIAL_SEED");

/**
 * Cases over the whole corpus: 1,200 by default, which keeps every survey above its minimum and every
 * corruption on every survey. The corpus has grown: on 2026-12-07, 2,000 cases cost 196 s of a CI
 * worker's time (93 s judged by survey-core as the files load, 103 s validated), the largest single cost
 * in the suite. `DIFFERENTIAL_CASES=20000` runs more. `DIFFERENTIAL_CORPUS_SEED` draws other answer
 * sets and corruptions.
 */
const TOTAL_CASES = testNumber("DIFFERENTIAL_CASES") ?? 1200;
const VALID_SETS = testNumber("DIFFERENTIAL_SETS") ?? 6;
const CORPUS_SEED = testNumber("DIFFERENTIAL_CORPUS_SEED") ?? 1;
/**
 * On a Model reused between cases, one case in this many is judged again by a fresh Model; on one put
 * back before each case (model-reset.ts), one in RESET_FRESH_EVERY.
 */
const FRESH_EVERY = 25;
const RESET_FRESH_EVERY = 5;

/**
 * survey-core's judgement of one answer set: its own verdict (`validate()`) and the issues
 * `validateAnswers` reads from it. Building a Model is most of the cost (fromJSON and the first
 * conditions run: 15-200 ms a survey on this machine, against 5-15 ms to set `data` and validate), so
 * each survey is judged on one Model per worker, as the server does: with nothing but `data` set where
 * survey-core keeps no other state, and put back to how a fresh Model starts (`resetModel`) where it
 * does (`modelNeedsReset`: triggers, dynamic panels and matrices, carried choices). Answer sets with a
 * value no question can take get a fresh Model (survey-core reworks those values). The reuse is itself
 * checked against a fresh Model every FRESH_EVERY (or RESET_FRESH_EVERY) cases, and the server's
 * validators meet the cases in another, shuffled order.
 */
class SurveyCore {
  readonly resets: boolean;
  readonly fields: ReturnType<typeof answerFields>;
  private model: Model | undefined;
  judged = 0;

  constructor(private readonly definition: unknown) {
    const model = createSurveyModel(definition);
    this.resets = modelNeedsReset(model);
    this.fields = answerFields(model);
  }

  judge(data: Record<string, unknown>, always = false): { valid: boolean; issues: AnswerIssue[] } {
    // A value a question cannot take leaves survey-core state behind (nested-validation.test.ts): such
    // answer sets get a fresh Model here too.
    const fresh = always || valueIssues(this.fields, data).length > 0;
    let model = this.model;
    if (fresh) model = createSurveyModel(this.definition);
    else if (!model) {
      model = createSurveyModel(this.definition);
      if (this.resets) snapshotModel(model);
      this.model = model;
    } else if (this.resets) resetModel(model);
    const issues = validateAnswers(model, structuredClone(data), this.fields);
    // survey-core's own verdict on the same answers (validate again: the return value is its word).
    const valid = model.validate(false, false);
    this.judged += 1;
    return { valid, issues };
  }
}

type Case = { survey: number; data: Record<string, unknown>; valid: boolean; issues: AnswerIssue[] };

/**
 * Cases per survey, by a fixed estimate of what one case costs (its questions, inner ones included,
 * times 2 where its Model is put back before each case): cheap surveys get more cases, so the run covers more in the
 * same minute, and every survey gets at least MIN_CASES. Rounded up, so the parts together judge at least
 * the total asked for. Fixed, so a seed replays the same cases.
 */
const MIN_CASES = 40;
function quotas(total: number, definitions: unknown[], cores: SurveyCore[]): number[] {
  const costs = definitions.map((definition, i) => {
    const questions = createSurveyModel(definition).getAllQuestions(false, false, true).length;
    return Math.max(1, questions) * (cores[i]?.resets ? 2 : 1);
  });
  const share = costs.reduce((sum, c) => sum + 1 / c, 0);
  return costs.map((c) => Math.max(MIN_CASES, VALID_SETS, Math.ceil(total / c / share)));
}

/**
 * The suite over one part of the corpus (every `parts`-th survey from `part`): the two test files
 * run one part each, so vitest's two workers share the cost.
 */
export function differentialSuite(part: number, parts: number): void {
  const corpusSurveys = corpus().filter((_, i) => i % parts === part);
  const total = Math.ceil(TOTAL_CASES / parts);
  const cores = corpusSurveys.map(({ definition }) => new SurveyCore(definition));
  const quota = quotas(
    total,
    corpusSurveys.map((s) => s.definition),
    cores,
  );
  const cases: Case[] = [];
  // survey-core warns on the console when a hostile value is refused for a matrix or dynamic panel; the
  // refusal is what is tested, so that one warning is kept out of the test output.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("An attempt to assign an incorrect value")) return;
    warn(...args);
  };
  const started = performance.now();
  corpusSurveys.forEach(({ definition }, survey) => {
    const core = cores[survey] as SurveyCore;
    const valid = Array.from({ length: VALID_SETS }, (_, k) =>
      generateAnswers(definition, CORPUS_SEED * 1000 + survey * 100 + k),
    );
    const want = quota[survey] ?? 0;
    for (let j = 0; j < want; j++) {
      const base = valid[j % valid.length] ?? {};
      const data =
        j < valid.length
          ? base
          : mutate(definition, base, MUTATIONS[j % MUTATIONS.length] ?? "missing", CORPUS_SEED * 100_000 + j);
      cases.push({ survey, data, ...core.judge(data) });
    }
  });
  const judgedIn = performance.now() - started;

  function strictOnly(core: SurveyCore, data: Record<string, unknown>, issues: AnswerIssue[]): boolean {
    const strict = valueIssues(core.fields, data);
    const keys = new Set(strict.map((i) => `${i.path ?? i.question}:${i.message}`));
    return issues.every(
      (i) =>
        keys.has(`${i.path ?? i.question}:${i.message}`) &&
        STRICTER_CHECKS.some((c) => c.message.test(i.message)),
    );
  }

  describe.each(corpusSurveys.map((s, index) => ({ ...s, index })))("differential: $name", ({ index }) => {
    const mine = cases.filter((c) => c.survey === index);
    const core = cores[index] as SurveyCore;

    it("agrees with survey-core's verdict, plus only the listed stricter checks", () => {
      for (const { data, valid, issues } of mine) {
        if (!valid) expect(issues.length, JSON.stringify(data)).toBeGreaterThan(0);
        else
          expect(strictOnly(core, data, issues), `${JSON.stringify(data)} → ${JSON.stringify(issues)}`).toBe(
            true,
          );
      }
      // Both verdicts occur: the generator makes answer sets survey-core accepts, the mutator ones it refuses.
      expect(mine.some((c) => c.valid)).toBe(true);
      expect(mine.some((c) => !c.valid)).toBe(true);
    });

    it(`judges the same on a reused Model${core.resets ? ", put back before each case," : ""} as on a fresh one`, () => {
      const every = core.resets ? RESET_FRESH_EVERY : FRESH_EVERY;
      mine.forEach((c, i) => {
        if (i % every !== 0) return;
        expect(core.judge(c.data, true), JSON.stringify(c.data)).toEqual({
          valid: c.valid,
          issues: c.issues,
        });
      });
    }, 120_000);
  });

  describe("the server's validators", () => {
    it("give a fresh Model's issues on the compiled path and on the fallback, in any order across surveys", () => {
      // One validator pair per survey for the whole run, as the server keeps one per published version.
      const compiled = corpusSurveys.map(({ definition }) => new VersionValidator(definition));
      const fallback = corpusSurveys.map(
        ({ definition }) => new VersionValidator(definition, { compile: false }),
      );
      const start = performance.now();
      let validations = 0;
      fc.assert(
        fc.property(fc.shuffledSubarray([...cases.keys()], { minLength: cases.length }), (order) => {
          for (const i of order) {
            const { survey, data, issues } = cases[i] as Case;
            const where = `${corpusSurveys[survey]?.name}: ${JSON.stringify(data)}`;
            // The compiled path only differs from the fallback where the version compiles.
            if (compiled[survey]?.compiled.supported) {
              expect(compiled[survey]?.validate(structuredClone(data)), where).toEqual(issues);
              validations += 1;
            }
            expect(fallback[survey]?.validate(structuredClone(data)), where).toEqual(issues);
            validations += 1;
          }
        }),
        { numRuns: 1, ...(ORDER_SEED === undefined ? {} : { seed: ORDER_SEED }) },
      );
      const seconds = (performance.now() - start) / 1000;
      console.info(
        `differential part ${part + 1}/${parts}: ${cases.length} cases judged by survey-core in ${(judgedIn / 1000).toFixed(1)} s ` +
          `(${Math.round(cases.length / (judgedIn / 1000))}/s); ${validations} server validations in ` +
          `${seconds.toFixed(1)} s (${Math.round(validations / seconds)}/s); per survey ` +
          corpusSurveys.map((s, i) => `${s.name} ${quota[i]}`).join(", "),
      );
      expect(cases.length).toBeGreaterThanOrEqual(total);
    }, 300_000);
  });
}
