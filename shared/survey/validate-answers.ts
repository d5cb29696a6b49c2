import type { Model, Question } from "survey-core";
import type { AnswerIssue } from "../contract/sync.ts";

/**
 * Meaning check of one response against one survey version: survey-core's own rules (required,
 * validators, ranges on text inputs) plus the checks survey-core skips. survey-core quietly ignores a
 * value outside the choices, and does not flag an out-of-range rating, a malformed date or a boolean
 * that is not a boolean; a stored interview must not carry those unnoticed.
 *
 * The Model is reused across calls (building one costs far more than validating), so this sets its
 * data, validates, and leaves it to the next call to replace the data.
 */
export function validateAnswers(model: Model, data: Record<string, unknown>): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const byValueName = questionsByValueName(model);

  for (const [key, value] of Object.entries(data)) {
    const question = byValueName.get(key) ?? commentOwner(byValueName, key);
    if (!question) {
      issues.push({ question: key, message: "This is not a question in this survey version." });
      continue;
    }
    if (question.getValueName() !== key) {
      if (typeof value !== "string") issues.push({ question: key, message: "A comment must be text." });
      continue;
    }
    if (value === null || value === undefined) continue;
    const problem = checkValue(question, value);
    if (problem) issues.push({ question: key, message: problem });
  }

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

/** Per reused Model: its questions by value name (fixed for a version) and those left with errors. */
const byValueNames = new WeakMap<Model, Map<string, Question>>();
const withErrors = new WeakMap<Model, Question[]>();

function questionsByValueName(model: Model): Map<string, Question> {
  let byValueName = byValueNames.get(model);
  if (!byValueName) {
    byValueName = new Map();
    for (const question of model.getAllQuestions(false, false, false)) {
      byValueName.set(question.getValueName(), question);
    }
    byValueNames.set(model, byValueName);
  }
  return byValueName;
}

/** `q1-Comment` holds the free text of a question's "other" choice or comment box. */
function commentOwner(byValueName: Map<string, Question>, key: string): Question | undefined {
  const suffix = "-Comment";
  if (!key.endsWith(suffix)) return undefined;
  return byValueName.get(key.slice(0, -suffix.length));
}

function choiceValues(question: Question): Set<unknown> {
  const values = new Set<unknown>();
  const q = question as Question & {
    choices?: { value: unknown }[];
    showOtherItem?: boolean;
    showNoneItem?: boolean;
    showRefuseItem?: boolean;
    showDontKnowItem?: boolean;
    otherItem?: { value: unknown };
    noneItem?: { value: unknown };
    refuseItem?: { value: unknown };
    dontKnowItem?: { value: unknown };
  };
  for (const choice of q.choices ?? []) values.add(choice.value);
  if (q.showOtherItem && q.otherItem) values.add(q.otherItem.value);
  if (q.showNoneItem && q.noneItem) values.add(q.noneItem.value);
  if (q.showRefuseItem && q.refuseItem) values.add(q.refuseItem.value);
  if (q.showDontKnowItem && q.dontKnowItem) values.add(q.dontKnowItem.value);
  return values;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function checkText(question: Question, value: unknown): string | undefined {
  const inputType = String((question as Question & { inputType?: string }).inputType ?? "text");
  switch (inputType) {
    case "number":
    case "range":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : `Expected a number, got ${describe(value)}.`;
    case "date":
      return typeof value === "string" && isCalendarDate(value)
        ? undefined
        : `Not a valid date: ${describe(value)}.`;
    case "time":
      return typeof value === "string" && TIME.test(value)
        ? undefined
        : `Not a valid time: ${describe(value)}.`;
    case "datetime-local": {
      if (typeof value !== "string") return `Not a valid date and time: ${describe(value)}.`;
      const [day, time] = value.split("T");
      return day && time && isCalendarDate(day) && TIME.test(time)
        ? undefined
        : `Not a valid date and time: ${describe(value)}.`;
    }
    default:
      return checkString(question, value);
  }
}

function checkString(question: Question, value: unknown): string | undefined {
  if (typeof value !== "string") return `Expected text, got ${describe(value)}.`;
  const maxLength = Number((question as Question & { maxLength?: number }).maxLength ?? 0);
  if (maxLength > 0 && value.length > maxLength) return `Longer than ${maxLength} characters.`;
  return undefined;
}

function checkValue(question: Question, value: unknown): string | undefined {
  const type = question.getType();
  switch (type) {
    case "radiogroup":
    case "dropdown":
    case "imagepicker":
      return choiceValues(question).has(value) ? undefined : `${describe(value)} is not one of the choices.`;
    case "checkbox":
    case "tagbox":
    case "ranking": {
      if (!Array.isArray(value)) return `Expected a list of choices, got ${describe(value)}.`;
      const allowed = choiceValues(question);
      const wrong = value.filter((v) => !allowed.has(v));
      if (wrong.length > 0)
        return `${describe(wrong)} ${wrong.length === 1 ? "is" : "are"} not among the choices.`;
      if (new Set(value).size !== value.length) return "The same choice is given twice.";
      return undefined;
    }
    case "rating":
      return checkRating(question, value);
    case "boolean": {
      const q = question as Question & { valueTrue?: unknown; valueFalse?: unknown };
      const yes = q.valueTrue ?? true;
      const no = q.valueFalse ?? false;
      return value === yes || value === no ? undefined : `Expected yes or no, got ${describe(value)}.`;
    }
    case "text":
      return checkText(question, value);
    case "comment":
      return checkString(question, value);
    case "matrix":
      return checkMatrix(question, value);
    case "html":
    case "image":
    case "expression":
      return "This item does not take an answer.";
    default:
      return undefined;
  }
}

function checkRating(question: Question, value: unknown): string | undefined {
  const q = question as Question & {
    rateValues?: { value: unknown }[];
    rateMin?: number;
    rateMax?: number;
    rateStep?: number;
  };
  if (q.rateValues && q.rateValues.length > 0) {
    return q.rateValues.some((r) => r.value === value)
      ? undefined
      : `${describe(value)} is not on the scale.`;
  }
  const min = q.rateMin ?? 1;
  const max = q.rateMax ?? 5;
  const step = q.rateStep ?? 1;
  if (typeof value !== "number" || !Number.isFinite(value))
    return `Expected a number on the scale, got ${describe(value)}.`;
  if (value < min || value > max) return `${value} is outside the scale ${min}–${max}.`;
  const offset = (value - min) / step;
  if (Math.abs(offset - Math.round(offset)) > 1e-9) return `${value} is not a point on the scale.`;
  return undefined;
}

function checkMatrix(question: Question, value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `Expected an answer per row, got ${describe(value)}.`;
  }
  const q = question as Question & { rows?: { value: unknown }[]; columns?: { value: unknown }[] };
  const rows = new Set((q.rows ?? []).map((r) => String(r.value)));
  const columns = new Set((q.columns ?? []).map((c) => c.value));
  for (const [row, answer] of Object.entries(value)) {
    if (!rows.has(row)) return `${describe(row)} is not a row of this question.`;
    if (!columns.has(answer)) return `${describe(answer)} is not a column of this question.`;
  }
  return undefined;
}
