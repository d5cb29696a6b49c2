import type { SurveyField } from "../../shared/survey/fields.ts";

/**
 * The columns of an export: one per question across every version of the survey, plus a column for
 * the free text of an "other" choice or comment box. Planned once per export from the fields
 * flattened at publish, so a page of rows is only turned into cells.
 */

/** How a column's values are written; each kind has one Frictionless type. */
export type ColumnKind =
  | "boolean"
  | "integer"
  | "number"
  | "date"
  /** One choice code, written as it is. */
  | "code"
  /** Several choice codes, joined by `;`. */
  | "codes"
  | "text"
  /** A structured answer (matrix, dynamic panel), written as JSON. */
  | "json";

export type FrictionlessType = "boolean" | "integer" | "number" | "date" | "string";

export interface QuestionVersion {
  version: number;
  position: number;
  field: SurveyField;
}

export interface AnswerColumn {
  /** The column's name in the CSV files; the question name unless that would clash. */
  name: string;
  /** The key in the response's answers (`name`, or `name-Comment` for other/comment text). */
  key: string;
  kind: ColumnKind;
  type: FrictionlessType;
  /** The question as it stands in the latest version that has it. */
  title: string;
  freeText: boolean;
  /** Each version the question appears in, for the codebook. Empty for a comment column. */
  versions: QuestionVersion[];
  /** For a comment column: the question it belongs to. */
  commentOf?: string;
}

export interface VersionFields {
  version: number;
  fields: SurveyField[];
  /** Value names of questions with an "other" choice or a comment box (stored under `name-Comment`). */
  commentQuestions: string[];
}

/** The columns every export starts with, before the answers. */
export const ENVELOPE_COLUMNS = [
  { name: "response_id", type: "string", description: "The response's id, made by the tablet (UUID)." },
  { name: "participant_code", type: "string", description: "The participant's pseudonymous code." },
  { name: "survey_id", type: "string", description: "The survey." },
  { name: "survey_version", type: "integer", description: "The published version the participant answered." },
  { name: "area_id", type: "string", description: "The area where the interview took place." },
  { name: "wave", type: "integer", description: "0 for the baseline interview, 1, 2 … for follow-ups." },
  {
    name: "administration_mode",
    type: "string",
    description: "read_aloud, self_completed or mixed: who read the questions.",
  },
  {
    name: "language",
    type: "string",
    description:
      "The language the participant was asked in (en, pl, ar, en-easy for Easy Read …). Answers are the same values in every language.",
  },
  { name: "started_at", type: "datetime", description: "When the interview started (UTC)." },
  { name: "completed_at", type: "datetime", description: "When the interview was completed (UTC)." },
  { name: "received_at", type: "datetime", description: "When the server received it (UTC)." },
  {
    name: "review_status",
    type: "string",
    description: "received, needs_review or approved (rejected responses are never exported).",
  },
  {
    name: "review_issues",
    type: "string",
    description: "Questions whose answers failed the survey's checks, separated by ';'.",
  },
  {
    name: "withheld_answers",
    type: "string",
    description:
      "Questions whose answer did not fit the question's type (such as words in a number question) and is left out of this export, separated by ';'. Only the data manager's exports include them.",
  },
] as const;

const FREE_TEXT_TYPES = new Set([
  "comment",
  "multipletext",
  "paneldynamic",
  "matrixdropdown",
  "matrixdynamic",
  "file",
  "signaturepad",
]);
const MULTI_CHOICE_TYPES = new Set(["checkbox", "tagbox", "ranking"]);
const SINGLE_CHOICE_TYPES = new Set(["radiogroup", "dropdown", "imagepicker", "buttongroup"]);
/** Text inputs whose value is a number or a date, not words. */
const NUMBER_INPUTS = new Set(["number", "range"]);

