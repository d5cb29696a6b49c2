import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/** Published versions with who published them and how many responses each holds. */
export interface VersionRow {
  version: number;
  title: string;
  publishedAt: string;
  publishedBy: string | null;
  reason: string | null;
  signedOffBy: string[];
  responses: number;
}

export async function listVersions(
  db: Kysely<Database>,
  surveyId: string,
  areaId: string | null,
): Promise<VersionRow[]> {
  const versions = await db
    .selectFrom("survey_versions as v")
    .leftJoin("survey_publications as p", (join) =>
      join.onRef("p.survey_id", "=", "v.survey_id").onRef("p.version", "=", "v.version"),
    )
    .select(["v.version", "v.title", "v.published_at", "p.published_by", "p.reason", "p.signed_off_by"])
    .where("v.survey_id", "=", surveyId)
    .orderBy("v.version", "desc")
    .execute();
  let counts = db
    .selectFrom("responses")
    .select(({ fn }) => ["survey_version", fn.countAll().as("n")])
    .where("survey_id", "=", surveyId)
    .groupBy("survey_version");
  if (areaId !== null) counts = counts.where("area_id", "=", areaId);
  const byVersion = new Map((await counts.execute()).map((r) => [Number(r.survey_version), Number(r.n)]));
  return versions.map((v) => ({
    version: Number(v.version),
    title: v.title,
    publishedAt: v.published_at,
    publishedBy: v.published_by ?? null,
    reason: v.reason ?? null,
    signedOffBy: v.signed_off_by ? (JSON.parse(v.signed_off_by) as string[]) : [],
    responses: byVersion.get(Number(v.version)) ?? 0,
  }));
}

export async function latestVersionNumber(db: Kysely<Database>, surveyId: string): Promise<number | null> {
  const row = await db
    .selectFrom("survey_versions")
    .select(({ fn }) => fn.max("version").as("max"))
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? null : Number(row.max);
}

export async function insertPublication(
  db: Kysely<Database>,
  p: {
    surveyId: string;
    version: number;
    publishedBy: string;
    at: Date;
    draftRevision: number;
    reason: string | null;
    signedOffBy: string[];
  },
): Promise<void> {
  await db
    .insertInto("survey_publications")
    .values({
      survey_id: p.surveyId,
      version: p.version,
      published_by: p.publishedBy,
      published_at: p.at.toISOString(),
      draft_revision: p.draftRevision,
      reason: p.reason,
      signed_off_by: JSON.stringify(p.signedOffBy),
    })
    .execute();
}

/** The catalogue entry follows the latest publish: lists show the name the editors chose last. */
export async function updateSurveyCatalogue(
  db: Kysely<Database>,
  surveyId: string,
  entry: { title: string; description: string },
): Promise<void> {
  await db.updateTable("surveys").set(entry).where("id", "=", surveyId).execute();
}

export async function insertSurvey(
  db: Kysely<Database>,
  s: { id: string; title: string; description: string; at: Date },
): Promise<boolean> {
  const result = await db
    .insertInto("surveys")
    .values({ id: s.id, title: s.title, description: s.description, created_at: s.at.toISOString() })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
