import type { Kysely, Selectable } from "kysely";
import type {
  ComposeReleaseRequest,
  ParticipantSummary,
  ReleaseAnnotation,
  ReleaseSignerRole,
  ReleaseSignOff,
  ReleaseSnapshot,
} from "../../shared/contract/releases.ts";
import { DEFAULT_LOCALE } from "../../shared/survey/locales.ts";
import type { Database } from "../db/schema.ts";
import { INTERVIEW_ROW } from "../outcomes/ingest/indicator-values.ts";
import type { Answer, EarlierData, Interview, PairRow } from "./release-figures.ts";
import type { ReleasesTable } from "./releases.table.ts";

/** Storage of releases, and the reads of the counted interviews a check is computed from. */

export type ReleaseRow = Selectable<ReleasesTable>;

export async function findRelease(db: Kysely<Database>, id: string): Promise<ReleaseRow | undefined> {
  return db.selectFrom("releases").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findReleaseByToken(
  db: Kysely<Database>,
  token: string,
): Promise<ReleaseRow | undefined> {
  return db.selectFrom("releases").selectAll().where("public_token", "=", token).executeTakeFirst();
}

export async function listReleases(db: Kysely<Database>, publishedOnly: boolean): Promise<ReleaseRow[]> {
  let q = db.selectFrom("releases").selectAll().orderBy("created_at", "desc").orderBy("id");
  if (publishedOnly) q = q.where("status", "=", "published");
  return q.execute();
}

export async function insertRelease(
  db: Kysely<Database>,
  row: { id: string; composition: ComposeReleaseRequest; userId: string; now: string },
): Promise<void> {
  await db
    .insertInto("releases")
    .values({
      id: row.id,
      survey_id: row.composition.surveyId,
      title: row.composition.title,
      composition: JSON.stringify(row.composition),
      status: "draft",
      created_at: row.now,
      created_by: row.userId,
      updated_at: row.now,
      snapshot_id: null,
      snapshot: null,
      participant_summary: null,
      published_at: null,
      published_by: null,
      public_token: null,
      corrects: row.composition.corrects,
      corrected_by: null,
    })
    .execute();
}

/** A new composition: back to draft, the snapshot and its sign-offs gone. Only while not published. */
export async function updateComposition(
  db: Kysely<Database>,
  id: string,
  composition: ComposeReleaseRequest,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable("releases")
    .set({
      survey_id: composition.surveyId,
      title: composition.title,
      composition: JSON.stringify(composition),
      corrects: composition.corrects,
      status: "draft",
      snapshot_id: null,
      snapshot: null,
      participant_summary: null,
      updated_at: now,
    })
    .where("id", "=", id)
    .where("status", "!=", "published")
    .executeTakeFirst();
  await db.deleteFrom("release_interviews").where("release_id", "=", id).execute();
  return Number(r.numUpdatedRows) === 1;
}

export async function storeSnapshot(
  db: Kysely<Database>,
  id: string,
  snapshot: ReleaseSnapshot,
  summary: ParticipantSummary,
  interviews: readonly Interview[],
  now: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("releases")
      .set({
        status: "checked",
        snapshot_id: snapshot.id,
        snapshot: JSON.stringify(snapshot),
        participant_summary: JSON.stringify(summary),
        updated_at: now,
      })
      .where("id", "=", id)
      .where("status", "!=", "published")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom("release_interviews").where("release_id", "=", id).execute();
    for (let i = 0; i < interviews.length; i += 500) {
      await trx
        .insertInto("release_interviews")
        .values(
          interviews.slice(i, i + 500).map((v) => ({
            release_id: id,
            response_id: v.id,
            area_id: v.area,
            wave: v.wave,
            language: v.language,
          })),
        )
        .execute();
    }
    return true;
  });
}

