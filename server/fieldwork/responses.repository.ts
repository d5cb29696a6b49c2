import type { Kysely } from "kysely";
import type { AnswerIssue, SyncItem } from "../../shared/contract/sync.ts";
import type { Database } from "../db/schema.ts";

export type ReviewStatus = "received" | "needs_review" | "approved" | "rejected";

export interface StoredResponse {
  id: string;
  contentHash: string;
  revisions: number;
}

export async function findStoredResponse(
  db: Kysely<Database>,
  id: string,
): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom("responses")
    .select(["id", "content_hash", "revisions"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row && { id: row.id, contentHash: row.content_hash, revisions: Number(row.revisions) };
}

export async function revisionWithHash(
  db: Kysely<Database>,
  id: string,
  hash: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom("response_revisions")
    .select("revision")
    .where("response_id", "=", id)
    .where("content_hash", "=", hash)
    .executeTakeFirst();
  return row ? Number(row.revision) : undefined;
}

/** Inserts revision 1; answers false when another request stored the same id first. */
export async function insertResponse(
  db: Kysely<Database>,
  input: {
    item: SyncItem;
    hash: string;
    issues: AnswerIssue[];
    submittedBy: string;
    deviceId: string | null;
    receivedAt: string;
  },
): Promise<boolean> {
  const { item } = input;
  const result = await db
    .insertInto("responses")
    .values({
      id: item.id,
      survey_id: item.surveyId,
      survey_version: item.surveyVersion,
      participant_code: item.participantCode,
      wave: item.wave,
      area_id: item.areaId,
      administration_mode: item.administrationMode,
      started_at: item.startedAt,
      completed_at: item.completedAt,
      received_at: input.receivedAt,
      submitted_by: input.submittedBy,
      device_id: input.deviceId,
      data: JSON.stringify(item.data),
      content_hash: input.hash,
      review_status: input.issues.length > 0 ? "needs_review" : "received",
      issues: JSON.stringify(input.issues),
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Keeps different content sent under a stored id as the next revision, and flags the response for review. */
export async function addConflictingRevision(
  db: Kysely<Database>,
  input: { item: SyncItem; hash: string; submittedBy: string; receivedAt: string; previousRevisions: number },
): Promise<number> {
  const revision = input.previousRevisions + 1;
  await db
    .insertInto("response_revisions")
    .values({
      response_id: input.item.id,
      revision,
      received_at: input.receivedAt,
      submitted_by: input.submittedBy,
      content_hash: input.hash,
      item: JSON.stringify(input.item),
    })
    .execute();
  await db
    .updateTable("responses")
    .set({ revisions: revision, review_status: "needs_review" })
    .where("id", "=", input.item.id)
    .execute();
  return revision;
}
