import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { TrainingKind, TrainingRecord } from "../../shared/contract/training.ts";
import type { Database } from "../db/schema.ts";

function trainingQuery(db: Kysely<Database>) {
  return db
    .selectFrom("training_records as t")
    .innerJoin("users as person", "person.id", "t.user_id")
    .innerJoin("users as recorder", "recorder.id", "t.recorded_by")
    .selectAll("t")
    .select(["person.display_name as user_name", "recorder.display_name as recorded_by_name"]);
}

type TrainingRow = Awaited<ReturnType<ReturnType<typeof trainingQuery>["executeTakeFirstOrThrow"]>>;

function toRecord(row: TrainingRow): TrainingRecord {
  return {
    id: row.id,
    userId: row.user_id,
    userName: row.user_name,
    kind: row.kind as TrainingKind,
    completedOn: row.completed_on,
    expiresOn: row.expires_on,
    note: row.note,
    recordedAt: row.recorded_at,
    recordedByName: row.recorded_by_name,
  };
}

/** Newest first. `areaId` filters on the person's area; null means everyone. */
export async function listTraining(
  db: Kysely<Database>,
  filter: { areaId: string | null; userId: string | null },
): Promise<TrainingRecord[]> {
  let query = trainingQuery(db)
    .orderBy("t.completed_on", "desc")
    .orderBy("t.recorded_at", "desc")
    .orderBy("t.id")
    .limit(5000);
  if (filter.areaId !== null) query = query.where("person.area_id", "=", filter.areaId);
  if (filter.userId !== null) query = query.where("t.user_id", "=", filter.userId);
  return (await query.execute()).map(toRecord);
}

export async function findTraining(db: Kysely<Database>, id: string): Promise<TrainingRecord | undefined> {
  const row = await trainingQuery(db).where("t.id", "=", id).executeTakeFirst();
  return row && toRecord(row);
}

export async function insertTraining(
  db: Kysely<Database>,
  record: {
    userId: string;
    kind: TrainingKind;
    completedOn: string;
    expiresOn: string;
    note: string;
    by: string;
    at: Date;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("training_records")
    .values({
      id,
      user_id: record.userId,
      kind: record.kind,
      completed_on: record.completedOn,
      expires_on: record.expiresOn,
      note: record.note,
      recorded_by: record.by,
      recorded_at: record.at.toISOString(),
    })
    .execute();
  return id;
}
