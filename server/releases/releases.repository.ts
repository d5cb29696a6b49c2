import { type Kysely, PostgresAdapter, type Selectable, sql } from "kysely";
import type {
  ComposeReleaseRequest,
  ParticipantSummary,
  ReleaseAnnotation,
  ReleaseSignerRole,
  ReleaseSignOff,
  ReleaseSnapshot,
  ReleaseTable,
} from "../../shared/contract/releases.ts";
import { DEFAULT_LOCALE } from "../../shared/survey/locales.ts";
import type { Database } from "../db/schema.ts";
import { INTERVIEW_ROW } from "../outcomes/ingest/indicator-values.ts";
import type { AnswerGroup, EarlierData, Interview, PairGroup } from "./release-figures.ts";
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

/**
 * The status of a row that keeps a snapshot readers were shown before it was replaced (checked again,
 * or the release changed back to a draft): no one reads it as a release; later checks of the survey
 * compare with it as with a published release, so that two snapshots an expert read either side of a
 * new interview cannot give that interview's answers.
 */
export const SHOWN_BEFORE = "shown_before";

/** The statuses of a snapshot readers could see (0076): every later check compares with each of them. */
const SHOWN = ["published", "checked", SHOWN_BEFORE];

export async function listReleases(db: Kysely<Database>, publishedOnly: boolean): Promise<ReleaseRow[]> {
  let q = db
    .selectFrom("releases")
    .selectAll()
    .where("status", "!=", SHOWN_BEFORE)
    .orderBy("created_at", "desc")
    .orderBy("id");
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

/**
 * Keeps the release's current checked snapshot, which experts could read, as a row of its own
 * (`SHOWN_BEFORE`) with its check figures and interviews, before the snapshot is replaced. Once per
 * snapshot; nothing for a release with no checked snapshot.
 */
export async function keepShownSnapshot(db: Kysely<Database>, row: ReleaseRow, newId: string) {
  if (row.status !== "checked" || !row.snapshot_id || !row.snapshot) return;
  const id = row.id;
  const kept = await db
    .selectFrom("releases")
    .select("id")
    .where("status", "=", SHOWN_BEFORE)
    .where("snapshot_id", "=", row.snapshot_id)
    .executeTakeFirst();
  if (kept) return;
  const checkedAt = (JSON.parse(row.snapshot) as ReleaseSnapshot).checkedAt;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("releases")
      .values({
        id: newId,
        survey_id: row.survey_id,
        title: `${row.title} (figures shown before publishing)`,
        composition: row.composition,
        status: SHOWN_BEFORE,
        created_at: row.created_at,
        created_by: row.created_by,
        updated_at: checkedAt,
        snapshot_id: row.snapshot_id,
        // The check figures are kept apart below; the whole snapshot is not needed again.
        snapshot: null,
        participant_summary: null,
        published_at: null,
        published_by: null,
        public_token: null,
        corrects: null,
        corrected_by: null,
      })
      .execute();
    await trx
      .insertInto("release_check_figures")
      .columns(["release_id", "snapshot_id", "tables"])
      .expression(
        trx
          .selectFrom("release_check_figures")
          .select([sql.lit(newId).as("release_id"), "snapshot_id", "tables"])
          .where("release_id", "=", id)
          .where("snapshot_id", "=", row.snapshot_id),
      )
      .execute();
    await trx
      .insertInto("release_interviews")
      .columns(["release_id", "response_id", "area_id", "wave", "language"])
      .expression(
        trx
          .selectFrom("release_interviews")
          .select([sql.lit(newId).as("release_id"), "response_id", "area_id", "wave", "language"])
          .where("release_id", "=", id),
      )
      .execute();
  });
}

/**
 * A new composition: back to draft, the snapshot and its sign-offs gone. Only while not published.
 * The release row, the deletion of its stored figures and interviews and `record` (the audit entry)
 * are one transaction: a server killed between them left a draft holding an old check's interviews
 * and figures, changed with no audit entry (docs/decisions/0079).
 */
export async function updateComposition(
  db: Kysely<Database>,
  id: string,
  composition: ComposeReleaseRequest,
  now: string,
  record: (trx: Kysely<Database>) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
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
    if (Number(r.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom("release_interviews").where("release_id", "=", id).execute();
    await trx.deleteFrom("release_check_figures").where("release_id", "=", id).execute();
    await record(trx);
    return true;
  });
}

