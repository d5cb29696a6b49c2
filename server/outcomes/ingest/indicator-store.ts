import { type Kysely, PostgresAdapter, sql } from "kysely";
import type { SurveyField } from "../../../shared/survey/fields.ts";
import { indicatorKind } from "../../../shared/survey/indicator-kind.ts";
import { mainLocale } from "../../../shared/survey/locales.ts";
import type { Database } from "../../db/schema.ts";
import { INTERVIEW_ROW, type IndicatorRow, type IndicatorSource, indicatorRows } from "./indicator-values.ts";

/**
 * Writes a response's indicator rows and its pairs with the same participant's other interviews, and
 * rewrites them when the response changes. The aggregate tables follow by themselves: triggers count
 * every counted row inserted and uncount every one deleted (migration 2026-11-26-03), including rows
 * deleted by the cascade when a participant withdraws.
 */

/** 15 columns a row: 500 rows stay far below either database's limit on bound parameters. */
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

/**
 * Reads each survey version's main language once per call site: the language an interview stored
 * without one was asked in (its definition's `locale`, or English).
 */
export function mainLanguageLoader(
  db: Kysely<Database>,
): (surveyId: string, version: number) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (surveyId, version) => {
    const key = `${surveyId}@${version}`;
    let locale = cache.get(key);
    if (!locale) {
      locale = db
        .selectFrom("survey_versions")
        .select("definition")
        .where("survey_id", "=", surveyId)
        .where("version", "=", version)
        .executeTakeFirst()
        .then((row) => mainLocale(row ? JSON.parse(row.definition) : null));
      cache.set(key, locale);
    }
    return locale;
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
      "language",
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
      language: other.language,
    };
    const ownSide = {
      responseId: own.response_id,
      wave: own.wave,
      value: Number(own.value ?? 0),
      version: Number(own.survey_version),
      mode: own.administration_mode,
      month: own.completed_at.slice(0, 7),
      language: own.language ?? "",
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
        slice_language: early.language === late.language ? early.language : "",
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
    language: r.language ?? (await mainLanguageLoader(db)(r.survey_id, Number(r.survey_version))),
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

/** What the sync service knows of a response it is about to insert. */
export interface SyncedResponse {
  id: string;
  surveyId: string;
  surveyVersion: number;
  areaId: string;
  wave: number;
  participantCode: string;
  administrationMode: string;
  completedAt: string;
  /** As sent; absent when the tablet sent none, then the version's main language. */
  language?: string | undefined;
  data: Record<string, unknown>;
}

/** One response's indicator rows, built before the batch's transaction opens. */
export interface PreparedIndicators {
  id: string;
  surveyId: string;
  areaId: string;
  participantCode: string;
  rows: IndicatorRow[];
  /**
   * PostgreSQL only: the rows as elements of each column's array literal (see
   * {@link insertRowsAsArrays}), written out here so the transaction only joins strings.
   */
  elements?: string[];
}

/**
 * Builds the indicator rows of a batch's new responses (reading each version's fields once) so that
 * none of this work happens inside the transaction, where on PostgreSQL it would be done holding the
 * lock of the survey and area. Responses whose version tags no question give none.
 */
export async function prepareSyncedIndicators(
  db: Kysely<Database>,
  items: readonly { item: SyncedResponse; reviewStatus: string }[],
): Promise<PreparedIndicators[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const fieldsOf = fieldsLoader(db);
  const mainLanguageOf = mainLanguageLoader(db);
  // Only the tagged questions give rows: they are picked out once per version, not once per interview.
  const indicatorFields = new Map<string, SurveyField[]>();
  const fieldsFor = async (surveyId: string, version: number) => {
    const key = `${surveyId}@${version}`;
    let fields = indicatorFields.get(key);
    if (!fields) {
      fields = (await fieldsOf(surveyId, version)).filter((f) => indicatorKind(f) !== null);
      indicatorFields.set(key, fields);
    }
    return fields;
  };
  const prepared: PreparedIndicators[] = [];
  for (const { item, reviewStatus } of items) {
    const fields = await fieldsFor(item.surveyId, item.surveyVersion);
    const language = item.language ?? (await mainLanguageOf(item.surveyId, item.surveyVersion));
    const rows = indicatorRows({ ...item, language, reviewStatus }, fields);
    if (rows.length === 0) continue;
    prepared.push({
      id: item.id,
      surveyId: item.surveyId,
      areaId: item.areaId,
      participantCode: item.participantCode,
      rows,
      ...(postgres ? { elements: arrayElements(rows) } : {}),
    });
  }
  return prepared;
}

/**
 * Rows a single multi-row INSERT of the batch writes on SQLite: 2,000 × 15 columns = 30,000 bound
 * parameters, under SQLite's 32,766. PostgreSQL takes any number of rows as 15 arrays (`unnest`).
 */
const BATCH_INSERT_CHUNK = 2000;
/** Responses stored and paired together: their ids are bound twice in the pairing statement. */
const BATCH_PAIR_CHUNK = 500;

/**
 * Ingest of a whole batch: the same rows and pairs as {@link storeIndicators} called for each response
 * in turn (in any order), with a few statements per batch instead of a few per response. Called once,
 * in the batch's transaction, after every response of `prepared` has been inserted, and as late in
 * that transaction as it can be: on PostgreSQL its first statement takes the lock of each survey and
 * area, held until commit (see {@link lockSurveyAreas}).
 *
 * The values of all the batch's responses go in by one insert (PostgreSQL) or a few multi-row ones
 * (SQLite); then the batch's participants' other interviews are looked up by participant code, and
 * only if there are any does one INSERT … SELECT pair each new row with the rows of the same
 * participant's other interviews (same survey and area, another wave), as `storePairs` does. A pair
 * of two responses of this batch is written once, from its later wave's side, as the per-response
 * path writes it once from whichever came second.
 */
export async function storeSyncedIndicatorsBatch(
  db: Kysely<Database>,
  prepared: readonly PreparedIndicators[],
): Promise<void> {
  if (prepared.length === 0) return;
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) await lockSurveyAreas(db, prepared);
  // Chunk by chunk: a chunk's rows, then its pairs with what is stored (earlier chunks included). A
  // later chunk's responses have no rows yet, so they pair with this one's when their turn comes.
  for (let i = 0; i < prepared.length; i += BATCH_PAIR_CHUNK) {
    const chunk = prepared.slice(i, i + BATCH_PAIR_CHUNK);
    const codes = [...new Set(chunk.map((c) => c.participantCode))];
    let interviews: Interview[];
    if (postgres) interviews = await insertRowsAsArrays(db, chunk, codes);
    else {
      const rows = chunk.flatMap((c) => c.rows);
      for (let j = 0; j < rows.length; j += BATCH_INSERT_CHUNK) {
        await db
          .insertInto("indicator_values")
          .values(rows.slice(j, j + BATCH_INSERT_CHUNK))
          .execute();
      }
      interviews = await participantsInterviews(db, codes);
    }
    const partners = pairable(chunk, interviews);
    if (partners) await insertBatchPairs(db, chunk, partners);
  }
}

