import { randomUUID } from "node:crypto";
import { type Kysely, type Selectable, sql } from "kysely";
import { type KeysetCursor, keysetCursor } from "../../shared/contract/keyset.ts";
import type {
  ReviewEvent,
  ReviewListItem,
  ReviewListResponse,
  ReviewStatus,
} from "../../shared/contract/review.ts";
import type { Role } from "../../shared/contract/roles.ts";
import type { AnswerIssue, SyncItem } from "../../shared/contract/sync.ts";
import { receivedAfter } from "../db/keyset.ts";
import type { Database } from "../db/schema.ts";
import type { ResponseRevisionsTable, ResponsesTable } from "../fieldwork/responses.table.ts";

export type ResponseRow = Selectable<ResponsesTable>;
export type RevisionRow = Selectable<ResponseRevisionsTable> & { submitter: string };

export interface ReviewListFilter {
  /** Null for a user who sees every area. */
  scopeAreaId: string | null;
  status: ReviewStatus;
  areaId?: string | undefined;
  surveyId?: string | undefined;
  cursor?: KeysetCursor | undefined;
  limit: number;
}

function reviewQuery(db: Kysely<Database>, filter: ReviewListFilter) {
  let query = db
    .selectFrom("responses")
    .innerJoin("surveys", "surveys.id", "responses.survey_id")
    .innerJoin("areas", "areas.id", "responses.area_id")
    .where("responses.review_status", "=", filter.status);
  if (filter.scopeAreaId !== null) query = query.where("responses.area_id", "=", filter.scopeAreaId);
  if (filter.areaId !== undefined) query = query.where("responses.area_id", "=", filter.areaId);
  if (filter.surveyId !== undefined) query = query.where("responses.survey_id", "=", filter.surveyId);
  return query;
}

/** One page of the review queue, oldest first, so the longest-waiting response is seen first. */
export async function listForReview(
  db: Kysely<Database>,
  filter: ReviewListFilter,
): Promise<ReviewListResponse> {
  let page = reviewQuery(db, filter)
    .select([
      "responses.id",
      "responses.survey_id",
      "surveys.title",
      "responses.survey_version",
      "responses.participant_code",
      "responses.area_id",
      "areas.name",
      "responses.wave",
      "responses.completed_at",
      "responses.received_at",
      "responses.review_status",
      "responses.issues",
      "responses.revisions",
    ])
    .orderBy("responses.received_at")
    .orderBy("responses.id")
    .limit(filter.limit + 1);
  if (filter.cursor) page = page.where(receivedAfter(filter.cursor));
  const rows = await page.execute();
  const total = await reviewQuery(db, filter).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();

  const items: ReviewListItem[] = rows.slice(0, filter.limit).map((r) => ({
    id: r.id,
    surveyId: r.survey_id,
    surveyTitle: r.title,
    surveyVersion: Number(r.survey_version),
    participantCode: r.participant_code,
    areaId: r.area_id,
    areaName: r.name,
    wave: Number(r.wave),
    completedAt: r.completed_at,
    receivedAt: r.received_at,
    reviewStatus: r.review_status as ReviewStatus,
    issueCount: (JSON.parse(r.issues) as unknown[]).length,
    revisions: Number(r.revisions),
  }));
  const last = items.at(-1);
  return {
    responses: items,
    total: Number(total.n),
    nextCursor: rows.length > filter.limit && last ? keysetCursor(last) : null,
  };
}

export interface ResponseWithNames {
  row: ResponseRow;
  surveyTitle: string;
  areaName: string;
  submitter: string;
}

export async function findResponse(db: Kysely<Database>, id: string): Promise<ResponseWithNames | undefined> {
  const found = await db
    .selectFrom("responses")
    .innerJoin("surveys", "surveys.id", "responses.survey_id")
    .innerJoin("areas", "areas.id", "responses.area_id")
    .innerJoin("users", "users.id", "responses.submitted_by")
    .selectAll("responses")
    .select(["surveys.title as survey_title", "areas.name as area_name", "users.display_name as submitter"])
    .where("responses.id", "=", id)
    .executeTakeFirst();
  if (!found) return undefined;
  const { survey_title, area_name, submitter, ...row } = found;
  return { row, surveyTitle: survey_title, areaName: area_name, submitter };
}