function kindOf(field: SurveyField): { kind: ColumnKind; freeText: boolean } {
  const integerCodes = (field.choices ?? []).every((c) => Number.isInteger(c.value));
  switch (field.type) {
    case "boolean":
      return { kind: "boolean", freeText: false };
    case "rating":
      if (field.choices?.length) return { kind: integerCodes ? "integer" : "code", freeText: false };
      return {
        kind:
          field.scale && Number.isInteger(field.scale.min) && Number.isInteger(field.scale.step)
            ? "integer"
            : "number",
        freeText: false,
      };
    case "text": {
      const input = field.inputType ?? "text";
      if (NUMBER_INPUTS.has(input)) return { kind: "number", freeText: false };
      if (input === "date") return { kind: "date", freeText: false };
      return { kind: "text", freeText: true };
    }
    default:
      if (SINGLE_CHOICE_TYPES.has(field.type) && field.choices?.length && !field.multiple) {
        return { kind: integerCodes ? "integer" : "code", freeText: false };
      }
      if (MULTI_CHOICE_TYPES.has(field.type) || field.multiple) return { kind: "codes", freeText: false };
      return {
        kind: FREE_TEXT_TYPES.has(field.type) ? "text" : "json",
        freeText: FREE_TEXT_TYPES.has(field.type),
      };
  }
}

const inVersion = new WeakMap<AnswerColumn, Map<number, AnswerColumn | undefined>>();

/**
 * The column as the question stood in one version: its kind and choices there. A question whose kind
 * changed between versions is written as text (or JSON), which any value fits; what a participant may
 * have typed there is told by the version they were asked. Undefined when that version had no such
 * question. A comment column is the same in every version.
 */
export function columnInVersion(column: AnswerColumn, version: number): AnswerColumn | undefined {
  if (column.commentOf !== undefined) return column;
  // Asked once per column and version, not once per row of an export.
  let byVersion = inVersion.get(column);
  if (!byVersion) {
    byVersion = new Map();
    inVersion.set(column, byVersion);
  }
  if (byVersion.has(version)) return byVersion.get(version);
  const asked = column.versions.find((v) => v.version === version);
  const found = asked && { ...column, ...kindOf(asked.field), versions: [asked] };
  if (found) found.type = frictionlessType(found.kind);
  byVersion.set(version, found);
  return found;
}

export function frictionlessType(kind: ColumnKind): FrictionlessType {
  switch (kind) {
    case "boolean":
    case "integer":
    case "number":
    case "date":
      return kind;
    case "code":
    case "codes":
    case "text":
    case "json":
      return "string";
  }
}

/**
 * Plans the answer columns: the latest version's questions in its order, then questions that only
 * older versions have. A question whose kind changed between versions is written as text, so no
 * version's answers are lost to a type.
 */
export function planColumns(versions: VersionFields[]): AnswerColumn[] {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  const byKey = new Map<string, AnswerColumn>();
  const order: string[] = [];
  for (const { version, fields, commentQuestions } of newestFirst) {
    for (const [position, field] of fields.entries()) {
      const { kind, freeText } = kindOf(field);
      const existing = byKey.get(field.name);
      if (existing) {
        existing.versions.push({ version, position: position + 1, field });
        if (existing.kind !== kind)
          existing.kind = existing.kind === "json" || kind === "json" ? "json" : "text";
        existing.freeText ||= freeText;
        continue;
      }
      byKey.set(field.name, {
        name: field.name,
        key: field.name,
        kind,
        type: "string",
        title: field.title,
        freeText,
        versions: [{ version, position: position + 1, field }],
      });
      order.push(field.name);
    }
    for (const question of commentQuestions) {
      const key = `${question}-Comment`;
      if (byKey.has(key)) continue;
      byKey.set(key, {
        name: key,
        key,
        kind: "text",
        type: "string",
        title: `Other answer or comment for "${question}"`,
        freeText: true,
        versions: [],
        commentOf: question,
      });
      order.push(key);
    }
  }
  // Comment columns sit right after their question.
  const placed = order.filter((key) => !byKey.get(key)?.commentOf);
  for (const key of order) {
    const owner = byKey.get(key)?.commentOf;
    if (owner === undefined) continue;
    const at = placed.indexOf(owner);
    if (at < 0) placed.push(key);
    else placed.splice(at + 1, 0, key);
  }
  const taken = new Set<string>(ENVELOPE_COLUMNS.map((c) => c.name));
  return placed.map((key) => {
    const column = byKey.get(key) as AnswerColumn;
    const base = column.commentOf === undefined ? column.key : `${column.commentOf}_comment`;
    column.name = uniqueName(base, taken);
    column.type = frictionlessType(column.kind);
    return column;
  });
}

/** A column name not yet used: the base, or the base with `_2`, `_3` … after it. */
function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}