/**
 * New responses count into shared aggregate rows (cells and pair cells, keyed by survey and area among
 * others), which the statement-level triggers of migration 2026-11-26-09 upsert in the order their
 * `GROUP BY` happens to produce: two batches of one area would take those row locks in different
 * orders and deadlock. And a batch pairs its new interviews with the committed interviews of the same
 * participants: two transactions storing two waves of one participant at once would each miss the
 * other. So a transaction-scoped advisory lock per survey and area (the scope of both the aggregate
 * rows and a participant's pairs) makes batches that count into the same area write their indicator
 * rows in turn, across server instances too, and batches of other areas at once. Keys are taken in
 * sorted order in one statement, so transactions that take several cannot deadlock on them; and the
 * lock is taken after the responses themselves are written, so the holder never waits for a row
 * that a waiter holds (decision 0017). SQLite has one writer anyway.
 */
async function lockSurveyAreas(db: Kysely<Database>, prepared: readonly PreparedIndicators[]): Promise<void> {
  const keys = [...new Set(prepared.map((p) => `alongside:sync:${p.surveyId}:${p.areaId}`))].sort(compare);
  if (keys.length === 1) {
    await sql`select pg_advisory_xact_lock(hashtext(${keys[0]}))`.execute(db);
  } else {
    // One round trip: the keys come out of the ordered subquery, and are locked, in that order.
    await sql`select pg_advisory_xact_lock(hashtext(k.key)) from (
      select key, ord from unnest(${keys}::text[]) with ordinality as u(key, ord) order by ord) k`.execute(
      db,
    );
  }
}

