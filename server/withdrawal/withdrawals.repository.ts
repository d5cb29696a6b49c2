import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Withdrawal, WithdrawalChoice } from "../../shared/contract/withdrawals.ts";
import type { Database } from "../db/schema.ts";

export async function isWithdrawn(db: Kysely<Database>, participantCode: string): Promise<boolean> {
  return (await withdrawnAmong(db, [participantCode])).size > 0;
}

/** Which of these (canonical) participant codes belong to participants who have withdrawn. */
export async function withdrawnAmong(db: Kysely<Database>, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom("withdrawals")
    .select("participant_code")
    .where("participant_code", "in", [...new Set(codes)])
    .execute();
  return new Set(rows.map((r) => r.participant_code));
}

function withdrawalQuery(db: Kysely<Database>) {
  return db
    .selectFrom("withdrawals")
    .innerJoin("users", "users.id", "withdrawals.recorded_by")
    .selectAll("withdrawals")
    .select("users.display_name");
}

type WithdrawalRow = Awaited<ReturnType<ReturnType<typeof withdrawalQuery>["executeTakeFirstOrThrow"]>>;

function toWithdrawal(row: WithdrawalRow): Withdrawal {
  return {
    participantCode: row.participant_code,
    choice: row.choice as WithdrawalChoice,
    areaId: row.area_id,
    recordedAt: row.recorded_at,
    recordedBy: row.display_name,
    updatedAt: row.updated_at,
    responsesDeleted: Number(row.responses_deleted),
  };
}

export async function findWithdrawal(
  db: Kysely<Database>,
  participantCode: string,
): Promise<Withdrawal | undefined> {
  const row = await withdrawalQuery(db)
    .where("withdrawals.participant_code", "=", participantCode)
    .executeTakeFirst();
  return row && toWithdrawal(row);
}

/** Most recent first; a user with an area sees the withdrawals recorded for it. */
export async function listWithdrawals(
  db: Kysely<Database>,
  scopeAreaId: string | null,
): Promise<Withdrawal[]> {
  let query = withdrawalQuery(db)
    .orderBy("withdrawals.updated_at", "desc")
    .orderBy("withdrawals.participant_code");
  if (scopeAreaId !== null) query = query.where("withdrawals.area_id", "=", scopeAreaId);
  return (await query.limit(500).execute()).map(toWithdrawal);
}

/** Where a participant has responses, and how many in each area. */
export async function participantAreas(
  db: Kysely<Database>,
  participantCode: string,
): Promise<{ id: string; name: string; responses: number }[]> {
  const rows = await db
    .selectFrom("responses")
    .innerJoin("areas", "areas.id", "responses.area_id")
    .select(["areas.id", "areas.name", sql<number>`count(*)`.as("n")])
    .where("responses.participant_code", "=", participantCode)
    .groupBy(["areas.id", "areas.name"])
    .orderBy("areas.name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, responses: Number(r.n) }));
}

/** The area a participant code first arrived in (decision 0025), if it ever arrived. */
export async function participantHome(
  db: Kysely<Database>,
  participantCode: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("participants")
    .select("area_id")
    .where("participant_code", "=", participantCode)
    .executeTakeFirst();
  return row?.area_id;
}

/**
 * Deletes every response of the participant, and with them (ON DELETE CASCADE) their revisions,
 * review history and anything derived from them. A different copy of someone else's response that
 * names this participant (a conflicting revision) holds their answers too, so it goes as well.
 * Answers how many responses were deleted.
 */
export async function deleteParticipantData(db: Kysely<Database>, participantCode: string): Promise<number> {
  const deleted = await db
    .deleteFrom("responses")
    .where("participant_code", "=", participantCode)
    .executeTakeFirst();
  // Items are stored as JSON.stringify output with the canonical code: no spaces, no LIKE wildcards.
  await db
    .deleteFrom("response_revisions")
    .where("item", "like", `%"participantCode":"${participantCode}"%`)
    .execute();
  // Their follow-up plans go too: the "not today" answers they gave at a readiness check, and which
  // researcher was to see them when. Safeguarding concerns stay: they are a duty of care, kept under
  // their own rules, not research data (docs/decisions/0006).
  await db.deleteFrom("interview_reschedules").where("participant_code", "=", participantCode).execute();
  await db.deleteFrom("participant_assignments").where("participant_code", "=", participantCode).execute();
  // And the record of which area their code first arrived in, and when (decision 0025): the
  // withdrawal itself now refuses any later upload of the code.
  await db.deleteFrom("participants").where("participant_code", "=", participantCode).execute();
  return Number(deleted.numDeletedRows);
}

/** Records a new withdrawal, or changes a "keep" into "delete". */
export async function saveWithdrawal(
  db: Kysely<Database>,
  input: {
    participantCode: string;
    choice: WithdrawalChoice;
    areaId: string | null;
    recordedBy: string;
    at: Date;
    responsesDeleted: number;
    existing: boolean;
  },
): Promise<boolean> {
  const at = input.at.toISOString();
  if (input.existing) {
    await db
      .updateTable("withdrawals")
      .set((eb) => ({
        choice: input.choice,
        updated_at: at,
        responses_deleted: eb("responses_deleted", "+", input.responsesDeleted),
      }))
      .where("participant_code", "=", input.participantCode)
      .execute();
    return true;
  }
  const result = await db
    .insertInto("withdrawals")
    .values({
      participant_code: input.participantCode,
      choice: input.choice,
      area_id: input.areaId,
      recorded_at: at,
      recorded_by: input.recordedBy,
      updated_at: at,
      responses_deleted: input.responsesDeleted,
    })
    .onConflict((oc) => oc.column("participant_code").doNothing())
    .executeTakeFirst();
  // False when another request recorded the same withdrawal a moment ago.
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
