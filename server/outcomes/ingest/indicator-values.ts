import type { Insertable } from "kysely";
import { countedReviewStatuses } from "../../../shared/contract/outcomes.ts";
import { isCommentedChoice } from "../../../shared/survey/answer-checks.ts";
import type { SurveyField } from "../../../shared/survey/fields.ts";
import { indicatorKind } from "../../../shared/survey/indicator-kind.ts";
import type { IndicatorValuesTable } from "../indicators.table.ts";

/**
 * Turns one stored response into its indicator values: one row per tagged question of its survey
 * version, whether answered or not, so completeness ("answered, skipped, prefer not to say") is read
 * from the same rows as the figures; and one row for the interview itself (question and outcome ''),
 * from which attrition between waves is counted. A survey version without tagged questions gives none.
 *
 * - `answered`: a usable number: the rating, the chosen choice's score, 1/0 for yes/no, the number typed;
 * - `declined`: a choice without a score, which by the instruments' convention is a way of not
 *   answering (`prefer_not_to_say`, `dont_know`, `not_applicable`, `other`);
 * - `skipped`: no answer, not asked, or a value that is not a usable answer (a response flagged for
 *   review can carry one; it is not counted until approved, and then still not as a number).
 */
export type IndicatorStatus = "answered" | "skipped" | "declined";

export interface IndicatorSource {
  id: string;
  surveyId: string;
  surveyVersion: number;
  areaId: string;
  wave: number;
  participantCode: string;
  administrationMode: string;
  completedAt: string;
  /** The interview language, resolved: as stored, or the version's main language when none was. */
  language: string;
  /**
   * Absent: counted as received. A caller that changes a response's review state or answers need not
   * get this right: the change queues the response for a rewrite from what is stored (see indicator-store).
   */
  reviewStatus?: string;
  data: Record<string, unknown>;
}

/** The question key of the row that stands for the interview itself. */
export const INTERVIEW_ROW = "";

export function isCounted(reviewStatus: string): boolean {
  return (countedReviewStatuses as readonly string[]).includes(reviewStatus);
}

export type IndicatorRow = Insertable<IndicatorValuesTable>;

export function indicatorRows(source: IndicatorSource, fields: readonly SurveyField[]): IndicatorRow[] {
  const envelope = {
    response_id: source.id,
    survey_id: source.surveyId,
    survey_version: source.surveyVersion,
    area_id: source.areaId,
    wave: source.wave,
    participant_code: source.participantCode,
    administration_mode: source.administrationMode,
    completed_at: utc(source.completedAt),
    language: source.language,
    counted: isCounted(source.reviewStatus ?? "received") ? 1 : 0,
  };
  const rows: IndicatorRow[] = [];
  for (const field of fields) {
    const outcome = field.outcome;
    if (!outcome || indicatorKind(field) === null) continue;
    rows.push({ ...envelope, question: field.name, outcome, ...readAnswer(field, source.data[field.name]) });
  }
  if (rows.length === 0) return rows;
  return [
    {
      ...envelope,
      question: INTERVIEW_ROW,
      outcome: INTERVIEW_ROW,
      status: "answered",
      value: null,
      choice: null,
    },
    ...rows,
  ];
}

/** Timestamps arrive with any offset; stored in UTC so months and ranges compare as text. */
function utc(timestamp: string): string {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp : date.toISOString();
}

interface Reading {
  status: IndicatorStatus;
  value: number | null;
  choice: string | null;
}

const SKIPPED: Reading = { status: "skipped", value: null, choice: null };

function readAnswer(field: SurveyField, answer: unknown): Reading {
  if (answer === undefined || answer === null || answer === "") return SKIPPED;
  switch (field.type) {
    case "boolean": {
      // A yes/no question may store its own values for yes and no (an XLSForm "acknowledge" stores "OK").
      const yes = field.booleanValues ? field.booleanValues.yes : true;
      const no = field.booleanValues ? field.booleanValues.no : false;
      if (answer === yes) return { status: "answered", value: 1, choice: null };
      return answer === no ? { status: "answered", value: 0, choice: null } : SKIPPED;
    }
    case "rating":
      return field.choices?.length ? readChoice(field, answer) : readScale(field, answer);
    case "radiogroup":
    case "dropdown":
      return readChoice(field, answer);
    case "text":
      return readNumber(field, answer);
    default:
      return SKIPPED;
  }
}

function readScale(field: SurveyField, answer: unknown): Reading {
  if (typeof answer !== "number" || !Number.isFinite(answer)) return SKIPPED;
  const { min, max } = field.scale ?? { min: -Infinity, max: Infinity };
  if (answer < min || answer > max) return SKIPPED;
  return { status: "answered", value: answer, choice: null };
}

function readChoice(field: SurveyField, answer: unknown): Reading {
  // A choice answered with its own comment box is the choice (the comment is not a figure).
  const chosen = isCommentedChoice(answer) ? answer.value : answer;
  const choice = (field.choices ?? []).find((c) => c.value === chosen);
  if (!choice) return SKIPPED;
  const key = String(choice.value);
  if (typeof choice.score === "number") return { status: "answered", value: choice.score, choice: key };
  // A rating's unscored choices are read by their numeric value; any other unscored choice is one of
  // the ways of not answering (prefer not to say, don't know, not applicable, somewhere else).
  if (field.type === "rating") {
    return typeof choice.value === "number"
      ? { status: "answered", value: choice.value, choice: key }
      : SKIPPED;
  }
  return { status: "declined", value: null, choice: key };
}

function readNumber(field: SurveyField, answer: unknown): Reading {
  const value =
    typeof answer === "number" ? answer : typeof answer === "string" ? Number(answer) : Number.NaN;
  if (!Number.isFinite(value)) return SKIPPED;
  if (field.range?.min !== undefined && value < field.range.min) return SKIPPED;
  if (field.range?.max !== undefined && value > field.range.max) return SKIPPED;
  return { status: "answered", value, choice: null };
}
