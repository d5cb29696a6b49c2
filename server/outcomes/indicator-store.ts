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

/** The fields loader of each sync transaction: a batch parses each survey version's fields once. */
const loaders = new WeakMap<Kysely<Database>, FieldsOf>();

/**
 * Ingest: called by the sync service in its transaction for each response it has just inserted, so
 * an acknowledged interview is in the dashboards' tables as soon as it is stored.
 *
 * On PostgreSQL two server instances may store two waves of one participant at the same moment, and
 * neither transaction would see the other's interview to pair it with. A transaction-scoped advisory
 * lock on the participant code makes the second wait for the first to commit (SQLite has one writer).
 */
export async function storeSyncedIndicators(
  db: Kysely<Database>,
  item: {
    id: string;
    surveyId: string;
    surveyVersion: number;
    areaId: string;
    wave: number;
    participantCode: string;
    administrationMode: string;
    completedAt: string;
    data: Record<string, unknown>;
  },
  reviewStatus: string,
): Promise<void> {
  let fieldsOf = loaders.get(db);
  if (!fieldsOf) {
    fieldsOf = fieldsLoader(db);
    loaders.set(db, fieldsOf);
  }
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(hashtext(${`alongside:participant:${item.participantCode}`}))`.execute(
      db,
    );
  }
  await storeIndicators(db, { ...item, reviewStatus }, await fieldsOf(item.surveyId, item.surveyVersion));
}
