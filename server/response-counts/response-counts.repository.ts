import { type Kysely, sql } from "kysely";
import type { ResponseCount } from "../../shared/contract/stats.ts";
import type { Database } from "../db/schema.ts";

/**
 * Fieldwork counts per survey, area and wave. These count interviews, not what anyone answered, so
 * they are shown exactly: coordinators track progress against targets with them (see
 * docs/decisions/0004-response-counts-are-not-suppressed.md). Outcome figures are suppressed.
 */
export async function responseCounts(db: Kysely<Database>, areaId: string | null): Promise<ResponseCount[]> {
  let query = db
    .selectFrom("responses as r")
    .innerJoin("surveys as s", "s.id", "r.survey_id")
    .innerJoin("areas as a", "a.id", "r.area_id")
    .select([
      "r.survey_id",
      "s.title",
      "r.area_id",
      "a.name",
      "r.wave",
      sql<number>`count(*)`.as("responses"),
      sql<number>`sum(case when r.review_status = 'needs_review' then 1 else 0 end)`.as("needs_review"),
    ])
    .groupBy(["r.survey_id", "s.title", "r.area_id", "a.name", "r.wave"])
    .orderBy("s.title")
    .orderBy("a.name")
    .orderBy("r.wave");
  if (areaId !== null) query = query.where("r.area_id", "=", areaId);
  const rows = await query.execute();
  return rows.map((r) => ({
    surveyId: r.survey_id,
    surveyTitle: r.title,
    areaId: r.area_id,
    areaName: r.name,
    wave: Number(r.wave),
    responses: Number(r.responses),
    needsReview: Number(r.needs_review),
  }));
}
