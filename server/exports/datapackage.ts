import { MISSING_VALUE } from "../../shared/contract/exports.ts";
import type { AnswerColumn } from "./columns.ts";
import { ENVELOPE_COLUMNS } from "./columns.ts";
import type { ExportPlan } from "./export-plan.ts";
import { CODEBOOK_COLUMNS, LONG_COLUMNS } from "./writers.ts";

/**
 * The `datapackage.json` of a Frictionless (Tabular) Data Package, v1: the three CSV files beside it,
 * each with its dialect and a Table Schema, so `frictionless validate`, R's `frictionless` package and
 * Python's `frictionless` read the files with the right types and the one missing-value marker.
 */

const DIALECT = {
  delimiter: ",",
  lineTerminator: "\r\n",
  quoteChar: '"',
  doubleQuote: true,
  skipInitialSpace: false,
  header: true,
};

interface FieldDescriptor {
  name: string;
  type: string;
  format?: string;
  title?: string;
  description?: string;
  constraints?: Record<string, unknown>;
  trueValues?: string[];
  falseValues?: string[];
}

const LONG_TYPES: Record<(typeof LONG_COLUMNS)[number], string> = {
  response_id: "string",
  participant_code: "string",
  area_id: "string",
  wave: "integer",
  survey_version: "integer",
  question: "string",
  value: "string",
};

const CODEBOOK_TYPES: Partial<Record<(typeof CODEBOOK_COLUMNS)[number], string>> = {
  survey_version: "integer",
  position: "integer",
  choice_score: "number",
  free_text: "boolean",
};

function csvResource(name: string, description: string, schema: Record<string, unknown>) {
  return {
    name,
    path: `${name}.csv`,
    profile: "tabular-data-resource",
    description,
    format: "csv",
    mediatype: "text/csv",
    encoding: "utf-8",
    dialect: DIALECT,
    schema: { missingValues: [MISSING_VALUE], ...schema },
  };
}

/** Booleans are written TRUE/FALSE (see cells.ts); said outright rather than left to the defaults. */
function typed(name: string, type: string): FieldDescriptor {
  return type === "boolean" ? { name, type, trueValues: ["TRUE"], falseValues: ["FALSE"] } : { name, type };
}

function answerField(column: AnswerColumn): FieldDescriptor {
  const latest = column.versions[0]?.field;
  const choices = latest?.choices?.map((c) => `${String(c.value)} = ${c.text}`).join("; ");
  return {
    ...typed(column.name, column.type),
    title: column.title,
    ...(choices ? { description: `Codes: ${choices}. See codebook.csv for every version.` } : {}),
  };
}

export function dataPackageDescriptor(plan: ExportPlan, meta: { created: string; description: string }) {
  const envelope: FieldDescriptor[] = ENVELOPE_COLUMNS.map((c) => ({
    name: c.name,
    type: c.type,
    description: c.description,
    ...(c.name === "response_id" ? { format: "uuid", constraints: { required: true, unique: true } } : {}),
  }));
  return {
    profile: "tabular-data-package",
    name: `alongside-${plan.surveyId}`,
    title: `${plan.surveyTitle}: responses`,
    description: meta.description,
    created: meta.created,
    resources: [
      csvResource("responses-wide", "One row per response, one column per question.", {
        fields: [...envelope, ...plan.columns.map(answerField)],
        primaryKey: ["response_id"],
      }),
      csvResource(
        "responses-long",
        "One row per answer: response, question (a column of the wide file), value.",
        {
          fields: LONG_COLUMNS.map((name) => ({ name, type: LONG_TYPES[name] })),
          foreignKeys: [
            { fields: ["response_id"], reference: { resource: "responses-wide", fields: ["response_id"] } },
          ],
        },
      ),
      csvResource("codebook", "What each column means, per survey version, with choice codes and labels.", {
        fields: CODEBOOK_COLUMNS.map((name) => typed(name, CODEBOOK_TYPES[name] ?? "string")),
      }),
    ],
  };
}
