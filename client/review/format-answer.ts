import { WITHHELD_VALUE } from "../../shared/contract/exports.ts";
import type { SurveyField } from "../../shared/survey/fields.ts";

/**
 * An answer as a reviewer reads it: a choice by its words (the stored code is for exports, not for people),
 * Yes/No, "Not answered"; an answer with parts as "part: answer" pairs, never JSON.
 */
export function formatAnswer(field: SurveyField | undefined, value: unknown): string {
  if (value === undefined || value === null || value === "") return "Not answered";
  // The server's marker for an answer kept from evaluators (the participant's own words).
  if (value === WITHHELD_VALUE) return "Not shown: kept for the data manager";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  // A yes/no question with its own values ("OK" for an XLSForm acknowledge) reads as Yes/No too.
  if (field?.booleanValues) {
    if (value === field.booleanValues.yes) return "Yes";
    if (value === field.booleanValues.no) return "No";
  }
  if (Array.isArray(value)) return value.map((v) => formatAnswer(field, v)).join("; ");
  // A choice with its comment box, as survey-core keeps it: the choice's words, then the comment.
  if (isChosenItem(value)) {
    const choice = formatAnswer(field, value.value);
    return typeof value.comment === "string" && value.comment !== ""
      ? `${choice} (their words: ${value.comment})`
      : choice;
  }
  if (typeof value === "object")
    return Object.entries(value)
      .map(([part, answer]) => `${part}: ${formatAnswer(undefined, answer)}`)
      .join("; ");
  const choice = field?.choices?.find((c) => c.value === value);
  return choice ? choice.text : String(value);
}

function isChosenItem(value: unknown): value is { value: unknown; comment?: unknown } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    "value" in value &&
    keys.every((k) => k === "value" || k === "comment") &&
    ["string", "number"].includes(typeof value.value)
  );
}

/** The question's wording, or its name for an answer to something the version does not ask. */
export function questionLabel(fields: SurveyField[], name: string): string {
  if (name.endsWith("-Comment"))
    return `${questionLabel(fields, name.slice(0, -"-Comment".length))}: other, in their words`;
  return fields.find((f) => f.name === name)?.title ?? name;
}
