import type { Kysely } from "kysely";
import type { AnswerIssue, SyncItem } from "../../shared/contract/sync.ts";
import type { Database } from "../db/schema.ts";

export interface StoredResponse {
  id: string;
  contentHash: string;
  revisions: number;
  /** Where and from whom it came: a resend must come from there too (decision 0025). */
  areaId: string;
  submittedBy: string;
  deviceId: string | null;
}

export async function findStoredResponse(
  db: Kysely<Database>,
  id: string,
): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom("responses")
    .select(["id", "content_hash", "revisions", "area_id", "submitted_by", "device_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      contentHash: row.content_hash,
      revisions: Number(row.revisions),
      areaId: row.area_id,
      submittedBy: row.submitted_by,
      deviceId: row.device_id,
    }
  );
}

/** Codes per INSERT into `participants`: 3 columns each, far below either database's parameter limit. */
const CLAIM_CHUNK = 300;

/**
 * Records each code's area where the code has none yet, and answers every given code's area (its
 * own, or the one another request recorded first). Codes go in sorted order, so two transactions on
 * PostgreSQL wait for each other's codes in the same order instead of deadlocking; a code another
 * transaction is claiming makes this one wait until that commits, then read its area.
 */
export async function claimParticipants(
  db: Kysely<Database>,
  claims: readonly { code: string; areaId: string }[],
  at: string,
): Promise<Map<string, string>> {
  const first = new Map<string, string>();
  for (const { code, areaId } of claims) if (!first.has(code)) first.set(code, areaId);
  const rows = [...first]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, areaId]) => ({ participant_code: code, area_id: areaId, first_seen_at: at }));
  for (let start = 0; start < rows.length; start += CLAIM_CHUNK) {
    await db
      .insertInto("participants")
      .values(rows.slice(start, start + CLAIM_CHUNK))
      .onConflict((oc) => oc.column("participant_code").doNothing())
      .execute();
  }
  const homes = new Map<string, string>();
  if (rows.length === 0) return homes;
  const stored = await db
    .selectFrom("participants")
    .select(["participant_code", "area_id"])
    .where("participant_code", "in", [...first.keys()])
    .execute();
  for (const row of stored) homes.set(row.participant_code, row.area_id);
  return homes;
}

/**
 * Which of these (code, area) pairs already have an interview stored: a participant the data manager
 * placed in a second area, or one seen in two areas before participants had one area. Keys are
 * `code + "\u0000" + area`.
 */
export async function presentIn(
  db: Kysely<Database>,
  pairs: readonly { code: string; areaId: string }[],
): Promise<Set<string>> {
  const found = new Set<string>();
  if (pairs.length === 0) return found;
  const rows = await db
    .selectFrom("responses")
    .select(["participant_code", "area_id"])
    .distinct()
    .where("participant_code", "in", [...new Set(pairs.map((p) => p.code))])
    .execute();
  for (const row of rows) found.add(`${row.participant_code}\u0000${row.area_id}`);
  return found;
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

export interface NewResponse {
  item: SyncItem;
  hash: string;
  issues: AnswerIssue[];
  /** The interview's language, settled by the sync service (the version's main one when none was sent). */
  language: string;
  submittedBy: string;
  deviceId: string | null;
  receivedAt: string;
}

function responseRow(input: NewResponse) {
  const { item } = input;
  return {
    id: item.id,
    survey_id: item.surveyId,
    survey_version: item.surveyVersion,
    participant_code: item.participantCode,
    wave: item.wave,
    area_id: item.areaId,
    administration_mode: item.administrationMode,
    ending: item.ending ?? "completed",
    language: input.language,
    started_at: item.startedAt,
    completed_at: item.completedAt,
    received_at: input.receivedAt,
    submitted_by: input.submittedBy,
    device_id: input.deviceId,
    data: JSON.stringify(item.data),
    content_hash: input.hash,
    review_status: input.issues.length > 0 ? "needs_review" : "received",
    issues: JSON.stringify(input.issues),
  };
}

/** Rows per INSERT: 18 columns each keeps a statement far below either database's parameter limit. */
const INSERT_CHUNK = 200;

/**
 * Inserts many responses (distinct ids) as revision 1 and answers which ids this call stored; an id
 * missing from the answer was stored first by another request or server instance. Rows go in id order,
 * so two transactions inserting overlapping batches on PostgreSQL take their row locks in the same
 * order and wait for each other instead of deadlocking.
 */
export async function insertNewResponses(
  db: Kysely<Database>,
  inputs: readonly NewResponse[],
): Promise<Set<string>> {
  const rows = inputs.map(responseRow).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const inserted = new Set<string>();
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const stored = await db
      .insertInto("responses")
      .values(rows.slice(start, start + INSERT_CHUNK))
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .execute();
    for (const row of stored) inserted.add(row.id);
  }
  return inserted;
}

/** Which of these ids are stored already. */
export async function findStoredIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("responses")
    .select("id")
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
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
