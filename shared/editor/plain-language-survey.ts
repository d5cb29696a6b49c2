import {
  checkPlainLanguage,
  MIN_WORDS_FOR_SCORE,
  PLAIN_TARGET,
  type PlainLanguageOptions,
  type PlainLanguageResult,
} from "./plain-language.ts";
import { allElements, isContainer, type SurveyJson, textOf } from "./survey-json.ts";
import { elementWording, type WordingString } from "./wording.ts";

export interface StringCheck extends WordingString {
  result: PlainLanguageResult;
}

export interface QuestionCheck {
  name: string;
  title: string;
  /** The lowest reading ease of its strings: a question is as hard as its hardest part. */
  score: number | null;
  hintCount: number;
  strings: StringCheck[];
}

export function checkElementWording(
  strings: WordingString[],
  options: PlainLanguageOptions = {},
): StringCheck[] {
  return strings.map((s) => ({ ...s, result: checkPlainLanguage(s.text, options) }));
}

/**
 * Every question's plain-language check, worst first: lowest reading ease, then most hints.
 * Short strings (choice labels) count for hints but not for the score, since a formula over a
 * few words says nothing.
 */
export function worstQuestions(survey: SurveyJson, options: PlainLanguageOptions = {}): QuestionCheck[] {
  const checks: QuestionCheck[] = [];
  for (const { element } of allElements(survey)) {
    if (isContainer(element)) continue;
    const strings = checkElementWording(elementWording(element), options);
    const scores = strings
      .filter((s) => s.result.words >= MIN_WORDS_FOR_SCORE && s.result.score !== null)
      .map((s) => s.result.score as number);
    checks.push({
      name: element.name,
      title: textOf(element.title) || element.name,
      score: scores.length > 0 ? Math.min(...scores) : null,
      hintCount: strings.reduce((n, s) => n + s.result.hints.length, 0),
      strings,
    });
  }
  return checks.sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || b.hintCount - a.hintCount);
}

/** The questions that need work: below the plain-English target or carrying a hint. */
export function questionsNeedingWork(
  survey: SurveyJson,
  options: PlainLanguageOptions = {},
): QuestionCheck[] {
  return worstQuestions(survey, options).filter(
    (q) => (q.score !== null && q.score < PLAIN_TARGET) || q.hintCount > 0,
  );
}