export async function listRevisions(db: Kysely<Database>, responseId: string): Promise<RevisionRow[]> {
  return db
    .selectFrom("response_revisions")
    .innerJoin("users", "users.id", "response_revisions.submitted_by")
    .selectAll("response_revisions")
    .select("users.display_name as submitter")
    .where("response_revisions.response_id", "=", responseId)
    .orderBy("response_revisions.revision")
    .execute();
}

/**
 * Which revision the response row holds now. Revision 1 lives in the row until a reviewer adopts
 * another; from then on every revision, 1 included, is in `response_revisions` and the row holds a
 * copy of the adopted one, recognised by its content hash.
 */
export function currentRevision(row: ResponseRow, revisions: RevisionRow[]): number {
  return revisions.find((r) => r.content_hash === row.content_hash)?.revision ?? 1;
}

/** Keeps revision 1 in `response_revisions` before the row is overwritten with another. */
export async function archiveFirstRevision(
  db: Kysely<Database>,
  row: ResponseRow,
  item: SyncItem,
): Promise<void> {
  await db
    .insertInto("response_revisions")
    .values({
      response_id: row.id,
      revision: 1,
      received_at: row.received_at,
      submitted_by: row.submitted_by,
      content_hash: row.content_hash,
      item: JSON.stringify(item),
    })
    .onConflict((oc) => oc.columns(["response_id", "revision"]).doNothing())
    .execute();
}

/** Makes a revision's envelope and answers the current ones. */
export async function adoptRevision(
  db: Kysely<Database>,
  input: { item: SyncItem; contentHash: string; issues: AnswerIssue[] },
): Promise<void> {
  const { item } = input;
  await db
    .updateTable("responses")
    .set({
      survey_id: item.surveyId,
      survey_version: item.surveyVersion,
      participant_code: item.participantCode,
      wave: item.wave,
      area_id: item.areaId,
      administration_mode: item.administrationMode,
      ending: item.ending ?? "completed",
      started_at: item.startedAt,
      completed_at: item.completedAt,
      data: JSON.stringify(item.data),
      content_hash: input.contentHash,
      issues: JSON.stringify(input.issues),
    })
    .where("id", "=", item.id)
    .execute();
}

/**
 * Takes the response's row lock for the rest of the transaction (a write that changes nothing), so two
 * reviewers deciding at once are serialised: the second sees the first's decision. Portable: SQLite
 * takes its database write lock, PostgreSQL a row lock. Answers false when there is no such response.
 */
export async function lockResponse(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db
    .updateTable("responses")
    .set((eb) => ({ review_status: eb.ref("review_status") }))
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setReviewStatus(db: Kysely<Database>, id: string, status: ReviewStatus): Promise<void> {
  await db.updateTable("responses").set({ review_status: status }).where("id", "=", id).execute();
}

export async function insertReviewEvent(
  db: Kysely<Database>,
  event: {
    responseId: string;
    at: Date;
    actorId: string;
    /** The author's role now, as they write: kept with the event (docs/decisions/0065 §2). */
    actorRole: Role;
    fromStatus: ReviewStatus;
    toStatus: ReviewStatus;
    adoptedRevision: number | null;
    comment: string | null;
  },
): Promise<void> {
  const last = await db
    .selectFrom("review_events")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("response_id", "=", event.responseId)
    .executeTakeFirst();
  await db
    .insertInto("review_events")
    .values({
      id: randomUUID(),
      response_id: event.responseId,
      seq: Number(last?.seq ?? 0) + 1,
      at: event.at.toISOString(),
      actor_id: event.actorId,
      actor_role: event.actorRole,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      adopted_revision: event.adoptedRevision,
      comment: event.comment,
    })
    .execute();
}

/**
 * A history entry with its author's role when they wrote it, which decides who may read its comment
 * (review.service); null for none recorded, which no row should keep.
 */
export interface ReviewEventRow extends ReviewEvent {
  actorRole: string | null;
}

export async function listReviewEvents(db: Kysely<Database>, responseId: string): Promise<ReviewEventRow[]> {
  const rows = await db
    .selectFrom("review_events")
    .innerJoin("users", "users.id", "review_events.actor_id")
    .selectAll("review_events")
    .select("users.display_name")
    .where("review_events.response_id", "=", responseId)
    .orderBy("review_events.seq")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.display_name,
    actorRole: r.actor_role,
    fromStatus: r.from_status as ReviewStatus,
    toStatus: r.to_status as ReviewStatus,
    adoptedRevision: r.adopted_revision === null ? null : Number(r.adopted_revision),
    comment: r.comment,
  }));
}
