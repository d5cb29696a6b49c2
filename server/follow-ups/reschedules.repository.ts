import type { Kysely } from "kysely";
import type { RescheduleRequest } from "../../shared/contract/follow-ups.ts";
import type { Database } from "../db/schema.ts";

/** Answers false when this reschedule is already stored. */
export async function insertReschedule(
  db: Kysely<Database>,
  reschedule: RescheduleRequest & { researcherId: string; receivedAt: string },
): Promise<boolean> {
  const result = await db
    .insertInto("interview_reschedules")
    .values({
      id: reschedule.id,
      survey_id: reschedule.surveyId,
      participant_code: reschedule.participantCode,
      wave: reschedule.wave,
      area_id: reschedule.areaId,
      researcher_id: reschedule.researcherId,
      rescheduled_at: reschedule.rescheduledAt,
      received_at: reschedule.receivedAt,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findRescheduleRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("interview_reschedules").selectAll().where("id", "=", id).executeTakeFirst();
}