export async function setParticipantSummary(
  db: Kysely<Database>,
  id: string,
  summary: ParticipantSummary,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable("releases")
    .set({ participant_summary: JSON.stringify(summary), updated_at: now })
    .where("id", "=", id)
    .where("status", "=", "checked")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function publishRelease(
  db: Kysely<Database>,
  id: string,
  snapshotId: string,
  by: { userId: string; now: string; token: string | null; corrects: string | null },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("releases")
      .set({
        status: "published",
        published_at: by.now,
        published_by: by.userId,
        public_token: by.token,
        updated_at: by.now,
      })
      .where("id", "=", id)
      .where("status", "=", "checked")
      .where("snapshot_id", "=", snapshotId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    if (by.corrects)
      await trx.updateTable("releases").set({ corrected_by: id }).where("id", "=", by.corrects).execute();
    return true;
  });
}

export async function userNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function signOffs(
  db: Kysely<Database>,
  releaseId: string,
  snapshotId: string,
): Promise<ReleaseSignOff[]> {
  const rows = await db
    .selectFrom("release_signoffs")
    .innerJoin("users", "users.id", "release_signoffs.user_id")
    .select([
      "release_signoffs.id",
      "snapshot_id",
      "signer_role",
      "user_id",
      "display_name",
      "note",
      "signed_at",
    ])
    .where("release_id", "=", releaseId)
    .where("snapshot_id", "=", snapshotId)
    .orderBy("signed_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    snapshotId: r.snapshot_id,
    as: r.signer_role as ReleaseSignerRole,
    by: { id: r.user_id, name: r.display_name },
    note: r.note,
    signedAt: r.signed_at,
  }));
}

export async function insertSignOff(
  db: Kysely<Database>,
  row: {
    id: string;
    releaseId: string;
    snapshotId: string;
    as: ReleaseSignerRole;
    userId: string;
    note: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto("release_signoffs")
    .values({
      id: row.id,
      release_id: row.releaseId,
      snapshot_id: row.snapshotId,
      signer_role: row.as,
      user_id: row.userId,
      note: row.note,
      signed_at: row.now,
    })
    .execute();
}

export async function annotations(db: Kysely<Database>, releaseId: string): Promise<ReleaseAnnotation[]> {
  const rows = await db
    .selectFrom("release_annotations")
    .innerJoin("users", "users.id", "release_annotations.user_id")
    .select([
      "release_annotations.id",
      "table_id",
      "what_it_means",
      "what_should_change",
      "user_id",
      "display_name",
      "release_annotations.created_at",
    ])
    .where("release_id", "=", releaseId)
    .orderBy("release_annotations.created_at")
    .orderBy("release_annotations.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    tableId: r.table_id,
    whatItMeans: r.what_it_means,
    whatShouldChange: r.what_should_change,
    by: { id: r.user_id, name: r.display_name },
    createdAt: r.created_at,
  }));
}

