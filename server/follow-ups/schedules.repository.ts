import type { Kysely } from "kysely";
import type { FollowUpSchedule, SurveyFollowUpSchedule } from "../../shared/contract/follow-ups.ts";
import type { Database } from "../db/schema.ts";

export async function listSchedules(db: Kysely<Database>): Promise<SurveyFollowUpSchedule[]> {
  const rows = await db.selectFrom("follow_up_schedules").selectAll().orderBy("survey_id").execute();
  return rows.flatMap((row) => {
    const offsets = readOffsets(row.offsets_days);
    return offsets.length === 0
      ? []
      : [
          {
            surveyId: row.survey_id,
            offsetsDays: offsets,
            graceDays: Number(row.grace_days),
            updatedAt: row.updated_at,
          },
        ];
  });
}

/** Replaces a survey's schedule (or sets its first). */
export async function saveSchedule(
  db: Kysely<Database>,
  surveyId: string,
  schedule: FollowUpSchedule,
  by: string,
  now: Date,
): Promise<void> {
  const values = {
    offsets_days: JSON.stringify(schedule.offsetsDays),
    grace_days: schedule.graceDays,
    updated_at: now.toISOString(),
    updated_by: by,
  };
  await db
    .insertInto("follow_up_schedules")
    .values({ survey_id: surveyId, ...values })
    .onConflict((oc) => oc.column("survey_id").doUpdateSet(values))
    .execute();
}

function readOffsets(json: string): number[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((n): n is number => Number.isInteger(n) && n > 0) : [];
  } catch {
    return [];
  }
}