/** The columns of `indicator_values`, in the order of {@link arrayElements} and the insert below. */
const ARRAY_COLUMNS = [
  ["response_id", "text"],
  ["question", "text"],
  ["survey_id", "text"],
  ["survey_version", "integer"],
  ["area_id", "text"],
  ["wave", "integer"],
  ["participant_code", "text"],
  ["administration_mode", "text"],
  ["completed_at", "text"],
  ["outcome", "text"],
  ["status", "text"],
  ["value", "double precision"],
  ["choice", "text"],
  ["counted", "integer"],
  ["language", "text"],
] as const;

/**
 * Each column's values of `rows` as the comma-separated elements of a PostgreSQL array literal: every
 * value double-quoted with `"` and `\` escaped (so any text, commas and braces included, reads back
 * as itself), and NULL bare. The array is then sent as one bound parameter, never spliced into SQL.
 */
function arrayElements(rows: readonly IndicatorRow[]): string[] {
  return ARRAY_COLUMNS.map(([column]) =>
    rows
      .map((row) => {
        const value: unknown = row[column];
        return value === null || value === undefined
          ? "NULL"
          : `"${String(value).replace(/["\\]/g, "\\$&")}"`;
      })
      .join(","),
  );
}

/** A stored interview of one of the batch's participants. */
interface Interview {
  id: string;
  participant_code: string;
  survey_id: string;
  area_id: string;
  wave: number;
}

/**
 * PostgreSQL: one statement inserts the chunk's rows, any number of them, each column as one array
 * parameter (parsed, bound and planned in a fraction of what 15 placeholders a row cost), and reads
 * the stored interviews of the chunk's participants for the pairing. One round trip fewer while the
 * area's lock is held; the read sees what every earlier holder of the lock committed, as the
 * statement starts after the lock was granted. The aggregate triggers (per statement, with a
 * transition table) run once for the whole insert.
 */
async function insertRowsAsArrays(
  db: Kysely<Database>,
  chunk: readonly PreparedIndicators[],
  codes: readonly string[],
): Promise<Interview[]> {
  const arrays = ARRAY_COLUMNS.map((_, c) => {
    const parts = chunk.map((p) => (p.elements ?? arrayElements(p.rows))[c]).filter((e) => e !== "");
    return `{${parts.join(",")}}`;
  });
  const columns = sql.raw(ARRAY_COLUMNS.map(([column]) => column).join(", "));
  const unnested = sql.join(ARRAY_COLUMNS.map(([, type], c) => sql`${arrays[c]}::${sql.raw(type)}[]`));
  const result = await sql<Interview>`
    WITH inserted AS (INSERT INTO indicator_values (${columns}) SELECT * FROM unnest(${unnested}))
    SELECT id, participant_code, survey_id, area_id, wave FROM responses
    WHERE participant_code = ANY(${[...codes]}::text[])
  `.execute(db);
  return result.rows;
}

/** The stored interviews of these participants (SQLite; PostgreSQL reads them with the insert). */
async function participantsInterviews(db: Kysely<Database>, codes: readonly string[]): Promise<Interview[]> {
  return db
    .selectFrom("responses")
    .select(["id", "participant_code", "survey_id", "area_id", "wave"])
    .where("participant_code", "in", [...codes])
    .execute();
}

/** Which responses the pairing statement needs to look at, when there are any. */
interface Partners {
  /** Responses of the chunk with at least one other interview of their participant to pair with. */
  paired: string[];
  /** Those other interviews (some may be of the chunk too). */
  others: string[];
}

