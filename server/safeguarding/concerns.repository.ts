import { type Kysely, sql } from "kysely";
import type {
  RaiseConcernRequest,
  SafeguardingConcern,
  SafeguardingUrgency,
} from "../../shared/contract/safeguarding.ts";
import type { Database } from "../db/schema.ts";

export interface NewConcern extends RaiseConcernRequest {
  raisedBy: string;
  receivedAt: string;
}

/** Answers false when a concern with this id is already stored (a resend, or another instance first). */
export async function insertConcern(db: Kysely<Database>, concern: NewConcern): Promise<boolean> {
  const result = await db
    .insertInto("safeguarding_concerns")
    .values({
      id: concern.id,
      area_id: concern.areaId,
      raised_by: concern.raisedBy,
      raised_at: concern.raisedAt,
      received_at: concern.receivedAt,
      participant_code: concern.participantCode,
      urgency: concern.urgency,
      description: concern.description,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findConcernRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("safeguarding_concerns").selectAll().where("id", "=", id).executeTakeFirst();
}

const MAX_LISTED = 500;

/** Not yet acknowledged first, then the newest; `areaId` null means every area. */
export async function listConcerns(
  db: Kysely<Database>,
  filter: { areaId: string | null; includeClosed: boolean },
): Promise<SafeguardingConcern[]> {
  let query = db
    .selectFrom("safeguarding_concerns as c")
    .innerJoin("users as raiser", "raiser.id", "c.raised_by")
    .leftJoin("users as acknowledger", "acknowledger.id", "c.acknowledged_by")
    .select([
      "c.id",
      "c.area_id",
      "c.raised_by",
      "raiser.display_name as raised_by_name",
      "c.raised_at",
      "c.received_at",
      "c.participant_code",
      "c.urgency",
      "c.description",
      "c.acknowledged_by",
      "acknowledger.display_name as acknowledged_by_name",
      "c.acknowledged_at",
      "c.action_taken",
      "c.closed_at",
    ])
    .orderBy(sql`case when c.acknowledged_at is null then 0 else 1 end`)
    .orderBy("c.raised_at", "desc")
    .orderBy("c.id")
    .limit(MAX_LISTED);
  if (filter.areaId !== null) query = query.where("c.area_id", "=", filter.areaId);
  if (!filter.includeClosed) query = query.where("c.closed_at", "is", null);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    areaId: row.area_id,
    raisedBy: { id: row.raised_by, name: row.raised_by_name },
    raisedAt: row.raised_at,
    receivedAt: row.received_at,
    participantCode: row.participant_code,
    urgency: row.urgency as SafeguardingUrgency,
    description: row.description,
    acknowledgedBy:
      row.acknowledged_by === null ? null : { id: row.acknowledged_by, name: row.acknowledged_by_name ?? "" },
    acknowledgedAt: row.acknowledged_at,
    actionTaken: row.action_taken,
    closedAt: row.closed_at,
  }));
}
