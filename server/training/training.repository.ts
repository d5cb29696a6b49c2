import { randomUUID } from "node:crypto";
import { CamelCasePlugin, type Kysely } from "kysely";
import type { TrainingKind, TrainingRecord } from "../../shared/contract/training.ts";
import type { Database } from "../db/schema.ts";
import type { UsersTable } from "../users/users.table.ts";
import type { TrainingRecordsTable } from "./training.table.ts";

// Scratch (decision 0054): the same repository through Kysely's CamelCasePlugin. The plugin renames
// identifiers at run time only; the types must be written in camelCase, so a second, camelCased view
// of the tables this file touches is needed until every table type is camelCase.
type CamelKey<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelKey<T>>}` : S;
type Camel<T> = { [K in keyof T as CamelKey<K & string>]: T[K] };
interface TrainingDb {
  trainingRecords: Camel<TrainingRecordsTable>;
  users: Camel<UsersTable>;
}
const camel = (db: Kysely<Database>) => db.withPlugin(new CamelCasePlugin()) as unknown as Kysely<TrainingDb>;

function trainingQuery(db: Kysely<Database>) {
  return camel(db)
    .selectFrom("trainingRecords as t")
    .innerJoin("users as person", "person.id", "t.userId")
    .innerJoin("users as recorder", "recorder.id", "t.recordedBy")
    .select([
      "t.id",
      "t.userId",
      "person.displayName as userName",
      "t.kind",
      "t.completedOn",
      "t.expiresOn",
      "t.note",
      "t.recordedAt",
      "recorder.displayName as recordedByName",
    ]);
}

type TrainingRow = Awaited<ReturnType<ReturnType<typeof trainingQuery>["executeTakeFirstOrThrow"]>>;

const toRecord = (row: TrainingRow): TrainingRecord => ({ ...row, kind: row.kind as TrainingKind });

/** Newest first. `areaId` filters on the person's area; null means everyone. */
export async function listTraining(
  db: Kysely<Database>,
  filter: { areaId: string | null; userId: string | null },
): Promise<TrainingRecord[]> {
  let query = trainingQuery(db)
    .orderBy("t.completedOn", "desc")
    .orderBy("t.recordedAt", "desc")
    .orderBy("t.id")
    .limit(5000);
  if (filter.areaId !== null) query = query.where("person.areaId", "=", filter.areaId);
  if (filter.userId !== null) query = query.where("t.userId", "=", filter.userId);
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
  await camel(db)
    .insertInto("trainingRecords")
    .values({
      id,
      userId: record.userId,
      kind: record.kind,
      completedOn: record.completedOn,
      expiresOn: record.expiresOn,
      note: record.note,
      recordedBy: record.by,
      recordedAt: record.at.toISOString(),
    })
    .execute();
  return id;
}
