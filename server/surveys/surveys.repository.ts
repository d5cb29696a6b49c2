import type { Kysely, Selectable } from "kysely";
import type { PublishedSurveySummary, SurveyVersion } from "../../shared/contract/surveys.ts";
import type { SurveyField } from "../../shared/survey/fields.ts";
import type { Database } from "../db/schema.ts";
import type { SurveyVersionsTable } from "./surveys.table.ts";

export type SurveyVersionRow = Selectable<SurveyVersionsTable>;

export async function listPublishedSurveys(db: Kysely<Database>): Promise<PublishedSurveySummary[]> {
  const rows = await db
    .selectFrom("surveys")
    .innerJoin("survey_versions as v", "v.survey_id", "surveys.id")
    .select(["surveys.id", "v.title", "surveys.description", "v.version", "v.published_at"])
    .where(({ eb, selectFrom }) =>
      eb(
        "v.version",
        "=",
        selectFrom("survey_versions as latest")
          .select(({ fn }) => fn.max("latest.version").as("max"))
          .whereRef("latest.survey_id", "=", "surveys.id"),
      ),
    )
    .orderBy("v.title")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    version: Number(r.version),
    publishedAt: r.published_at,
  }));
}

export async function surveyExists(db: Kysely<Database>, surveyId: string): Promise<boolean> {
  const row = await db.selectFrom("surveys").select("id").where("id", "=", surveyId).executeTakeFirst();
  return row !== undefined;
}

/** The largest value of an `integer` column on PostgreSQL (SQLite's are 64-bit). */
const MAX_INTEGER = 2_147_483_647;

export async function findSurveyVersion(
  db: Kysely<Database>,
  surveyId: string,
  version: number,
): Promise<SurveyVersionRow | undefined> {
  // No version can be beyond PostgreSQL's `integer`; asking would be an error there, not "not found".
  if (!Number.isSafeInteger(version) || version < 1 || version > MAX_INTEGER) return undefined;
  return db
    .selectFrom("survey_versions")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .where("version", "=", version)
    .executeTakeFirst();
}

export function toSurveyVersion(row: SurveyVersionRow): SurveyVersion {
  return {
    surveyId: row.survey_id,
    version: Number(row.version),
    title: row.title,
    publishedAt: row.published_at,
    definition: JSON.parse(row.definition) as Record<string, unknown>,
  };
}

export interface NewPublishedSurvey {
  id: string;
  title: string;
  description: string;
  definition: Record<string, unknown>;
  fields: SurveyField[];
}

/** Creates the survey and publishes its definition as the next version; a version is never updated. */
export async function publishVersion(
  db: Kysely<Database>,
  survey: NewPublishedSurvey,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("surveys")
      .values({
        id: survey.id,
        title: survey.title,
        description: survey.description,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    const latest = await trx
      .selectFrom("survey_versions")
      .select(({ fn }) => fn.max("version").as("max"))
      .where("survey_id", "=", survey.id)
      .executeTakeFirst();
    const version = Number(latest?.max ?? 0) + 1;
    await insertVersion(trx, survey, version, now);
    return version;
  });
}

/**
 * Creates the survey and publishes `survey` as its version 1, unless a survey with this id exists;
 * answers whether it did. Several server instances starting at once on PostgreSQL each try: the
 * others' inserts wait for the first to commit and then do nothing, so no version 2 appears.
 */
export async function publishFirstVersion(
  db: Kysely<Database>,
  survey: NewPublishedSurvey,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("surveys")
      .values({
        id: survey.id,
        title: survey.title,
        description: survey.description,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!created) return false;
    await insertVersion(trx, survey, 1, now);
    return true;
  });
}

async function insertVersion(
  db: Kysely<Database>,
  survey: NewPublishedSurvey,
  version: number,
  now: Date,
): Promise<void> {
  await db
    .insertInto("survey_versions")
    .values({
      survey_id: survey.id,
      version,
      title: survey.title,
      definition: JSON.stringify(survey.definition),
      fields: JSON.stringify(survey.fields),
      published_at: now.toISOString(),
    })
    .execute();
}