/**
 * Which of the chunk's responses have another interview of their participant (same survey and area,
 * another wave) to pair with, from the participants' interviews read by participant code (an index
 * lookup): most new interviews are a participant's first, and then there is nothing to pair.
 * Otherwise the pairing statement is given the exact responses on both sides, so its cost is bounded
 * by those few interviews whatever plan the database picks. (Before, it was left to join by
 * participant code: on tables not analysed yet, PostgreSQL planned it as every new row against every
 * stored row of the same question, taking seconds while the batch held its area's lock.)
 */
function pairable(
  chunk: readonly PreparedIndicators[],
  interviews: readonly Interview[],
): Partners | undefined {
  const key = (code: string, survey: string, area: string) => `${code}\u0000${survey}\u0000${area}`;
  const byParticipant = new Map<string, Interview[]>();
  for (const interview of interviews) {
    const k = key(interview.participant_code, interview.survey_id, interview.area_id);
    const list = byParticipant.get(k);
    if (list) list.push(interview);
    else byParticipant.set(k, [interview]);
  }
  const paired: string[] = [];
  const others = new Set<string>();
  for (const c of chunk) {
    const wave = c.rows[0]?.wave;
    const theirs = (byParticipant.get(key(c.participantCode, c.surveyId, c.areaId)) ?? []).filter(
      (r) => r.id !== c.id && Number(r.wave) !== wave,
    );
    if (theirs.length === 0) continue;
    paired.push(c.id);
    for (const r of theirs) others.add(r.id);
  }
  return paired.length > 0 ? { paired, others: [...others] } : undefined;
}

/**
 * Pairs of the responses `chunk` (their rows just stored) with the other interviews of their participants,
 * as `storePairs` builds them: the other interview has the same participant, survey and area in
 * `responses`, another id and another wave; its row of the same question has another wave; the
 * interview rows always pair, a question's rows when both are answered with a value. A pair of two
 * responses of `chunk` is taken once, from the side of its later wave (waves differ in every pair).
 * `partners` limits both sides to the responses that have a pair at all (see {@link pairable}).
 */
async function insertBatchPairs(
  db: Kysely<Database>,
  chunk: readonly PreparedIndicators[],
  partners: Partners,
): Promise<void> {
  const early = (column: string) =>
    sql.raw(`CASE WHEN o.wave < n.wave THEN o.${column} ELSE n.${column} END`);
  const late = (column: string) => sql.raw(`CASE WHEN o.wave < n.wave THEN n.${column} ELSE o.${column} END`);
  const list = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}`));
  await sql`
    INSERT INTO indicator_pairs (response_id, paired_response_id, question, outcome, survey_id, area_id,
      from_wave, to_wave, before_value, after_value, counted, slice_version, slice_mode, from_month, to_month,
      slice_language)
    SELECT ${early("response_id")}, ${late("response_id")}, o.question, o.outcome, n.survey_id, n.area_id,
      ${early("wave")}, ${late("wave")},
      COALESCE(${early("value")}, 0), COALESCE(${late("value")}, 0),
      o.counted * n.counted,
      CASE WHEN o.survey_version = n.survey_version THEN n.survey_version ELSE 0 END,
      CASE WHEN o.administration_mode = n.administration_mode THEN n.administration_mode ELSE '' END,
      substr(${early("completed_at")}, 1, 7), substr(${late("completed_at")}, 1, 7),
      CASE WHEN o.language = n.language THEN n.language ELSE '' END
    FROM indicator_values n
    JOIN responses r ON r.participant_code = n.participant_code AND r.survey_id = n.survey_id
      AND r.area_id = n.area_id AND r.wave <> n.wave AND r.id <> n.response_id
    JOIN indicator_values o ON o.response_id = r.id AND o.question = n.question AND o.outcome = n.outcome
      AND o.wave <> n.wave
    WHERE n.response_id IN (${list(partners.paired)}) AND r.id IN (${list(partners.others)})
      AND o.response_id IN (${list(partners.others)})
      AND (o.question = ${INTERVIEW_ROW} OR (n.status = 'answered' AND n.value IS NOT NULL
        AND o.status = 'answered' AND o.value IS NOT NULL))
      AND (o.wave < n.wave OR r.id NOT IN (${list(chunk.map((c) => c.id))}))
  `.execute(db);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
