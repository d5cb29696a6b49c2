import type { Model } from "survey-core";
import type { AnswerIssue } from "../contract/sync.ts";
import { type AnswerField, valueIssues } from "./answer-checks.ts";
import { validateWithPlan } from "./compiled-validation.ts";
import { createSurveyModel } from "./model.ts";
import { resetModel, snapshotModel } from "./model-reset.ts";
import { answerFields, modelNeedsReset, validateAnswers } from "./validate-answers.ts";
import { type CompiledValidation, compileValidationPlan } from "./validation-plan.ts";

/**
 * Validation of interviews against one published version (immutable, so this is built once per
 * version and reused). Where the version compiles to a plan, interviews are validated with it, without
 * a survey-core Model; otherwise with one Model reused from interview to interview. Where survey-core
 * keeps state beyond `data` (triggers, dynamic panels and matrices, choices carried from another
 * question: `modelNeedsReset`), the Model is put back to how a fresh one starts before each interview
 * (model-reset.ts; docs/decisions/0045). Either way the issues are exactly `validateAnswers`'s on a
 * fresh Model. An interview with a value a question cannot take is validated on a Model of its own:
 * survey-core reworks such values while it validates, which leaves state no reset is known to undo.
 */
export class VersionValidator {
  readonly compiled: CompiledValidation;
  /** Whether the reused Model is put back before each interview (survey-core keeps more than `data`). */
  readonly resets: boolean;
  private readonly definition: unknown;
  private readonly fields: ReadonlyMap<string, AnswerField>;
  private model: Model | undefined;

  constructor(definition: unknown, options: { compile?: boolean } = {}) {
    this.definition = pagesFirst(definition);
    const model = createSurveyModel(this.definition);
    this.fields = answerFields(model);
    this.resets = modelNeedsReset(model);
    this.compiled =
      options.compile === false
        ? { supported: false, reason: "compiling was turned off" }
        : compileValidationPlan(this.definition, model);
    // A compiled version lets the Model go: most interviews never need it, and it is large. The Model
    // that read the fields is not used to validate (reading a dynamic matrix's cells may add a row).
  }

  validate(data: Record<string, unknown>): AnswerIssue[] {
    if (this.compiled.supported) {
      const issues = validateWithPlan(this.compiled.plan, data);
      if (issues) return issues;
    }
    // A value a question cannot take (a list inside a checkbox's list…) leaves survey-core state that
    // `data` does not reset: a later interview's missing "other" text then passed. Such interviews,
    // rare in the field, get a Model of their own so the reused one only ever sees well-formed answers.
    const wrong = valueIssues(this.fields, data);
    if (wrong.length > 0) return onFreshModel(this.definition, data, this.fields, wrong);
    if (!this.model) {
      this.model = createSurveyModel(this.definition);
      if (this.resets) snapshotModel(this.model);
    } else if (this.resets) resetModel(this.model);
    try {
      return validateAnswers(this.model, data, this.fields);
    } catch {
      // survey-core threw on a value the checks above let through: the Model is not reused after that.
      this.model = undefined;
      return unreadableAnswers(this.definition, data);
    }
  }
}

const UNREADABLE = "This answer could not be checked: survey-core cannot read it.";

/**
 * The issues of an interview survey-core throws on while it validates (found by the third outside
 * probe: a hostile value failed the whole upload with a server error). Each answer is tried alone on a
 * Model of its own to name the ones it throws on; should none throw alone, every answer is named.
 * Rare, so its cost (a Model per answer) does not matter.
 */
function unreadableAnswers(definition: unknown, data: Record<string, unknown>): AnswerIssue[] {
  const keys = Object.keys(data);
  const throwsAlone = keys.filter((key) => {
    try {
      validateAnswers(createSurveyModel(definition), { [key]: data[key] });
      return false;
    } catch {
      return true;
    }
  });
  return (throwsAlone.length > 0 ? throwsAlone : keys).map((question) => ({ question, message: UNREADABLE }));
}

/**
 * survey-core 3.0.0 itself throws on some hostile values while it validates (a list given for a
 * matrix row whose cells include a checkbox: `JSON.parse("undefined")` in `clearIncorrectValues`).
 * Such an interview already has issues of its own (the value no question can take), so it is reported
 * with those instead of failing the whole upload with a server error.
 */
function onFreshModel(
  definition: unknown,
  data: Record<string, unknown>,
  fields: ReadonlyMap<string, AnswerField>,
  wrong: AnswerIssue[],
): AnswerIssue[] {
  try {
    return validateAnswers(createSurveyModel(definition), data, fields);
  } catch {
    return wrong;
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * survey-core reads questions at the root (`elements`, or the older `questions`) as one first page, and
 * a page's `questions` as its `elements`. Writing them that way before anything reads the definition
 * gives the same survey in the one shape the compiled plan covers (issue 16, finding 5).
 */
export function pagesFirst(definition: unknown): unknown {
  if (!isObject(definition)) return definition;
  const { elements, questions, ...rest } = definition;
  const root = Array.isArray(elements) ? elements : Array.isArray(questions) ? questions : undefined;
  const pages = Array.isArray(rest.pages) ? rest.pages : undefined;
  if (root && pages && pages.length > 0) return definition; // both: left exactly as survey-core reads it
  const normalised: Json = { ...rest };
  if (root) normalised.pages = [{ name: "page1", elements: root }];
  else if (pages)
    normalised.pages = pages.map((page) => {
      if (!isObject(page) || page.elements !== undefined || !Array.isArray(page.questions)) return page;
      const { questions: pageQuestions, ...others } = page;
      return { ...others, elements: pageQuestions };
    });
  else return definition;
  return normalised;
}
