import type { Kysely } from "kysely";
import type { AnswerIssue, SyncItem } from "../../shared/contract/sync.ts";
import type { Database } from "../db/schema.ts";

/**
 * Checks of an interview's envelope that survey-core cannot make: are its times and wave possible?
 * An implausible interview is still stored (the answers may be right and the tablet's clock wrong),
 * but flagged for review with a plain reason, so it counts in no figure until a reviewer has looked
 * (indicator rows of a `needs_review` interview are stored uncounted). Decision 0025.
 */

/**
 * How far in the future (by the server's clock, at receipt) a completion may be. A tablet that sets
 * its clock from the network is within a second or two; one that has been offline for weeks drifts by
 * seconds a day. Ten minutes covers that with room, and still catches a clock set by hand to the
 * wrong hour or year.
 */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;

/**
 * Nothing was collected with this software before this date: a time before it is a tablet whose clock
 * was reset (1970, 2000) or set by hand to the wrong year. The survey version's own publication date
 * would be a tighter bound, but interviews legitimately carry earlier dates (a version re-published
 * with a correction; imported or back-dated test and demo data), so the bound is the project's start.
 */
export const PROJECT_START = "2025-01-01T00:00:00.000Z";

export function plausibilityIssues(
  item: SyncItem,
  receivedAt: Date,
  /** The last wave in the survey's follow-up schedule; undefined when the survey has no schedule. */
  lastWave: number | undefined,
): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const started = Date.parse(item.startedAt);
  const completed = Date.parse(item.completedAt);
  if (completed > receivedAt.getTime() + FUTURE_TOLERANCE_MS) {
    issues.push({
      question: "completedAt",
      message:
        "The tablet says this interview ended in the future (more than 10 minutes after it reached the server). The tablet's clock is probably wrong: check the date with the researcher.",
    });
  }
  if (completed < started) {
    issues.push({
      question: "completedAt",
      message:
        "The tablet says this interview ended before it started. The tablet's clock probably changed during the interview: check the date with the researcher.",
    });
  }
  if (Math.min(started, completed) < Date.parse(PROJECT_START)) {
    issues.push({
      question: "startedAt",
      message:
        "The tablet's date for this interview is before this project began (1 January 2025). The tablet's clock was probably reset: check the date with the researcher.",
    });
  }
  if (lastWave !== undefined && item.wave > lastWave) {
    issues.push({
      question: "wave",
      message: `This interview is marked as follow-up ${item.wave}, but the survey's follow-up schedule has ${lastWave === 1 ? "one follow-up" : `${lastWave} follow-ups`}. Check which follow-up it was.`,
    });
  }
  return issues;
}

/** The last scheduled wave of each survey that has a follow-up schedule (wave n = n-th follow-up). */
export async function lastScheduledWaves(
  db: Kysely<Database>,
  surveyIds: readonly string[],
): Promise<Map<string, number>> {
  const waves = new Map<string, number>();
  if (surveyIds.length === 0) return waves;
  const rows = await db
    .selectFrom("follow_up_schedules")
    .select(["survey_id", "offsets_days"])
    .where("survey_id", "in", [...new Set(surveyIds)])
    .execute();
  for (const row of rows) {
    const offsets = readOffsetCount(row.offsets_days);
    if (offsets > 0) waves.set(row.survey_id, offsets);
  }
  return waves;
}

function readOffsetCount(json: string): number {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((n) => Number.isInteger(n) && n > 0).length : 0;
  } catch {
    return 0;
  }
}
