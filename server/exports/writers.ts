import { WITHHELD_VALUE } from "../../shared/contract/exports.ts";
import type { AnswerIssue } from "../../shared/contract/sync.ts";
import { answerFits, booleanText, longCells, utcSeconds, wideCell } from "./cells.ts";
import { type AnswerColumn, ENVELOPE_COLUMNS } from "./columns.ts";
import { csvRecord } from "./csv.ts";
import type { ExportPlan } from "./export-plan.ts";
import type { ExportRow } from "./exports.repository.ts";

/**
 * The export files, each written as text a page at a time: one string per page of responses, never
 * the whole file. Wide and long CSV, the codebook, and JSON.
 */
export type Pages = AsyncIterable<ExportRow[]>;

function issueQuestions(row: ExportRow): string[] {
  return [...new Set((JSON.parse(row.issues) as AnswerIssue[]).map((i) => i.question))];
}

/**
 * The columns of a response whose answer is withheld because it does not fit its question as asked in
 * the response's version: its type and codes, or, where those cannot tell (a grid), the server's check.
 */
function misfits(plan: ExportPlan, row: ExportRow, data: Record<string, unknown>): Set<AnswerColumn> {
  const out = new Set<AnswerColumn>();
  if (!plan.withholdMisfits) return out;
  const flagged = new Set(issueQuestions(row));
  for (const column of plan.columns) {
    const fits = answerFits(column, data[column.key], flagged.has(column.key), Number(row.survey_version));
    if (!fits) out.add(column);
  }
  return out;
}

function withheldNames(withheld: Set<AnswerColumn>): string[] {
  return [...withheld].map((c) => c.name).sort();
}

/** How a CSV is written: exact for R and pandas, or with formulas neutralised for spreadsheets. */
export interface CsvOptions {
  forSpreadsheets?: boolean;
}

function envelopeCells(row: ExportRow, withheld: Set<AnswerColumn>): (string | null)[] {
  const issues = issueQuestions(row);
  const names = withheldNames(withheld);
  return [
    row.id,
    row.participant_code,
    row.survey_id,
    String(row.survey_version),
    row.area_id,
    String(row.wave),
    row.administration_mode,
    row.language,
    utcSeconds(row.started_at),
    utcSeconds(row.completed_at),
    utcSeconds(row.received_at),
    row.review_status,
    issues.length > 0 ? issues.join(";") : null,
    names.length > 0 ? names.join(";") : null,
  ];
}

export async function* wideCsv(
  plan: ExportPlan,
  pages: Pages,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  const safe = options.forSpreadsheets === true;
  yield csvRecord([...ENVELOPE_COLUMNS.map((c) => c.name), ...plan.columns.map((c) => c.name)], safe);
  for await (const page of pages) {
    let text = "";
    for (const row of page) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const withheld = misfits(plan, row, data);
      const answers = plan.columns.map((c) => (withheld.has(c) ? null : wideCell(c, data[c.key])));
      text += csvRecord([...envelopeCells(row, withheld), ...answers], safe);
    }
    yield text;
  }
}

export const LONG_COLUMNS = [
  "response_id",
  "participant_code",
  "area_id",
  "wave",
  "survey_version",
  "question",
  "value",
] as const;

/**
 * One row per answer (per chosen code of a multiple choice); unanswered questions have no row. A
 * withheld answer has one row, with the value `[withheld]`.
 */
export async function* longCsv(
  plan: ExportPlan,
  pages: Pages,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  const safe = options.forSpreadsheets === true;
  yield csvRecord([...LONG_COLUMNS], safe);
  for await (const page of pages) {
    let text = "";
    for (const row of page) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const withheld = misfits(plan, row, data);
      const keys = [row.id, row.participant_code, row.area_id, String(row.wave), String(row.survey_version)];
      for (const column of plan.columns) {
        if (withheld.has(column)) {
          text += csvRecord([...keys, column.name, WITHHELD_VALUE], safe);
          continue;
        }
        for (const value of longCells(column, data[column.key])) {
          text += csvRecord([...keys, column.name, value], safe);
        }
      }
    }
    yield text;
  }
}

export const CODEBOOK_COLUMNS = [
  "column",
  "question",
  "survey_version",
  "position",
  "question_type",
  "input_type",
  "export_type",
  "title",
  "outcome",
  "indicator",
  "choice_value",
  "choice_label",
  "choice_score",
  "free_text",
  "note",
] as const;

const WITHHELD_NOTE = "Free text: left out of this export for your role.";

/**
 * The codebook is read by people, usually in a spreadsheet, and its wording is written in the editor
 * (user-controlled text), so it is always written with formulas neutralised (issue 13), the copy in the
 * data package too. A choice code that starts like a formula (never a plain number) then reads with a
 * leading apostrophe there, unlike in the exact data files.
 */
const record = (cells: (string | null)[]) => csvRecord(cells, true);

