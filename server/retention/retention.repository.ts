import { type Kysely, sql } from "kysely";
import { type KeysetCursor, keysetCursor } from "../../shared/contract/keyset.ts";
import type { RetentionItem } from "../../shared/contract/retention.ts";
import type { ReviewStatus } from "../../shared/contract/review.ts";
import { receivedAfter } from "../db/keyset.ts";
import type { Database } from "../db/schema.ts";

/** Responses received before the cutoff, oldest first, a page at a time, with how many there are. */
export async function listDue(
  db: Kysely<Database>,
  cutoff: string,
  cursor: KeysetCursor | undefined,
  limit: number,
): Promise<{ responses: RetentionItem[]; total: number; nextCursor: string | null }> {
  let page = db
    .selectFrom("responses")
    .innerJoin("surveys", "surveys.id", "responses.survey_id")
    .innerJoin("areas", "areas.id", "responses.area_id")
    .select([
      "responses.id",
      "responses.survey_id",
      "surveys.title",
      "responses.participant_code",
      "responses.area_id",
      "areas.name",
      "responses.wave",
      "responses.received_at",
      "responses.review_status",
    ])
    .where("responses.received_at", "<", cutoff)
    .orderBy("responses.received_at")
    .orderBy("responses.id")
    .limit(limit + 1);
  if (cursor) page = page.where(receivedAfter(cursor));
  const rows = await page.execute();
  const total = await db
    .selectFrom("responses")
    .select(sql<number>`count(*)`.as("n"))
    .where("received_at", "<", cutoff)
    .executeTakeFirstOrThrow();
  const responses = rows.slice(0, limit).map((r) => ({
    id: r.id,
    surveyId: r.survey_id,
    surveyTitle: r.title,
    participantCode: r.participant_code,
    areaId: r.area_id,
    areaName: r.name,
    wave: Number(r.wave),
    receivedAt: r.received_at,
    reviewStatus: r.review_status as ReviewStatus,
  }));
  const last = responses.at(-1);
  return {
    responses,
    total: Number(total.n),
    nextCursor: rows.length > limit && last ? keysetCursor(last) : null,
  };
}

/** Of these ids, the responses still due (received before the cutoff), with what the audit notes. */
export async function findDue(
  db: Kysely<Database>,
  ids: string[],
  cutoff: string,
): Promise<{ id: string; survey_id: string; area_id: string; received_at: string }[]> {
  return db
    .selectFrom("responses")
    .select(["id", "survey_id", "area_id", "received_at"])
    .where("id", "in", ids)
    .where("received_at", "<", cutoff)
    .execute();
}

export async function deleteResponses(db: Kysely<Database>, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom("responses").where("id", "in", ids).execute();
}
