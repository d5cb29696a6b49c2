import { isCommentedChoice } from "../../shared/survey/answer-checks.ts";
import { type AnswerColumn, columnInVersion } from "./columns.ts";

/**
 * One answer as one CSV cell, or null for a missing value. A value that does not fit its column's
 * type (a word in a number question, an impossible date: possible only in a response flagged for
 * review) is missing in the typed wide file, so R and pandas keep the column's type; the long file and
 * the JSON keep it as it was sent.
 */
export function wideCell(column: AnswerColumn, value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  switch (column.kind) {
    case "boolean": {
      const yes = yesOrNo(column, value);
      return yes === undefined ? null : booleanText(yes);
    }
    case "integer":
      return integerText(choiceCode(value));
    case "number":
      return numberText(value);
    case "date":
      return typeof value === "string" && isDate(value) ? value : null;
    case "code":
      return scalarText(choiceCode(value));
    case "codes":
      return Array.isArray(value) ? joinCodes(value.map(choiceCode)) : scalarText(choiceCode(value));
    case "text":
      return typeof value === "string" ? value : (scalarText(value) ?? JSON.stringify(value));
    case "json":
      return JSON.stringify(value);
  }
}

/**
 * The cells of one answer in the long file: one per chosen code of a multiple choice, otherwise one,
 * always as sent (the long file's value column is text).
 */
export function longCells(column: AnswerColumn, value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (column.kind === "codes" && Array.isArray(value)) {
    return value.map((v) => scalarText(choiceCode(v)) ?? JSON.stringify(v));
  }
  if (column.kind === "boolean") {
    const yes = yesOrNo(column, value);
    if (yes !== undefined) return [booleanText(yes)];
  }
  return [scalarText(choiceCode(value)) ?? JSON.stringify(value)];
}

/**
 * The code of a chosen item. A choice with a comment box of its own is kept by survey-core as
 * `{ value, comment }` (in a multiple choice, every item as `{ value }`): the CSV files give its code;
 * the comment, in the participant's own words, is in the data manager's JSON export only, and an
 * answer carrying one is withheld from evaluators (`fitsColumn`).
 */
function choiceCode(value: unknown): unknown {
  return isCommentedChoice(value) ? value.value : value;
}

/** Whether a comment was typed beside a chosen item (or any item of a list). */
function hasChoiceComment(value: unknown): boolean {
  const items = Array.isArray(value) ? value : [value];
  return items.some((v) => isCommentedChoice(v) && v.comment !== undefined && v.comment !== "");
}

/**
 * A yes/no answer as true or false: `true` and `false`, or the question's own values for yes and no
 * (`valueTrue`, `valueFalse`: an XLSForm "acknowledge" stores "OK") in any version that sets them.
 */
function yesOrNo(column: AnswerColumn, value: unknown): boolean | undefined {
  for (const { field } of column.versions) {
    if (!field.booleanValues) continue;
    if (value === field.booleanValues.yes) return true;
    if (value === field.booleanValues.no) return false;
  }
  if (typeof value !== "boolean") return undefined;
  // `true` in a version whose own values are others is no answer of that version; a version without
  // its own values takes it.
  return column.versions.some((v) => !v.field.booleanValues) ? value : undefined;
}

/** SurveyJS's own values for its special items, which the flattened choices do not list. */
const SPECIAL_CHOICES = new Set(["other", "none", "refuse", "dontknow"]);

/**
 * Whether an answer fits its column's type: a boolean in a yes/no question, a number in a number
 * question, a real date, one of the question's codes in a choice question, a structure in a matrix.
 * Free text fits a text column whatever it says. Only a response flagged for review can hold a misfit.
 */
export function fitsColumn(column: AnswerColumn, value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (hasChoiceComment(value)) return false;
  switch (column.kind) {
    case "boolean":
    case "integer":
    case "number":
    case "date":
      return wideCell(column, value) !== null;
    case "code":
      return isCode(column, choiceCode(value));
    case "codes":
      return Array.isArray(value)
        ? value.every((v) => isCode(column, choiceCode(v)))
        : isCode(column, choiceCode(value));
    case "text":
      return typeof value !== "object";
    case "json":
      return typeof value === "object";
  }
}

/** Kinds whose fit `fitsColumn` checks value by value (type, codes, dates). */
const CHECKED_KINDS: ReadonlySet<AnswerColumn["kind"]> = new Set([
  "boolean",
  "integer",
  "number",
  "date",
  "code",
  "codes",
]);

/**
 * Whether someone who reads only answers that fit their question (an evaluator: README "Who sees
 * what") may read this one. `fitsColumn` checks what a column's type can tell; a structure (a grid's
 * rows, where a row's text turns up in place of a column's code) it cannot check, so there the
 * server's own check decides: an answer to a question it flagged (`flagged`) does not fit. A column
 * whose kind changed between versions (written as text, where any string fits) is checked as the
 * question stood in the version the answer was given in (`version`), where typed words are not a
 * code even when that version accepts them as "Other".
 */
export function answerFits(
  column: AnswerColumn,
  value: unknown,
  flagged: boolean,
  version?: number,
): boolean {
  if (!fitsColumn(column, value)) return false;
  if (value === undefined || value === null || value === "") return true;
  const asked = version === undefined ? column : columnInVersion(column, version);
  if (asked === undefined || !fitsColumn(asked, value)) return false;
  return !flagged || CHECKED_KINDS.has(asked.kind);
}

/**
 * Whether a value is one of the codes the question lists (in any version). A question whose choices
 * are not in the survey itself (carried forward from another question, read from a web address)
 * lists none, and then nothing but SurveyJS's own items is known to be a code: text typed as a tag
 * or as "Other" is not (issue 13 probe, test/server/intruder/probe-choices-from-elsewhere.test.ts).
 */
function isChoice(column: AnswerColumn, value: unknown): boolean {
  if (SPECIAL_CHOICES.has(String(value))) return true;
  const choices = column.versions.flatMap((v) => v.field.choices ?? []);
  return choices.some((c) => String(c.value) === String(value));
}

function isCode(column: AnswerColumn, value: unknown): boolean {
  return scalarText(value) !== null && isChoice(column, value);
}

function scalarText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean") return booleanText(value);
  return null;
}

/**
 * Upper case: R's read.csv reads TRUE/FALSE as logical but leaves true/false as text; pandas and
 * Frictionless read both.
 */
export function booleanText(value: boolean): string {
  return value ? "TRUE" : "FALSE";
}

function joinCodes(values: unknown[]): string | null {
  const codes = values.map(scalarText);
  if (codes.length === 0) return null;
  return codes.every((c) => c !== null) ? codes.join(";") : JSON.stringify(values);
}

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

function numberText(value: unknown): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "string" && NUMBER.test(value.trim())) return String(Number(value.trim()));
  return null;
}

function integerText(value: unknown): string | null {
  const text = numberText(value);
  return text !== null && Number.isInteger(Number(text)) ? text : null;
}

function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A timestamp as Frictionless' default datetime format, `YYYY-MM-DDThh:mm:ssZ`, in UTC. */
export function utcSeconds(iso: string): string | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
