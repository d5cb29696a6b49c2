import type { Model, Question } from "survey-core";
import type { AnswerIssue } from "../contract/sync.ts";
import { type AnswerField, answerField, valueIssues } from "./answer-checks.ts";

/**
 * Meaning check of one response against one survey version: survey-core's own rules (required,
 * validators, ranges on text inputs) plus the checks survey-core skips (answer-checks.ts).
 *
 * The Model is reused across calls (building one costs far more than validating), so this sets its
 * data, validates, and leaves it to the next call to replace the data. This is the reference: the
 * compiled plan (validation-plan.ts) must give exactly what this gives, and versions it cannot cover
 * are validated here.
 */
export function validateAnswers(model: Model, data: Record<string, unknown>): AnswerIssue[] {
  const issues = valueIssues(answerFields(model), data);

  // A question still carrying the previous interview's errors re-validates itself as soon as its value
  // changes, and validate() below checks it again anyway: clearing them first saves that double work.
  for (const question of withErrors.get(model) ?? []) question.errors = [];
  model.data = data;
  model.validate(true, false);
  const failed: Question[] = [];
  for (const question of model.getAllQuestions(true)) {
    if (question.errors.length > 0) failed.push(question);
    for (const error of question.errors) {
      const name = question.getValueName();
      if (!issues.some((i) => i.question === name)) issues.push({ question: name, message: error.getText() });
    }
  }
  withErrors.set(model, failed);
  return issues;
}

/** Per reused Model: what each question accepts, by value name (fixed for a version), and those left with errors. */
const fieldsByModel = new WeakMap<Model, Map<string, AnswerField>>();
const withErrors = new WeakMap<Model, Question[]>();

/** Every question of the Model, visible or not, by value name. */
export function answerFields(model: Model): Map<string, AnswerField> {
  let fields = fieldsByModel.get(model);
  if (!fields) {
    fields = new Map();
    for (const question of model.getAllQuestions(false, false, false)) {
      fields.set(question.getValueName(), answerField(question));
    }
    fieldsByModel.set(model, fields);
  }
  return fields;
}
