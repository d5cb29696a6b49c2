import type { Model, Question } from "survey-core";
import type { SurveyField } from "../contract/survey-fields.ts";

export type { SurveyField };

const NO_ANSWER = new Set(["html", "image", "expression"]);

export function surveyFields(model: Model): SurveyField[] {
  const fields: SurveyField[] = [];
  for (const question of model.getAllQuestions(false, false, false)) {
    if (NO_ANSWER.has(question.getType())) continue;
    fields.push(toField(question));
  }
  return fields;
}

function toField(question: Question): SurveyField {
  const q = question as Question & {
    inputType?: string;
    outcome?: string;
    indicator?: string;
    sensitive?: boolean;
    choices?: { value: unknown; text: string; score?: number }[];
    rateValues?: { value: unknown; text: string; score?: number }[];
    rateMin?: number;
    rateMax?: number;
    rateStep?: number;
    min?: unknown;
    max?: unknown;
    valueTrue?: unknown;
    valueFalse?: unknown;
    multiSelect?: boolean;
  };
  const field: SurveyField = {
    name: question.getValueName(),
    type: question.getType(),
    title: question.title,
  };
  if (question.getType() === "text") {
    field.inputType = q.inputType ?? "text";
    const range = numericRange(q.min, q.max);
    if (field.inputType === "number" && range) field.range = range;
  }
  if (question.getType() === "boolean" && (q.valueTrue !== undefined || q.valueFalse !== undefined)) {
    field.booleanValues = { yes: q.valueTrue ?? true, no: q.valueFalse ?? false };
  }
  if (question.getType() === "imagepicker" && q.multiSelect) field.multiple = true;
  if (q.outcome) field.outcome = q.outcome;
  if (q.indicator) field.indicator = q.indicator;
  if (q.sensitive) field.sensitive = true;
  const items = q.choices?.length ? q.choices : q.rateValues?.length ? q.rateValues : undefined;
  if (items) {
    field.choices = items.map((c) =>
      typeof c.score === "number"
        ? { value: c.value, text: c.text, score: c.score }
        : { value: c.value, text: c.text },
    );
  } else if (question.getType() === "rating") {
    field.scale = { min: q.rateMin ?? 1, max: q.rateMax ?? 5, step: q.rateStep ?? 1 };
  }
  return field;
}

function numericRange(min: unknown, max: unknown): { min?: number; max?: number } | undefined {
  const range: { min?: number; max?: number } = {};
  if (min !== undefined && min !== "" && Number.isFinite(Number(min))) range.min = Number(min);
  if (max !== undefined && max !== "" && Number.isFinite(Number(max))) range.max = Number(max);
  return range.min === undefined && range.max === undefined ? undefined : range;
}
