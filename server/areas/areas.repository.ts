import type { Kysely } from "kysely";
import type { Area, CreateAreaRequest, ListedArea } from "../../shared/contract/areas.ts";
import type { Database } from "../db/schema.ts";

/** With the safeguarding lead's name, so a researcher's concern form can say whom to phone. */
export async function listAreas(db: Kysely<Database>, onlyId: string | null): Promise<ListedArea[]> {
  let query = db
    .selectFrom("areas")
    // A lead whose account is disabled is no longer someone to phone.
    .leftJoin("users as lead", (join) =>
      join.onRef("lead.id", "=", "areas.safeguarding_lead_id").on("lead.disabled", "=", 0),
    )
    .select(["areas.id", "areas.name", "areas.region", "lead.display_name as safeguardingLead"])
    .orderBy("areas.name");
  if (onlyId !== null) query = query.where("areas.id", "=", onlyId);
  return query.execute();
}

export async function findArea(db: Kysely<Database>, id: string): Promise<Area | undefined> {
  return db.selectFrom("areas").select(["id", "name", "region"]).where("id", "=", id).executeTakeFirst();
}

/** Answers false when the id is taken. */
export async function insertArea(db: Kysely<Database>, area: CreateAreaRequest, now: Date): Promise<boolean> {
  const result = await db
    .insertInto("areas")
    // New areas take uploads from enrolled tablets only (decision 0025); areas from before keep theirs.
    .values({ ...area, created_at: now.toISOString(), enrolled_tablets_only: 1 })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
