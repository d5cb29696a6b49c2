import { type Kysely, PostgresAdapter, sql } from "kysely";
import type { SurveyField } from "../../shared/survey/fields.ts";
import type { Database } from "../db/schema.ts";
import { INTERVIEW_ROW, type IndicatorRow, type IndicatorSource, indicatorRows } from "./indicator-values.ts";

/**
 * Writes a response's indicator rows and its pairs with the same participant's other interviews, and
 * rewrites them when the response changes. The aggregate tables follow by themselves: triggers count
 * every counted row inserted and uncount every one deleted (migration 2026-11-26-03), including rows
 * deleted by the cascade when a participant withdraws.
 */

/** 14 columns a row: 500 rows stay far below either database's limit on bound parameters. */
const INSERT_CHUNK = 500;

export type FieldsOf = (surveyId: string, version: number) => Promise<SurveyField[]>;

/** Reads each survey version's flattened fields once per call site. */
export function fieldsLoader(db: Kysely<Database>): FieldsOf {
  const cache = new Map<string, Promise<SurveyField[]>>();
  return (surveyId, version) => {
    const key = `${surveyId}@${version}`;
    let fields = cache.get(key);
    if (!fields) {
      fields = db
        .selectFrom("survey_versions")
        .select("fields")
        .where("survey_id", "=", surveyId)
        .where("version", "=", version)
        .executeTakeFirst()
        .then((row) => (row ? (JSON.parse(row.fields) as SurveyField[]) : []));
      cache.set(key, fields);
    }
    return fields;
  };
}

/** For a newly stored response (in the same transaction): its values, then its pairs. */
export async function storeIndicators(
  db: Kysely<Database>,
  source: IndicatorSource,
  fields: readonly SurveyField[],
): Promise<void> {
  await insertIndicatorRows(db, indicatorRows(source, fields));
}

/**
 * Replaces one response's rows (and so its pairs) with `rows`, as built by `indicatorRows`. Kept for
 * callers that rewrite a response themselves; changing a stored response also queues it for
 * {@link processRefreshQueue}, which rewrites it from what is stored before the dashboards next read.
 */
export async function replaceIndicatorValues(
  db: Kysely<Database>,
  responseId: string,
  rows: readonly IndicatorRow[],
): Promise<void> {
  await deleteIndicators(db, responseId);
  await insertIndicatorRows(
    db,
    rows.filter((row) => row.response_id === responseId),
  );
}

async function deleteIndicators(db: Kysely<Database>, responseId: string): Promise<void> {
  await db
    .deleteFrom("indicator_pairs")
    .where((eb) => eb.or([eb("response_id", "=", responseId), eb("paired_response_id", "=", responseId)]))
    .execute();
  await db.deleteFrom("indicator_values").where("response_id", "=", responseId).execute();
}