export async function insertAnnotation(
  db: Kysely<Database>,
  row: {
    id: string;
    releaseId: string;
    tableId: string;
    whatItMeans: string;
    whatShouldChange: string;
    userId: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto("release_annotations")
    .values({
      id: row.id,
      release_id: row.releaseId,
      table_id: row.tableId,
      what_it_means: row.whatItMeans,
      what_should_change: row.whatShouldChange,
      user_id: row.userId,
      created_at: row.now,
    })
    .execute();
}

// ---- what a check reads ----

/** The counted interviews of a survey (their interview rows in the indicator values). */
export async function countedInterviews(db: Kysely<Database>, surveyId: string): Promise<Interview[]> {
  const rows = await db
    .selectFrom("indicator_values as v")
    .leftJoin("responses as r", "r.id", "v.response_id")
    .select(["v.response_id", "v.area_id", "v.wave", "v.participant_code", "v.completed_at", "r.language"])
    .where("v.survey_id", "=", surveyId)
    .where("v.question", "=", INTERVIEW_ROW)
    .where("v.counted", "=", 1)
    .orderBy("v.response_id")
    .execute();
  return rows.map((r) => ({
    id: r.response_id,
    area: r.area_id,
    wave: Number(r.wave),
    participant: r.participant_code,
    completedAt: r.completed_at,
    // Stored with every interview since migration 15; one written without it was in English.
    language: r.language ?? DEFAULT_LOCALE,
  }));
}

/** Every counted answer row of the survey's questions (answered or not), by question. */
export async function answerRows(
  db: Kysely<Database>,
  surveyId: string,
  questions: readonly { outcome: string; question: string }[],
): Promise<Map<string, Answer[]>> {
  const out = new Map<string, Answer[]>();
  for (const q of questions) {
    const rows = await db
      .selectFrom("indicator_values")
      .select(["response_id", "status", "value", "choice"])
      .where("survey_id", "=", surveyId)
      .where("question", "=", q.question)
      .where("outcome", "=", q.outcome)
      .where("counted", "=", 1)
      .execute();
    out.set(
      `${surveyId}/${q.question}`,
      rows.map((r) => ({
        responseId: r.response_id,
        status: r.status,
        value: r.value === null ? null : Number(r.value),
        choice: r.choice,
      })),
    );
  }
  return out;
}

export async function pairRows(
  db: Kysely<Database>,
  surveyId: string,
  questions: readonly { outcome: string; question: string }[],
  fromWave: number,
  toWave: number,
): Promise<Map<string, PairRow[]>> {
  // One pass for every question (docs/decisions/0044): a query per question could use no index and
  // read the whole table each time (4.5 s of CPU at 1M answers). The same rows per question; their
  // order is now the primary key's whatever the query plan (before, it followed the plan: key order
  // on a small table, table order on a large one), so an average always adds in the same order.
  const rows = await db
    .selectFrom("indicator_pairs")
    .select(["question", "outcome", "area_id", "before_value", "after_value"])
    .where("survey_id", "=", surveyId)
    .where("from_wave", "=", fromWave)
    .where("to_wave", "=", toWave)
    .where("counted", "=", 1)
    .orderBy("response_id")
    .orderBy("paired_response_id")
    .execute();
  const byQuestion = new Map<string, PairRow[]>();
  for (const r of rows) {
    const key = `${r.question}\u0000${r.outcome}`;
    let list = byQuestion.get(key);
    if (!list) {
      list = [];
      byQuestion.set(key, list);
    }
    list.push({ area: r.area_id, before: Number(r.before_value), after: Number(r.after_value) });
  }
  const out = new Map<string, PairRow[]>();
  for (const q of questions)
    out.set(`${surveyId}/${q.question}`, byQuestion.get(`${q.question}\u0000${q.outcome}`) ?? []);
  return out;
}

/** Every published release of the survey, oldest first, with the interviews each was computed from. */
export async function earlierPublished(
  db: Kysely<Database>,
  surveyId: string,
  except: string,
): Promise<EarlierData[]> {
  const rows = await db
    .selectFrom("releases")
    .select(["id", "title", "published_at", "snapshot"])
    .where("survey_id", "=", surveyId)
    .where("status", "=", "published")
    .where("id", "!=", except)
    .orderBy("published_at")
    .orderBy("id")
    .execute();
  const out: EarlierData[] = [];
  for (const r of rows) {
    if (!r.snapshot || !r.published_at) continue;
    const interviews = await db
      .selectFrom("release_interviews")
      .select(["response_id", "area_id", "wave", "language"])
      .where("release_id", "=", r.id)
      .execute();
    out.push({
      id: r.id,
      title: r.title,
      publishedAt: r.published_at,
      snapshot: JSON.parse(r.snapshot) as ReleaseSnapshot,
      interviews: interviews.map((i) => ({
        id: i.response_id,
        area: i.area_id,
        wave: Number(i.wave),
        language: i.language,
      })),
    });
  }
  return out;
}