/**
 * Stores a checked snapshot, with its check figures and interviews, unless the release was published
 * meanwhile (`published`) or another snapshot of the survey became readable while this one was checked
 * (`overtaken`): a check compares with every snapshot readers could see (0076), and one stored by
 * another server instance during the check was not among them, so the two could be differenced. The
 * instances take turns here (a lock per survey on PostgreSQL; SQLite has one writer). `record` (the
 * audit entry) is written in the same transaction, so no snapshot is stored unrecorded (0079).
 */
export async function storeSnapshot(
  db: Kysely<Database>,
  release: { id: string; surveyId: string; comparedWith: readonly string[] },
  snapshot: ReleaseSnapshot,
  summary: ParticipantSummary,
  interviews: readonly Interview[],
  now: string,
  record: (trx: Kysely<Database>) => Promise<void> = async () => undefined,
): Promise<"stored" | "published" | "overtaken"> {
  const id = release.id;
  return db.transaction().execute(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter)
      await sql`select pg_advisory_xact_lock(hashtext(${`alongside:release-check:${release.surveyId}`}))`.execute(
        trx,
      );
    const compared = new Set(release.comparedWith);
    const shown = await trx
      .selectFrom("releases")
      .select("id")
      .where("survey_id", "=", release.surveyId)
      .where("status", "in", SHOWN)
      .where("snapshot_id", "is not", null)
      .where("id", "!=", id)
      .execute();
    if (shown.some((r) => !compared.has(r.id))) return "overtaken";
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
    if (Number(r.numUpdatedRows) !== 1) return "published";
    await trx.deleteFrom("release_check_figures").where("release_id", "=", id).execute();
    await trx
      .insertInto("release_check_figures")
      .values({ release_id: id, snapshot_id: snapshot.id, tables: JSON.stringify(checkTables(snapshot)) })
      .execute();
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
    await record(trx);
    return "stored";
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

/**
 * Publishes the checked snapshot the two sign-offs were given on, and records it (`record`: the audit
 * entry) in the same transaction: a server killed in between leaves the release checked and nothing
 * recorded, never published without its audit entry (docs/decisions/0079).
 */
export async function publishRelease(
  db: Kysely<Database>,
  id: string,
  snapshotId: string,
  by: { userId: string; now: string; token: string | null; corrects: string | null },
  record: (trx: Kysely<Database>) => Promise<void>,
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
    await record(trx);
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
      "release_signoffs.named_in_public",
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
    namedInPublic: Number(r.named_in_public) === 1,
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
    namedInPublic: boolean;
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
      named_in_public: row.namedInPublic ? 1 : 0,
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
      "release_annotations.named_in_public",
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
    namedInPublic: Number(r.named_in_public) === 1,
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
    namedInPublic: boolean;
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
      named_in_public: row.namedInPublic ? 1 : 0,
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

/**
 * The survey's questions' answers, counted in the database (docs/decisions/0062): one row per question
 * and group of counted interviews with the same area, wave, interview language, membership of the
 * earlier releases and stored answer (status, value, choice; none: not answered), with how many and the
 * first of them (smallest id, in the order `countedInterviews` lists them). A check reads thousands of
 * rows instead of a million answers; the figures need nothing finer (release-figures.ts).
 *
 * Each interview's language and membership are found once per interview, and its group (area, wave,
 * language, membership) numbered in their order, before the answers are joined (decision 0072): the
 * million joined rows are then grouped by two numbers and the answer instead of five texts and the
 * answer, and the language and membership are not looked up again for every question. The groups and
 * their order are those of grouping by the texts (the numbers follow the same order).
 */
export async function answerGroups(
  db: Kysely<Database>,
  surveyId: string,
  questions: readonly { outcome: string; question: string }[],
  earlierIds: readonly string[],
): Promise<Map<string, AnswerGroup[]>> {
  const out = new Map<string, AnswerGroup[]>();
  for (const q of questions) out.set(`${surveyId}/${q.question}`, []);
  if (questions.length === 0) return out;
  const asked = sql.join(
    questions.map(
      (q) => sql`select cast(${q.question} as text) as question, cast(${q.outcome} as text) as outcome`,
    ),
    sql` union all `,
  );
  // Membership: "1" or "0" for each earlier release in order, one text per interview (none: all "0").
  const none = "0".repeat(earlierIds.length);
  const mask =
    earlierIds.length === 0 ? sql<string>`cast('' as text)` : sql<string>`coalesce(m.mask, ${none})`;
  const membership =
    earlierIds.length === 0
      ? sql``
      : sql`left join (select response_id, ${sql.join(
          earlierIds.map((id) => sql`max(case when release_id = ${id} then '1' else '0' end)`),
          sql` || `,
        )} as mask from release_interviews where release_id in (${sql.join(earlierIds)}) group by response_id) m on m.response_id = i.response_id`;
  const rows = await sql<{
    question: string;
    outcome: string;
    area: string;
    wave: number | string;
    language: string;
    mask: string;
    status: string | null;
    value: number | string | null;
    choice: string | null;
    n: number | string;
    first: string;
  }>`with asked as (${asked}),
    q as (select dense_rank() over (order by question, outcome) as qi, question, outcome from asked),
    counted as materialized (select i.response_id, i.area_id as area, i.wave,
        coalesce(r.language, ${DEFAULT_LOCALE}) as language, ${mask} as mask
      from indicator_values i
      left join responses r on r.id = i.response_id
      ${membership}
      where i.survey_id = ${surveyId} and i.question = ${INTERVIEW_ROW} and i.counted = 1),
    c as materialized (select response_id, dense_rank() over (order by area, wave, language, mask) as cls,
        area, wave, language, mask from counted),
    g as (select q.qi, c.cls, v.status, v.value, v.choice, count(*) as n, min(c.response_id) as first
      from c
      cross join q
      left join indicator_values v on v.response_id = c.response_id and v.question = q.question
        and v.outcome = q.outcome and v.survey_id = ${surveyId} and v.counted = 1
      group by q.qi, c.cls, v.status, v.value, v.choice)
    select qn.question, qn.outcome, k.area, k.wave, k.language, k.mask, g.status, g.value, g.choice, g.n, g.first
    from g
    join (select distinct qi, question, outcome from q) qn on qn.qi = g.qi
    join (select distinct cls, area, wave, language, mask from c) k on k.cls = g.cls
    order by g.qi, g.cls, g.status, g.value, g.choice`.execute(db);
  const byQuestion = new Map<string, AnswerGroup[]>();
  for (const r of rows.rows) {
    const key = `${r.question}\u0000${r.outcome}`;
    let list = byQuestion.get(key);
    if (!list) {
      list = [];
      byQuestion.set(key, list);
    }
    list.push({
      area: r.area,
      wave: Number(r.wave),
      language: r.language,
      mask: r.mask,
      status: r.status,
      value: r.value === null ? null : Number(r.value),
      choice: r.choice,
      n: Number(r.n),
      first: r.first,
    });
  }
  for (const q of questions)
    out.set(`${surveyId}/${q.question}`, byQuestion.get(`${q.question}\u0000${q.outcome}`) ?? []);
  return out;
}

/**
 * The pairs of every question between two waves, counted in the database (docs/decisions/0062): how
 * many pairs of each area had each value before and after. One pass for every question (0044).
 */
export async function pairGroups(
  db: Kysely<Database>,
  surveyId: string,
  questions: readonly { outcome: string; question: string }[],
  fromWave: number,
  toWave: number,
): Promise<Map<string, PairGroup[]>> {
  const rows = await db
    .selectFrom("indicator_pairs")
    .select((eb) => [
      "question",
      "outcome",
      "area_id",
      "before_value",
      "after_value",
      eb.fn.countAll<number | string>().as("n"),
    ])
    .where("survey_id", "=", surveyId)
    .where("from_wave", "=", fromWave)
    .where("to_wave", "=", toWave)
    .where("counted", "=", 1)
    .groupBy(["question", "outcome", "area_id", "before_value", "after_value"])
    .execute();
  const byQuestion = new Map<string, PairGroup[]>();
  for (const r of rows) {
    const key = `${r.question}\u0000${r.outcome}`;
    let list = byQuestion.get(key);
    if (!list) {
      list = [];
      byQuestion.set(key, list);
    }
    list.push({
      area: r.area_id,
      before: Number(r.before_value),
      after: Number(r.after_value),
      n: Number(r.n),
    });
  }
  const out = new Map<string, PairGroup[]>();
  for (const q of questions)
    out.set(`${surveyId}/${q.question}`, byQuestion.get(`${q.question}\u0000${q.outcome}`) ?? []);
  return out;
}

/**
 * What a later check reads of a snapshot (decision 0068): its tables, with only the published cells
 * and those withheld as fewer than k (`buildFiguresInSteps` reads no other), in the same order.
 * Stored beside the snapshot (`release_check_figures`), a fifth of its size.
 */
export function checkTables(snapshot: Pick<ReleaseSnapshot, "tables">): ReleaseTable[] {
  return snapshot.tables.map((t) => ({
    ...t,
    rows: t.rows.map((r) => ({
      ...r,
      cells: Object.fromEntries(
        Object.entries(r.cells).filter(([, c]) => c.published || c.reason === "below_k"),
      ),
    })),
  }));
}

/**
 * Every snapshot of the survey readers were shown, oldest first, with the interviews each was computed
 * from: published releases, checked ones (experts read them before sign-off) and snapshots shown before
 * they were replaced (`SHOWN_BEFORE`). Its tables are read from `release_check_figures` (decision 0068),
 * or from the snapshot itself where that has none for the snapshot (stored by an instance of an earlier
 * release during a rolling restart).
 */
export async function earlierShown(
  db: Kysely<Database>,
  surveyId: string,
  except: string,
): Promise<EarlierData[]> {
  const rows = await db
    .selectFrom("releases as r")
    .leftJoin("release_check_figures as f", (j) =>
      j.onRef("f.release_id", "=", "r.id").onRef("f.snapshot_id", "=", "r.snapshot_id"),
    )
    .select((eb) => [
      "r.id",
      "r.title",
      // A checked release, or a snapshot shown before, was shown when it was checked (`updated_at`).
      eb.fn.coalesce("r.published_at", "r.updated_at").as("shown_at"),
      "f.tables",
      // The snapshot (about 15 MB) only where its tables are not stored apart.
      eb.case().when("f.release_id", "is", null).then(eb.ref("r.snapshot")).else(null).end().as("snapshot"),
    ])
    .where("r.survey_id", "=", surveyId)
    .where("r.status", "in", SHOWN)
    .where("r.snapshot_id", "is not", null)
    .where("r.id", "!=", except)
    .orderBy("shown_at")
    .orderBy("r.id")
    .execute();
  const out: EarlierData[] = [];
  for (const r of rows) {
    const tables = r.tables
      ? (JSON.parse(r.tables) as ReleaseTable[])
      : r.snapshot
        ? (JSON.parse(r.snapshot) as ReleaseSnapshot).tables
        : null;
    if (!tables) continue;
    out.push({ id: r.id, title: r.title, publishedAt: r.shown_at, tables, interviews: [] });
  }
  if (out.length === 0) return out;
  // The interviews of every earlier release in one read (decision 0068): one row per interview (and
  // per area, wave and language it was stored with) with a "1"/"0" for each release that has it, not
  // one row per release and interview; each release's list is then in interview order, as its primary
  // key gave it, and the releases with the same row share one object.
  const ids = out.map((e) => e.id);
  const members = await sql<{
    response_id: string;
    area_id: string;
    wave: number | string;
    language: string | null;
    mask: string;
  }>`select response_id, area_id, wave, language, ${sql.join(
    ids.map((id) => sql`max(case when release_id = ${id} then '1' else '0' end)`),
    sql` || `,
  )} as mask
    from release_interviews where release_id in (${sql.join(ids)})
    group by response_id, area_id, wave, language
    order by response_id`.execute(db);
  for (const i of members.rows) {
    const interview = { id: i.response_id, area: i.area_id, wave: Number(i.wave), language: i.language };
    for (let ri = 0; ri < out.length; ri++)
      if (i.mask.charCodeAt(ri) === 49) (out[ri] as EarlierData).interviews.push(interview);
  }
  return out;
}