/** One response's rows (all sharing its envelope), then its pairs with the participant's other interviews. */
async function insertIndicatorRows(db: Kysely<Database>, rows: readonly IndicatorRow[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("indicator_values")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
  await storePairs(db, first, rows);
}

async function storePairs(
  db: Kysely<Database>,
  envelope: IndicatorRow,
  rows: readonly IndicatorRow[],
): Promise<void> {
  const others = await db
    .selectFrom("responses")
    .select("id")
    .where("participant_code", "=", envelope.participant_code)
    .where("survey_id", "=", envelope.survey_id)
    .where("area_id", "=", envelope.area_id)
    .where("wave", "<>", envelope.wave)
    .where("id", "<>", envelope.response_id)
    .execute();
  if (others.length === 0) return;
  const theirs = await db
    .selectFrom("indicator_values")
    .select([
      "response_id",
      "question",
      "outcome",
      "wave",
      "status",
      "value",
      "counted",
      "survey_version",
      "administration_mode",
      "completed_at",
    ])
    .where(
      "response_id",
      "in",
      others.map((o) => o.id),
    )
    .where("wave", "<>", envelope.wave)
    .execute();
  const mine = new Map(rows.map((row) => [`${row.outcome}\u0000${row.question}`, row]));
  const usable = (status: string, value: number | null | undefined) => status === "answered" && value != null;
  const pairs = theirs.flatMap((other) => {
    const own = mine.get(`${other.outcome}\u0000${other.question}`);
    if (!own) return [];
    const interview = other.question === INTERVIEW_ROW;
    if (!interview && !(usable(own.status, own.value) && usable(other.status, other.value))) return [];
    const otherSide = {
      responseId: other.response_id,
      wave: Number(other.wave),
      value: Number(other.value ?? 0),
      version: Number(other.survey_version),
      mode: other.administration_mode,
      month: other.completed_at.slice(0, 7),
    };
    const ownSide = {
      responseId: own.response_id,
      wave: own.wave,
      value: Number(own.value ?? 0),
      version: Number(own.survey_version),
      mode: own.administration_mode,
      month: own.completed_at.slice(0, 7),
    };
    const [early, late] = otherSide.wave < ownSide.wave ? [otherSide, ownSide] : [ownSide, otherSide];
    return [
      {
        response_id: early.responseId,
        paired_response_id: late.responseId,
        question: other.question,
        outcome: other.outcome,
        survey_id: envelope.survey_id,
        area_id: envelope.area_id,
        from_wave: early.wave,
        to_wave: late.wave,
        before_value: early.value,
        after_value: late.value,
        counted: Number(other.counted) * Number(own.counted),
        // The pair's place in the version, mode and month filters (migration 2026-11-26-08).
        slice_version: early.version === late.version ? early.version : 0,
        slice_mode: early.mode === late.mode ? early.mode : "",
        from_month: early.month,
        to_month: late.month,
      },
    ];
  });
  for (let i = 0; i < pairs.length; i += INSERT_CHUNK) {
    await db
      .insertInto("indicator_pairs")
      .values(pairs.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

/** Rewrites one response's rows and pairs from what is stored now (or removes them if it is gone). */
export async function refreshIndicators(
  db: Kysely<Database>,
  responseId: string,
  fieldsOf: FieldsOf,
): Promise<void> {
  await deleteIndicators(db, responseId);
  const r = await db.selectFrom("responses").selectAll().where("id", "=", responseId).executeTakeFirst();
  if (!r) return;
  const source: IndicatorSource = {
    id: r.id,
    surveyId: r.survey_id,
    surveyVersion: Number(r.survey_version),
    areaId: r.area_id,
    wave: Number(r.wave),
    participantCode: r.participant_code,
    administrationMode: r.administration_mode,
    completedAt: r.completed_at,
    reviewStatus: r.review_status,
    data: JSON.parse(r.data) as Record<string, unknown>,
  };
  await storeIndicators(db, source, await fieldsOf(source.surveyId, source.surveyVersion));
}

const REFRESH_BATCH = 100;

/**
 * Rewrites the rows of every response queued by the trigger on `responses` (a review decision, an
 * adopted revision, a conflicting resend). Called before the dashboard reads, so no figure counts a
 * response as it was. Costs one indexed read when the queue is empty, which is nearly always.
 */
export async function processRefreshQueue(db: Kysely<Database>): Promise<number> {
  let total = 0;
  for (;;) {
    const waiting = await db.selectFrom("indicator_refresh").select("response_id").limit(1).execute();
    if (waiting.length === 0) return total;
    const done = await db.transaction().execute(async (trx) => {
      // Taking the ids by deleting them makes two instances share the queue without doing one twice.
      const taken = await trx
        .deleteFrom("indicator_refresh")
        .where(
          "response_id",
          "in",
          trx
            .selectFrom("indicator_refresh")
            .select("response_id")
            .orderBy("response_id")
            .limit(REFRESH_BATCH),
        )
        .returning("response_id")
        .execute();
      const fieldsOf = fieldsLoader(trx);
      for (const { response_id } of taken) await refreshIndicators(trx, response_id, fieldsOf);
      return taken.length;
    });
    total += done;
    if (done === 0) return total;
  }
}

/** What the sync service knows of a response it has just inserted. */
export interface SyncedResponse {
  id: string;
  surveyId: string;
  surveyVersion: number;
  areaId: string;
  wave: number;
  participantCode: string;
  administrationMode: string;
  completedAt: string;
  data: Record<string, unknown>;
}

/**
 * On PostgreSQL two server instances may store two waves of one participant at the same moment, and
 * neither transaction would see the other's interview to pair it with. A transaction-scoped advisory
 * lock on the participant code makes the second wait for the first to commit (SQLite has one writer).
 * Locks are taken in code order, so transactions that each take several cannot deadlock.
 */
async function lockParticipants(db: Kysely<Database>, codes: readonly string[]): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const keys = [...new Set(codes)]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((code) => `alongside:participant:${code}`);
  if (keys.length === 1) {
    await sql`select pg_advisory_xact_lock(hashtext(${keys[0]}))`.execute(db);
  } else if (keys.length > 1) {
    // One round trip: the keys come out of the ordered subquery, and are locked, in that order.
    await sql`select pg_advisory_xact_lock(hashtext(k.key)) from (
      select key, ord from unnest(${keys}::text[]) with ordinality as u(key, ord) order by ord) k`.execute(
      db,
    );
  }
}

/**
 * Rows a single multi-row INSERT of the batch writes: 2,000 × 14 columns = 28,000 bound parameters,
 * under SQLite's 32,766 and PostgreSQL's 65,535; a batch of 50 interviews of 40 questions is 2 inserts.
 */
const BATCH_INSERT_CHUNK = 2000;
/** Responses stored and paired together: their ids are bound twice in the pairing statement. */
const BATCH_PAIR_CHUNK = 500;

/**
 * Ingest of a whole batch: the same rows and pairs as {@link storeIndicators} called for each response
 * in turn (in any order), with a few statements per batch instead of a few per response.
 * Called once, in the batch's transaction, after every response of `items` has been inserted.
 *
 * The values of all the batch's responses go in by multi-row inserts; then one INSERT … SELECT pairs
 * each new row with the rows of the same participant's other interviews (same survey and area, another
 * wave), as `storePairs` does. A pair of two responses of this batch is written once, from its later
 * wave's side, as the per-response path writes it once from whichever came second.
 */
export async function storeSyncedIndicatorsBatch(
  db: Kysely<Database>,
  items: readonly { item: SyncedResponse; reviewStatus: string }[],
): Promise<void> {
  if (items.length === 0) return;
  await lockParticipants(
    db,
    items.map(({ item }) => item.participantCode),
  );
  const fieldsOf = fieldsLoader(db);
  const built: { id: string; rows: IndicatorRow[] }[] = [];
  for (const { item, reviewStatus } of items) {
    const rows = indicatorRows({ ...item, reviewStatus }, await fieldsOf(item.surveyId, item.surveyVersion));
    if (rows.length > 0) built.push({ id: item.id, rows });
  }
  // Chunk by chunk: a chunk's rows, then its pairs with what is stored (earlier chunks included). A
  // later chunk's responses have no rows yet, so they pair with this one's when their turn comes.
  for (let i = 0; i < built.length; i += BATCH_PAIR_CHUNK) {
    const chunk = built.slice(i, i + BATCH_PAIR_CHUNK);
    const rows = chunk.flatMap((c) => c.rows);
    for (let j = 0; j < rows.length; j += BATCH_INSERT_CHUNK) {
      await db
        .insertInto("indicator_values")
        .values(rows.slice(j, j + BATCH_INSERT_CHUNK))
        .execute();
    }
    await insertBatchPairs(
      db,
      chunk.map((c) => c.id),
    );
  }
}

/**
 * Pairs of the responses `chunk` (their rows just stored) with the other interviews of their participants,
 * as `storePairs` builds them: the other interview has the same participant, survey and area in
 * `responses`, another id and another wave; its row of the same question has another wave; the
 * interview rows always pair, a question's rows when both are answered with a value. A pair of two
 * responses of `chunk` is taken once, from the side of its later wave (waves differ in every pair).
 */
async function insertBatchPairs(db: Kysely<Database>, chunk: readonly string[]): Promise<void> {
  const early = (column: string) =>
    sql.raw(`CASE WHEN o.wave < n.wave THEN o.${column} ELSE n.${column} END`);
  const late = (column: string) => sql.raw(`CASE WHEN o.wave < n.wave THEN n.${column} ELSE o.${column} END`);
  const ids = () => sql.join(chunk.map((id) => sql`${id}`));
  await sql`
    INSERT INTO indicator_pairs (response_id, paired_response_id, question, outcome, survey_id, area_id,
      from_wave, to_wave, before_value, after_value, counted, slice_version, slice_mode, from_month, to_month)
    SELECT ${early("response_id")}, ${late("response_id")}, o.question, o.outcome, n.survey_id, n.area_id,
      ${early("wave")}, ${late("wave")},
      COALESCE(${early("value")}, 0), COALESCE(${late("value")}, 0),
      o.counted * n.counted,
      CASE WHEN o.survey_version = n.survey_version THEN n.survey_version ELSE 0 END,
      CASE WHEN o.administration_mode = n.administration_mode THEN n.administration_mode ELSE '' END,
      substr(${early("completed_at")}, 1, 7), substr(${late("completed_at")}, 1, 7)
    FROM indicator_values n
    JOIN responses r ON r.participant_code = n.participant_code AND r.survey_id = n.survey_id
      AND r.area_id = n.area_id AND r.wave <> n.wave AND r.id <> n.response_id
    JOIN indicator_values o ON o.response_id = r.id AND o.question = n.question AND o.outcome = n.outcome
      AND o.wave <> n.wave
    WHERE n.response_id IN (${ids()})
      AND (o.question = ${INTERVIEW_ROW} OR (n.status = 'answered' AND n.value IS NOT NULL
        AND o.status = 'answered' AND o.value IS NOT NULL))
      AND (o.wave < n.wave OR r.id NOT IN (${ids()}))
  `.execute(db);
}
