import { allElements, isContainer, type SurveyJson, textOf, withText } from "./survey-json.ts";
import { isLocked } from "./wording.ts";

/** What a suggested rewording may change: the question itself and its help text. */
export const suggestionFields = ["title", "description"] as const;
export type SuggestionField = (typeof suggestionFields)[number];

export const suggestionFieldLabels: Record<SuggestionField, string> = {
  title: "question wording",
  description: "help text",
};

export function findQuestion(survey: SurveyJson, name: string) {
  return allElements(survey).find((v) => v.element.name === name && !isContainer(v.element))?.element;
}

export function currentWording(survey: SurveyJson, question: string, field: SuggestionField): string | null {
  const element = findQuestion(survey, question);
  return element ? textOf(element[field]) : null;
}

export type ApplySuggestionResult =
  | { ok: true; survey: SurveyJson }
  | { ok: false; reason: "question_not_found" | "question_locked" | "outdated" };

/**
 * Applies a tracked change, but only to the wording it was made against: if someone has reworded the
 * question since, the suggestion is outdated and nothing changes.
 */
export function applySuggestion(
  survey: SurveyJson,
  suggestion: { question: string; field: SuggestionField; original: string; proposed: string },
): ApplySuggestionResult {
  const copy = structuredClone(survey) as SurveyJson;
  const element = findQuestion(copy, suggestion.question);
  if (!element) return { ok: false, reason: "question_not_found" };
  if (isLocked(element)) return { ok: false, reason: "question_locked" };
  if (textOf(element[suggestion.field]) !== suggestion.original) return { ok: false, reason: "outdated" };
  element[suggestion.field] = withText(element[suggestion.field], suggestion.proposed);
  return { ok: true, survey: copy };
}
