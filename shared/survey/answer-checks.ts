import type { Question } from "survey-core";
import type { AnswerIssue } from "../contract/sync.ts";

/**
 * The checks survey-core skips, on what one question accepts as a value: survey-core quietly ignores a
 * value outside the choices, and does not flag an out-of-range rating, a malformed date or a boolean
 * that is not a boolean; a stored interview must not carry those unnoticed.
 *
 * What a question accepts is read once from its survey-core Question (`answerField`), so the same
 * checks serve validation through a Model and the compiled plan (validation-plan.ts) alike.
 */
export interface AnswerField {
  valueName: string;
  type: string;
  /** Every value a choice question accepts, its built-in items ("other", "none", …) included. */
  choices?: ReadonlySet<unknown>;
  /** A rating's own scale values, when it lists them. */
  rateValues?: readonly unknown[];
  scale?: { min: number; max: number; step: number };
  yes?: unknown;
  no?: unknown;
  inputType?: string;
  maxLength?: number;
  rows?: ReadonlySet<string>;
  columns?: ReadonlySet<unknown>;
}

type QuestionProps = Question & {
  choices?: { value: unknown }[];
  showOtherItem?: boolean;
  showNoneItem?: boolean;
  showRefuseItem?: boolean;
  showDontKnowItem?: boolean;
  otherItem?: { value: unknown };
  noneItem?: { value: unknown };
  refuseItem?: { value: unknown };
  dontKnowItem?: { value: unknown };
  rateValues?: { value: unknown }[];
  rateMin?: number;
  rateMax?: number;
  rateStep?: number;
  valueTrue?: unknown;
  valueFalse?: unknown;
  inputType?: string;
  maxLength?: number;
  rows?: { value: unknown }[];
  columns?: { value: unknown }[];
};

export function answerField(question: Question): AnswerField {
  const q = question as QuestionProps;
  const field: AnswerField = { valueName: question.getValueName(), type: question.getType() };
  switch (field.type) {
    case "radiogroup":
    case "dropdown":
    case "imagepicker":
    case "checkbox":
    case "tagbox":
    case "ranking":
      field.choices = choiceValues(q);
      break;
    case "rating":
      if (q.rateValues && q.rateValues.length > 0) field.rateValues = q.rateValues.map((r) => r.value);
      else field.scale = { min: q.rateMin ?? 1, max: q.rateMax ?? 5, step: q.rateStep ?? 1 };
      break;
    case "boolean":
      field.yes = q.valueTrue ?? true;
      field.no = q.valueFalse ?? false;
      break;
    case "text":
      field.inputType = String(q.inputType ?? "text");
      field.maxLength = Number(q.maxLength ?? 0);
      break;
    case "comment":
      field.maxLength = Number(q.maxLength ?? 0);
      break;
    case "matrix":
      field.rows = new Set((q.rows ?? []).map((r) => String(r.value)));
      field.columns = new Set((q.columns ?? []).map((c) => c.value));
      break;
  }
  return field;
}

function choiceValues(q: QuestionProps): Set<unknown> {
  const values = new Set<unknown>();
  for (const choice of q.choices ?? []) values.add(choice.value);
  if (q.showOtherItem && q.otherItem) values.add(q.otherItem.value);
  if (q.showNoneItem && q.noneItem) values.add(q.noneItem.value);
  if (q.showRefuseItem && q.refuseItem) values.add(q.refuseItem.value);
  if (q.showDontKnowItem && q.dontKnowItem) values.add(q.dontKnowItem.value);
  return values;
}

/**
 * The issues with the keys and values of `data` themselves: keys that are no question of the version,
 * comments that are not text, values a question cannot take. In the order of the keys.
 */
export function valueIssues(
  fields: ReadonlyMap<string, AnswerField>,
  data: Record<string, unknown>,
): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  for (const [key, value] of Object.entries(data)) {
    const field = fields.get(key) ?? commentOwner(fields, key);
    if (!field) {
      issues.push({ question: key, message: "This is not a question in this survey version." });
      continue;
    }
    if (field.valueName !== key) {
      if (typeof value !== "string") issues.push({ question: key, message: "A comment must be text." });
      continue;
    }
    if (value === null || value === undefined) continue;
    const problem = checkValue(field, value);
    if (problem) issues.push({ question: key, message: problem });
  }
  return issues;
}

export const COMMENT_SUFFIX = "-Comment";

/** `q1-Comment` holds the free text of a question's "other" choice or comment box. */
function commentOwner(fields: ReadonlyMap<string, AnswerField>, key: string): AnswerField | undefined {
  if (!key.endsWith(COMMENT_SUFFIX)) return undefined;
  return fields.get(key.slice(0, -COMMENT_SUFFIX.length));
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

function checkText(field: AnswerField, value: unknown): string | undefined {
  switch (field.inputType) {
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
      return checkString(field, value);
  }
}

function checkString(field: AnswerField, value: unknown): string | undefined {
  if (typeof value !== "string") return `Expected text, got ${describe(value)}.`;
  const maxLength = field.maxLength ?? 0;
  if (maxLength > 0 && value.length > maxLength) return `Longer than ${maxLength} characters.`;
  return undefined;
}

function checkValue(field: AnswerField, value: unknown): string | undefined {
  switch (field.type) {
    case "radiogroup":
    case "dropdown":
    case "imagepicker":
      return field.choices?.has(value) ? undefined : `${describe(value)} is not one of the choices.`;
    case "checkbox":
    case "tagbox":
    case "ranking": {
      if (!Array.isArray(value)) return `Expected a list of choices, got ${describe(value)}.`;
      const allowed = field.choices;
      const wrong = value.filter((v) => !allowed?.has(v));
      if (wrong.length > 0)
        return `${describe(wrong)} ${wrong.length === 1 ? "is" : "are"} not among the choices.`;
      if (new Set(value).size !== value.length) return "The same choice is given twice.";
      return undefined;
    }
    case "rating":
      return checkRating(field, value);
    case "boolean":
      return value === field.yes || value === field.no
        ? undefined
        : `Expected yes or no, got ${describe(value)}.`;
    case "text":
      return checkText(field, value);
    case "comment":
      return checkString(field, value);
    case "matrix":
      return checkMatrix(field, value);
    case "html":
    case "image":
    case "expression":
      return "This item does not take an answer.";
    default:
      return undefined;
  }
}

function checkRating(field: AnswerField, value: unknown): string | undefined {
  if (field.rateValues) {
    return field.rateValues.some((r) => r === value) ? undefined : `${describe(value)} is not on the scale.`;
  }
  const { min, max, step } = field.scale ?? { min: 1, max: 5, step: 1 };
  if (typeof value !== "number" || !Number.isFinite(value))
    return `Expected a number on the scale, got ${describe(value)}.`;
  if (value < min || value > max) return `${value} is outside the scale ${min}–${max}.`;
  const offset = (value - min) / step;
  if (Math.abs(offset - Math.round(offset)) > 1e-9) return `${value} is not a point on the scale.`;
  return undefined;
}

function checkMatrix(field: AnswerField, value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `Expected an answer per row, got ${describe(value)}.`;
  }
  for (const [row, answer] of Object.entries(value)) {
    if (!field.rows?.has(row)) return `${describe(row)} is not a row of this question.`;
    if (!field.columns?.has(answer)) return `${describe(answer)} is not a column of this question.`;
  }
  return undefined;
}
