import type { Kysely } from "kysely";
import type { Area, CreateAreaRequest } from "../../shared/contract/areas.ts";
import type { Database } from "../db/schema.ts";

export async function listAreas(db: Kysely<Database>, onlyId: string | null): Promise<Area[]> {
  let query = db.selectFrom("areas").select(["id", "name", "region"]).orderBy("name");
  if (onlyId !== null) query = query.where("id", "=", onlyId);
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
