import { type Kysely, type Selectable, sql } from "kysely";
import type { ExportableSurvey, ExportStatus } from "../../shared/contract/exports.ts";
import type { KeysetCursor } from "../../shared/contract/keyset.ts";
import { receivedAfter } from "../db/keyset.ts";
import type { Database } from "../db/schema.ts";
import type { ResponsesTable } from "../fieldwork/responses.table.ts";
import type { SurveyVersionsTable } from "../surveys/surveys.table.ts";

/** Which responses an export holds; the caller's scope is part of it, never an afterthought. */
export interface ExportFilter {
  surveyId: string;
  /** Null for a user who sees every area. */
  scopeAreaId: string | null;
  areaId: string | undefined;
  wave: number | undefined;
  status: ExportStatus;
  /**
   * Only responses received up to this moment, so the files of one data package describe the same
   * responses even while tablets keep uploading.
   */
  receivedUpTo: string;
}

export type ExportRow = Pick<
  Selectable<ResponsesTable>,
  | "id"
  | "participant_code"
  | "survey_id"
  | "survey_version"
  | "area_id"
  | "wave"
  | "administration_mode"
  | "language"
  | "started_at"
  | "completed_at"
  | "received_at"
  | "review_status"
  | "issues"
  | "data"
>;

/**
 * Exportable: not rejected, and not a participant who withdrew and asked for deletion (their rows
 * are deleted; this also covers an upload that raced the withdrawal).
 */
function exportable(db: Kysely<Database>, status: ExportStatus) {
  let query = db
    .selectFrom("responses")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("withdrawals")
            .select("withdrawals.participant_code")
            .whereRef("withdrawals.participant_code", "=", "responses.participant_code")
            .where("withdrawals.choice", "=", "delete_all"),
        ),
      ),
    );
  query =
    status === "approved"
      ? query.where("responses.review_status", "=", "approved")
      : query.where("responses.review_status", "!=", "rejected");
  return query;
}

function filtered(db: Kysely<Database>, filter: ExportFilter) {
  let query = exportable(db, filter.status)
    .where("responses.survey_id", "=", filter.surveyId)
    .where("responses.received_at", "<=", filter.receivedUpTo);
  if (filter.scopeAreaId !== null) query = query.where("responses.area_id", "=", filter.scopeAreaId);
  if (filter.areaId !== undefined) query = query.where("responses.area_id", "=", filter.areaId);
  if (filter.wave !== undefined) query = query.where("responses.wave", "=", filter.wave);
  return query;
}

export async function countExport(db: Kysely<Database>, filter: ExportFilter): Promise<number> {
  const row = await filtered(db, filter).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The export's responses a page at a time, in the order they arrived. Each page is one short query, so
 * an export of any size holds one page in memory and never holds a database connection between pages
 * (with SQLite's single connection, a long-running cursor would stall every other request).
 */
export async function* exportPages(
  db: Kysely<Database>,
  filter: ExportFilter,
  pageSize = 500,
): AsyncGenerator<ExportRow[]> {
  let cursor: KeysetCursor | undefined;
  for (;;) {
    let query = filtered(db, filter)
      .select([
        "responses.id",
        "responses.participant_code",
        "responses.survey_id",
        "responses.survey_version",
        "responses.area_id",
        "responses.wave",
        "responses.administration_mode",
        "responses.language",
        "responses.started_at",
        "responses.completed_at",
        "responses.received_at",
        "responses.review_status",
        "responses.issues",
        "responses.data",
      ])
      .orderBy("responses.received_at")
      .orderBy("responses.id")
      .limit(pageSize);
    if (cursor) query = query.where(receivedAfter(cursor));
    const rows = await query.execute();
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    cursor = { receivedAt: last.received_at, id: last.id };
  }
}

export type VersionRow = Pick<Selectable<SurveyVersionsTable>, "version" | "title" | "definition" | "fields">;

export async function surveyVersions(
  db: Kysely<Database>,
  surveyId: string,
): Promise<{ title: string; versions: VersionRow[] } | undefined> {
  const survey = await db.selectFrom("surveys").select("title").where("id", "=", surveyId).executeTakeFirst();
  if (!survey) return undefined;
  const versions = await db
    .selectFrom("survey_versions")
    .select(["version", "title", "definition", "fields"])
    .where("survey_id", "=", surveyId)
    .orderBy("version")
    .execute();
  return { title: survey.title, versions };
}

/** Every survey with a published version, and how many exportable responses the caller may export. */
export async function exportableSurveys(
  db: Kysely<Database>,
  scopeAreaId: string | null,
): Promise<ExportableSurvey[]> {
  const surveys = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions", "survey_versions.survey_id", "surveys.id")
    .select(["surveys.id", "surveys.title", "survey_versions.version"])
    .orderBy("surveys.title")
    .orderBy("survey_versions.version")
    .execute();
  let counts = exportable(db, "all")
    .select(["responses.survey_id", sql<number>`count(*)`.as("n")])
    .groupBy("responses.survey_id");
  if (scopeAreaId !== null) counts = counts.where("responses.area_id", "=", scopeAreaId);
  const countBySurvey = new Map((await counts.execute()).map((r) => [r.survey_id, Number(r.n)]));
  const result = new Map<string, ExportableSurvey>();
  for (const row of surveys) {
    const survey = result.get(row.id) ?? {
      id: row.id,
      title: row.title,
      versions: [],
      responses: countBySurvey.get(row.id) ?? 0,
    };
    survey.versions.push(Number(row.version));
    result.set(row.id, survey);
  }
  return [...result.values()];
}