/** What each column means, version by version, with every choice code and its label. */
export function* codebookCsv(plan: ExportPlan): Generator<string> {
  // A survey in several languages gets, after the usual columns, the title and choice label in each
  // of its other languages (issue 18); a survey in one language has exactly the usual columns.
  const languageColumns = plan.languages.flatMap((l) => [`title_${l}`, `choice_label_${l}`]);
  const noWording = nulls(languageColumns.length);
  const worded = (version: number, name: string, choiceValue: unknown): (string | null)[] =>
    plan.languages.flatMap((locale) => {
      const field = plan.wording
        .get(version)
        ?.get(locale)
        ?.find((f) => f.name === name);
      if (!field) return [null, null];
      const choice =
        choiceValue === undefined ? undefined : field.choices?.find((c) => c.value === choiceValue);
      return [field.title, choice?.text ?? null];
    });
  yield record([...CODEBOOK_COLUMNS, ...languageColumns]);
  for (const column of ENVELOPE_COLUMNS) {
    yield record([
      column.name,
      ...nulls(5),
      column.type,
      column.description,
      ...nulls(5),
      booleanText(false),
      null,
      ...noWording,
    ]);
  }
  const withheld = new Set(plan.withheld);
  const all = [...plan.columns, ...plan.withheld];
  for (const column of all) {
    const name = withheld.has(column) ? null : column.name;
    const note = withheld.has(column) ? WITHHELD_NOTE : noteFor(column);
    const freeText = booleanText(column.freeText);
    if (column.commentOf !== undefined) {
      yield record([
        name,
        column.key,
        null,
        null,
        null,
        null,
        column.type,
        column.title,
        ...nulls(5),
        freeText,
        note,
        ...noWording,
      ]);
      continue;
    }
    for (const { version, position, field } of [...column.versions].sort((a, b) => a.version - b.version)) {
      const head = [
        name,
        field.name,
        String(version),
        String(position),
        field.type,
        field.inputType ?? null,
        column.type,
        field.title,
        field.outcome ?? null,
        field.indicator ?? null,
      ];
      const scale = field.scale
        ? `Scale ${field.scale.min} to ${field.scale.max}, step ${field.scale.step}.`
        : "";
      const fieldNote = [note, scale].filter(Boolean).join(" ") || null;
      if (!field.choices?.length) {
        yield record([
          ...head,
          null,
          null,
          null,
          freeText,
          fieldNote,
          ...worded(version, field.name, undefined),
        ]);
        continue;
      }
      for (const choice of field.choices) {
        yield record([
          ...head,
          typeof choice.value === "string" ? choice.value : JSON.stringify(choice.value),
          choice.text,
          choice.score === undefined ? null : String(choice.score),
          freeText,
          fieldNote,
          ...worded(version, field.name, choice.value),
        ]);
      }
    }
  }
}

function nulls(n: number): null[] {
  return new Array<null>(n).fill(null);
}

function noteFor(column: AnswerColumn): string | null {
  switch (column.kind) {
    case "codes":
      return "Multiple choice: the chosen codes separated by ';' (one row each in the long file).";
    case "json":
      return "Structured answer, written as JSON text.";
    case "text":
      return column.versions.some((v) => v.field.type !== "comment" && v.field.type !== "text")
        ? "Written as text: the question's type differs between versions."
        : null;
    default:
      return null;
  }
}

export interface JsonExportMeta {
  exportedAt: string;
  filters: Record<string, unknown>;
}

/**
 * One JSON document, streamed: the survey, its versions' questions and the columns, then the
 * responses one per line. Answers are as sent (not coerced to a column type), less withheld columns
 * and anything that is not a question of the survey.
 */
export async function* jsonExport(
  plan: ExportPlan,
  pages: Pages,
  meta: JsonExportMeta,
): AsyncGenerator<string> {
  const head = {
    format: "alongside-export",
    formatVersion: 1,
    survey: { id: plan.surveyId, title: plan.surveyTitle },
    exportedAt: meta.exportedAt,
    filters: meta.filters,
    versions: plan.versions,
    columns: plan.columns.map((c) => ({ name: c.name, key: c.key, type: c.type, title: c.title })),
    withheld: plan.withheld.map((c) => c.key),
  };
  const opening = JSON.stringify(head);
  yield `${opening.slice(0, -1)},"responses":[`;
  let first = true;
  for await (const page of pages) {
    let text = "";
    for (const row of page) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const withheld = misfits(plan, row, data);
      const answers: Record<string, unknown> = {};
      for (const column of plan.columns) {
        if (data[column.key] !== undefined && !withheld.has(column)) answers[column.key] = data[column.key];
      }
      const response = {
        responseId: row.id,
        participantCode: row.participant_code,
        surveyVersion: Number(row.survey_version),
        areaId: row.area_id,
        wave: Number(row.wave),
        administrationMode: row.administration_mode,
        language: row.language,
        startedAt: row.started_at,
        completedAt: row.completed_at,
        receivedAt: row.received_at,
        reviewStatus: row.review_status,
        issues: issueQuestions(row),
        answers,
        /** Questions whose answer did not fit the question's type and is left out (see WITHHELD_VALUE). */
        withheldAnswers: [...withheld].map((c) => c.key).sort(),
      };
      text += `${first ? "" : ","}\n${JSON.stringify(response)}`;
      first = false;
    }
    yield text;
  }
  yield "\n]}\n";
}
