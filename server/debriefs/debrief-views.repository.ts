import type { Kysely } from "kysely";
import type { Debrief } from "../../shared/contract/debriefs.ts";
import type { Database } from "../db/schema.ts";

/** Those asking for support first, then the newest; `areaId` null means every area. */
export async function listDebriefs(
  db: Kysely<Database>,
  filter: { areaId: string | null; researcherId: string | null },
): Promise<Debrief[]> {
  let query = db
    .selectFrom("debriefs as d")
    .innerJoin("users", "users.id", "d.researcher_id")
    .select([
      "d.id",
      "d.researcher_id",
      "users.display_name",
      "d.area_id",
      "d.created_at",
      "d.wellbeing",
      "d.notes",
      "d.wants_support",
    ])
    .orderBy("d.wants_support", "desc")
    .orderBy("d.created_at", "desc")
    .orderBy("d.id")
    .limit(500);
  if (filter.areaId !== null) query = query.where("d.area_id", "=", filter.areaId);
  if (filter.researcherId !== null) query = query.where("d.researcher_id", "=", filter.researcherId);
  return (await query.execute()).map((row) => ({
    id: row.id,
    researcher: { id: row.researcher_id, name: row.display_name },
    areaId: row.area_id,
    createdAt: row.created_at,
    wellbeing: Number(row.wellbeing),
    notes: row.notes,
    wantsSupport: Number(row.wants_support) === 1,
  }));
}
