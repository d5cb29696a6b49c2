import SQLite from "better-sqlite3";
import { Kysely, SqliteAdapter, SqliteDialect, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import type { AnswerGroup, EarlierData, Interview, PairGroup } from "./release-figures.ts";
import { answerGroups, countedInterviews, earlierShown, pairGroups } from "./releases.repository.ts";

/**
 * What a release check reads from the database (docs/decisions/0047): the counted interviews, their
 * answers and pairs, and the earlier published releases. On SQLite the check's worker reads them
 * itself through its own read-only connection, in one read transaction, so the server's thread neither
 * reads a million rows nor copies them to the worker; on PostgreSQL (asynchronous reads) and an
 * in-memory SQLite database the server's thread reads them and posts them, as before.
 */

export interface CheckRead {
  surveyId: string;
  releaseId: string;
  questions: { outcome: string; question: string }[];
  change: { fromWave: number; toWave: number } | null;
}

export interface CheckData {
  interviews: Interview[];
  answers: Map<string, AnswerGroup[]>;
  pairs: Map<string, PairGroup[]>;
  earlier: EarlierData[];
}

/** Reads what a check needs; null when no interview of the survey is counted yet. */
export async function readCheckData(db: Kysely<Database>, r: CheckRead): Promise<CheckData | null> {
  const interviews = await countedInterviews(db, r.surveyId);
  if (interviews.length === 0) return null;
  // The answers are counted by membership of the earlier releases, so those are read first.
  const earlier = await earlierShown(db, r.surveyId, r.releaseId);
  const [answers, pairs] = await Promise.all([
    answerGroups(
      db,
      r.surveyId,
      r.questions,
      earlier.map((e) => e.id),
    ),
    r.change
      ? pairGroups(db, r.surveyId, r.questions, r.change.fromWave, r.change.toWave)
      : Promise.resolve(new Map<string, PairGroup[]>()),
  ]);
  return { interviews, answers, pairs, earlier };
}

/** The file of an SQLite database the worker can open itself; null on PostgreSQL or in memory. */
export async function sqliteFileOf(db: Kysely<Database>): Promise<string | null> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return null;
  const rows = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  const main = rows.rows.find((x) => x.name === "main");
  return main?.file ? main.file : null;
}

/**
 * Reads in the worker, in one read transaction (the figures and the stored interviews agree), through
 * a read-only connection opened for this check and closed after it (never a stale file).
 */
export async function readInWorker(file: string, r: CheckRead): Promise<CheckData | null> {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    return await db.transaction().execute((trx) => readCheckData(trx, r));
  } finally {
    await db.destroy();
  }
}
