import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type {
  SafeguardingQueueAction,
  SafeguardingQueueItem,
  SafeguardingQueueUrgency,
} from "../../shared/contract/safeguarding-queue.ts";
import type { Database } from "../db/schema.ts";

/** The coordinators' side of safeguarding concerns: reading them with their history, and acting. */

function queueQuery(db: Kysely<Database>) {
  return db
    .selectFrom("safeguarding_concerns as c")
    .innerJoin("areas", "areas.id", "c.area_id")
    .innerJoin("users as raiser", "raiser.id", "c.raised_by")
    .leftJoin("users as acknowledger", "acknowledger.id", "c.acknowledged_by")
    .select([
      "c.id",
      "c.area_id",
      "areas.name as area_name",
      "raiser.display_name as raised_by_name",
      "c.raised_at",
      "c.received_at",
      "c.participant_code",
      "c.urgency",
      "c.description",
      "acknowledger.display_name as acknowledged_by_name",
      "c.acknowledged_at",
      "c.closed_at",
    ]);
}

type QueueRow = Awaited<ReturnType<ReturnType<typeof queueQuery>["executeTakeFirstOrThrow"]>>;

/** Open concerns all; closed ones, the most recently closed first, up to this many. */
const MAX_CLOSED = 200;

export async function listQueue(
  db: Kysely<Database>,
  filter: { areaId: string | null; state: "open" | "closed" | "all" },
): Promise<SafeguardingQueueItem[]> {
  const scoped = <Q extends ReturnType<typeof queueQuery>>(query: Q): Q =>
    filter.areaId === null ? query : (query.where("c.area_id", "=", filter.areaId) as Q);
  const rows: QueueRow[] = [];
  if (filter.state !== "closed") {
    rows.push(...(await scoped(queueQuery(db)).where("c.closed_at", "is", null).limit(2000).execute()));
  }
  if (filter.state !== "open") {
    rows.push(
      ...(await scoped(queueQuery(db))
        .where("c.closed_at", "is not", null)
        .orderBy("c.closed_at", "desc")
        .limit(MAX_CLOSED)
        .execute()),
    );
  }
  const actions = await actionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toItem(row, actions.get(row.id) ?? []));
}

export async function findQueueItem(
  db: Kysely<Database>,
  id: string,
): Promise<SafeguardingQueueItem | undefined> {
  const row = await queueQuery(db).where("c.id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  return toItem(row, (await actionsOf(db, [id])).get(id) ?? []);
}

function toItem(row: QueueRow, actions: SafeguardingQueueAction[]): SafeguardingQueueItem {
  return {
    id: row.id,
    areaId: row.area_id,
    areaName: row.area_name,
    raisedByName: row.raised_by_name,
    raisedAt: row.raised_at,
    receivedAt: row.received_at,
    participantCode: row.participant_code,
    urgency: row.urgency as SafeguardingQueueUrgency,
    description: row.description,
    state: row.closed_at !== null ? "closed" : row.acknowledged_at !== null ? "acknowledged" : "new",
    acknowledgedByName: row.acknowledged_by_name ?? null,
    acknowledgedAt: row.acknowledged_at,
    closedAt: row.closed_at,
    actions,
  };
}

async function actionsOf(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, SafeguardingQueueAction[]>> {
  const byConcern = new Map<string, SafeguardingQueueAction[]>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom("safeguarding_actions as a")
      .innerJoin("users", "users.id", "a.actor_id")
      .select(["a.concern_id", "a.at", "a.kind", "a.text", "users.display_name"])
      .where("a.concern_id", "in", ids.slice(start, start + 500))
      .orderBy("a.seq")
      .orderBy("a.id")
      .execute();
    for (const row of rows) {
      const list = byConcern.get(row.concern_id) ?? [];
      list.push({
        at: row.at,
        byName: row.display_name,
        kind: row.kind as SafeguardingQueueAction["kind"],
        text: row.text,
      });
      byConcern.set(row.concern_id, list);
    }
  }
  return byConcern;
}

/** The areas whose named safeguarding lead is this user. */
export async function areasLedBy(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("areas").select("id").where("safeguarding_lead_id", "=", userId).execute();
  return rows.map((r) => r.id);
}

export async function acknowledgeConcern(
  db: Kysely<Database>,
  id: string,
  by: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("safeguarding_concerns")
    .set({ acknowledged_by: by, acknowledged_at: at.toISOString() })
    .where("id", "=", id)
    .where("acknowledged_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await addAction(db, { concernId: id, by, at, kind: "acknowledged", text: "" });
  return true;
}

export async function addAction(
  db: Kysely<Database>,
  action: { concernId: string; by: string; at: Date; kind: SafeguardingQueueAction["kind"]; text: string },
): Promise<void> {
  const last = await db
    .selectFrom("safeguarding_actions")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("concern_id", "=", action.concernId)
    .executeTakeFirst();
  await db
    .insertInto("safeguarding_actions")
    .values({
      id: randomUUID(),
      concern_id: action.concernId,
      seq: Number(last?.seq ?? 0) + 1,
      at: action.at.toISOString(),
      actor_id: action.by,
      kind: action.kind,
      text: action.text,
    })
    .execute();
  if (action.kind === "acknowledged") return;
  // The concern's own column holds the latest action, for the plain list (GET /api/safeguarding).
  await db
    .updateTable("safeguarding_concerns")
    .set({
      action_taken: action.text,
      ...(action.kind === "closed" ? { closed_at: action.at.toISOString() } : {}),
    })
    .where("id", "=", action.concernId)
    .execute();
}
