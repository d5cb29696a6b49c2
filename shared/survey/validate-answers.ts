import type { Model, Question } from "survey-core";
import type { AnswerIssue } from "../contract/sync.ts";
import { type AnswerField, answerField, joinPath, sharedValueFields, valueIssues } from "./answer-checks.ts";

/**
 * Meaning check of one response against one survey version: survey-core's own rules (required,
 * validators, ranges on text inputs) on every question survey-core validates — inside panels, each
 * panel of a dynamic panel, each row and cell of a matrix, each item of a multiple-text question —
 * plus the checks survey-core skips (answer-checks.ts). Nested issues carry their path
 * (`household[1].age`, `support.staff`).
 *
 * A Model may be reused for many interviews where `data` is all that differs between them, or once it
 * is put back as a fresh one starts (`modelNeedsReset`, model-reset.ts). This is the reference:
 * the compiled plan (validation-plan.ts) must give exactly what this gives.
 */
export function validateAnswers(
  model: Model,
  data: Record<string, unknown>,
  fields: ReadonlyMap<string, AnswerField> = answerFields(model),
): AnswerIssue[] {
  const issues = valueIssues(fields, data);
  const seen = new Set(issues.map((i) => i.path ?? i.question));

  // A question still carrying the previous interview's errors re-validates itself as soon as its value
  // changes, and validate() below checks it again anyway: clearing them first saves that double work.
  for (const question of withErrors.get(model) ?? []) question.errors = [];
  model.data = data;
  model.validate(true, false);
  const failed: Question[] = [];
  const report = (question: Question, top: string, steps: (string | number)[]) => {
    if (question.errors.length > 0) failed.push(question);
    const path = steps.length > 0 ? joinPath(top, steps) : undefined;
    const key = path ?? top;
    for (const error of question.errors) {
      if (seen.has(key)) break;
      seen.add(key);
      issues.push(
        path
          ? { question: top, message: error.getText(), path }
          : { question: top, message: error.getText() },
      );
    }
    for (const [inner, step] of innerQuestions(question)) report(inner, top, [...steps, ...step]);
  };
  for (const question of model.getAllQuestions(true)) report(question, question.getValueName(), []);
  withErrors.set(model, failed);
  return issues;
}

type Nested = Question & {
  panels?: { questions: Question[] }[];
  visibleRows?: { rowName?: unknown; cells: { column: { name: string }; question: Question }[] }[];
  items?: { name: string; editor: Question }[];
};

/** The questions survey-core validates inside a question, each with the steps that lead to it. */
function innerQuestions(question: Question): [Question, (string | number)[]][] {
  const q = question as Nested;
  const found: [Question, (string | number)[]][] = [];
  switch (question.getType()) {
    case "paneldynamic":
      (q.panels ?? []).forEach((panel, index) => {
        for (const inner of panel.questions) found.push([inner, [index, inner.getValueName()]]);
      });
      break;
    case "matrixdropdown":
    case "matrixdynamic": {
      const dynamic = question.getType() === "matrixdynamic";
      (q.visibleRows ?? []).forEach((row, index) => {
        const rowStep = dynamic ? index : String(row.rowName);
        for (const cell of row.cells) found.push([cell.question, [rowStep, cell.column.name]]);
      });
      break;
    }
    case "multipletext":
      for (const item of q.items ?? []) found.push([item.editor, [item.name]]);
      break;
  }
  return found;
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
      const name = question.getValueName();
      const shared = fields.get(name);
      const field = answerField(question);
      fields.set(name, shared ? sharedValueFields(shared, field) : field);
    }
    // A calculated value the survey puts into the answers (an XLSForm `calculate`): survey-core works
    // it out on the tablet and takes any value, so the server does too (the exports leave it out).
    for (const calculated of model.calculatedValues) {
      if (calculated.includeIntoResult && calculated.name && !fields.has(calculated.name))
        fields.set(calculated.name, { valueName: calculated.name, type: "calculatedvalue" });
    }
    fieldsByModel.set(model, fields);
  }
  return fields;
}

/** Question types whose state survey-core keeps apart from `data` (row and panel counts, added rows). */
const STATEFUL_TYPES = new Set(["paneldynamic", "matrixdynamic"]);

/**
 * Whether a reused Model must be put back to how a fresh one starts (model-reset.ts) before each
 * interview: setting `data` resets answers, conditions and calculated values, but not what triggers did
 * (a legacy `visible` trigger leaves a question shown; `skip` moves the current page), nor a dynamic
 * panel's or matrix's count of panels or rows, nor the previous answer of a question whose choices come
 * from another (`choicesFromQuestion`: cleared while the new data is written in). Other versions reuse
 * one Model with nothing but `data` set (issue 16, finding 3; docs/decisions/0045).
 */
export function modelNeedsReset(model: Model): boolean {
  if (model.triggers.length > 0) return true;
  return model
    .getAllQuestions(false, false, true)
    .some(
      (q) =>
        STATEFUL_TYPES.has(q.getType()) ||
        Boolean((q as Question & { choicesFromQuestion?: string }).choicesFromQuestion),
    );
}
