import type { IndicatorKind } from "../contract/outcomes.ts";
import type { SurveyField } from "./fields.ts";

/**
 * How a tagged question is read as an indicator, from its flattened field alone:
 *
 * - `scale`: a rating (its value, or its choice scores), an ordered scale: Wilcoxon for change;
 * - `choice`: a single-choice question with scored choices: proportions per choice, and the scores as
 *   an ordinal scale;
 * - `yes_no`: a boolean, or a single choice whose only scores are 1 and 0: proportions, McNemar;
 * - `number`: a number input (a count of nights, visits): mean and t-test.
 *
 * Anything else (free text, multiple choice, a single choice with no scores) is not an indicator even
 * if tagged, and answers null.
 */
export function indicatorKind(field: SurveyField): IndicatorKind | null {
  if (!field.outcome) return null;
  switch (field.type) {
    case "boolean":
      return "yes_no";
    case "rating":
      return "scale";
    case "radiogroup":
    case "dropdown": {
      const scores = scoredChoices(field).map((c) => c.score);
      if (scores.length === 0) return null;
      if (scores.length === 2 && scores.includes(0) && scores.includes(1)) return "yes_no";
      return "choice";
    }
    case "text":
      return field.inputType === "number" ? "number" : null;
    default:
      return null;
  }
}

export function scoredChoices(field: SurveyField): { value: unknown; text: string; score: number }[] {
  return (field.choices ?? []).flatMap((c) =>
    typeof c.score === "number" ? [{ ...c, score: c.score }] : [],
  );
}

/** Ordinal indicators get a Wilcoxon signed-rank test for change; counts and yes/no do not. */
export function isOrdinal(kind: IndicatorKind): boolean {
  return kind === "scale" || kind === "choice";
}
