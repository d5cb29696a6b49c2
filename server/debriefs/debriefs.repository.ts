import type { Kysely } from "kysely";
import type { SubmitDebriefRequest } from "../../shared/contract/debriefs.ts";
import type { Database } from "../db/schema.ts";

/** Answers false when a debrief with this id is already stored. */
export async function insertDebrief(
  db: Kysely<Database>,
  debrief: SubmitDebriefRequest & { researcherId: string },
): Promise<boolean> {
  const result = await db
    .insertInto("debriefs")
    .values({
      id: debrief.id,
      researcher_id: debrief.researcherId,
      area_id: debrief.areaId,
      created_at: debrief.createdAt,
      wellbeing: debrief.wellbeing,
      notes: debrief.notes,
      wants_support: debrief.wantsSupport ? 1 : 0,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findDebriefRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("debriefs").selectAll().where("id", "=", id).executeTakeFirst();
}
