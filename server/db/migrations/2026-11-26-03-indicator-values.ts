import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: this migration must keep producing the same schema and the same backfill forever. It takes
// Kysely<any> and imports nothing from the application, so the few lines that read an answer as an
// indicator value are copied here as they stood on this date (server/outcomes/ingest/indicator-values.ts is
// the living version used at ingest).
//
// Storage of the outcome dashboards (see docs/decisions/0015-outcome-figures-storage.md):
//
// - indicator_values: one row per tagged question of each response (plus one row with question '' for
//   the interview itself, for attrition), written at ingest, with the response's filter columns copied
//   so no query needs a join, and `counted` = the response's review state counts.
// - indicator_pairs: the same participant's answers to one question at two waves (both answered, same
//   survey and area), one row per pair of interviews, written at ingest: change between waves reads
//   these instead of pairing a million rows per request.
// - indicator_cells / indicator_pair_cells: counts of the counted rows of the two tables above, by the
//   columns the dashboard groups by. Kept exact by triggers on every insert and delete, including the
//   deletes that cascade when a participant withdraws, so an outcome page reads a few thousand
//   aggregated rows instead of scanning a million.
// - indicator_refresh: responses whose review state, envelope or answers changed after ingest (a trigger
//   on responses queues them); the dashboard rewrites their rows before it reads, so a rejected or
//   re-decided response never counts as it was.
// - settings: run-time settings an administrator changes (the suppression threshold).
//
// Every child row references responses(id) ON DELETE CASCADE: withdrawing a participant removes them.

const cellKey = [
  "outcome",
  "survey_id",
  "question",
  "area_id",
  "wave",
  "status",
  "has_value",
  "value",
  "choice",
];
const pairKey = ["outcome", "from_wave", "to_wave", "survey_id", "question", "area_id", "difference"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("indicator_values")
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("survey_version", "integer", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("wave", "integer", (c) => c.notNull())
    .addColumn("participant_code", "text", (c) => c.notNull())
    .addColumn("administration_mode", "text", (c) => c.notNull())
    .addColumn("completed_at", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    // answered | skipped | declined
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("choice", "text")
    .addColumn("counted", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_values_pk", ["response_id", "question"])
    .execute();
  // Filtered views (version, mode, months) read the rows themselves: every column they use is here.
  await db.schema
    .createIndex("indicator_values_outcome_idx")
    .on("indicator_values")
    .columns([
      "outcome",
      "counted",
      "survey_id",
      "question",
      "area_id",
      "wave",
      "status",
      "value",
      "choice",
      "survey_version",
      "administration_mode",
      "completed_at",
    ])
    .execute();

  await db.schema
    .createTable("indicator_pairs")
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("paired_response_id", "text", (c) =>
      c.notNull().references("responses.id").onDelete("cascade"),
    )
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("from_wave", "integer", (c) => c.notNull())
    .addColumn("to_wave", "integer", (c) => c.notNull())
    .addColumn("before_value", "double precision", (c) => c.notNull())
    .addColumn("after_value", "double precision", (c) => c.notNull())
    .addColumn("counted", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_pairs_pk", ["response_id", "paired_response_id", "question"])
    .execute();
  // The cascade from the later interview needs its own index, or each delete would scan the table.
  await db.schema
    .createIndex("indicator_pairs_paired_idx")
    .on("indicator_pairs")
    .column("paired_response_id")
    .execute();

  await db.schema
    .createTable("indicator_cells")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("wave", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    // A key cannot hold NULL (NULLs never conflict), so a missing value is has_value = 0, value = 0.
    .addColumn("has_value", "integer", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("choice", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_cells_pk", cellKey as any)
    .execute();

  // Pairs are counted by their change (after - before): the paired t-test, Wilcoxon's signed-rank test
  // and McNemar's test depend on the changes alone, and the running sums give each wave's mean and SD.
  // Keyed by the values themselves, a count question's pairs would need hundreds of rows per area.
  await db.schema
    .createTable("indicator_pair_cells")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("from_wave", "integer", (c) => c.notNull())
    .addColumn("to_wave", "integer", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("difference", "double precision", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addColumn("sum_before", "double precision", (c) => c.notNull())
    .addColumn("sum_after", "double precision", (c) => c.notNull())
    .addColumn("sumsq_before", "double precision", (c) => c.notNull())
    .addColumn("sumsq_after", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_pair_cells_pk", pairKey as any)
    .execute();

  await db.schema
    .createTable("indicator_refresh")
    .addColumn("response_id", "text", (c) => c.primaryKey().references("responses.id").onDelete("cascade"))
    .execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();

  await createTriggers(db);
  await backfill(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTriggers(db);
  for (const table of [
    "settings",
    "indicator_refresh",
    "indicator_pair_cells",
    "indicator_cells",
    "indicator_pairs",
    "indicator_values",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

// ---- triggers: the same statements on both databases, wrapped as each requires ----

const cellValues = (row: "NEW" | "OLD") =>
  `${row}.outcome, ${row}.survey_id, ${row}.question, ${row}.area_id, ${row}.wave, ${row}.status,
   CASE WHEN ${row}.value IS NULL THEN 0 ELSE 1 END, COALESCE(${row}.value, 0), COALESCE(${row}.choice, '')`;
const cellMatch = (row: "NEW" | "OLD") =>
  `outcome = ${row}.outcome AND survey_id = ${row}.survey_id AND question = ${row}.question
   AND area_id = ${row}.area_id AND wave = ${row}.wave AND status = ${row}.status
   AND has_value = CASE WHEN ${row}.value IS NULL THEN 0 ELSE 1 END AND value = COALESCE(${row}.value, 0)
   AND choice = COALESCE(${row}.choice, '')`;
const pairValues = (row: "NEW" | "OLD") =>
  `${row}.outcome, ${row}.from_wave, ${row}.to_wave, ${row}.survey_id, ${row}.question, ${row}.area_id,
   ${row}.after_value - ${row}.before_value, 1, ${row}.before_value, ${row}.after_value,
   ${row}.before_value * ${row}.before_value, ${row}.after_value * ${row}.after_value`;
const pairMatch = (row: "NEW" | "OLD") =>
  `outcome = ${row}.outcome AND from_wave = ${row}.from_wave AND to_wave = ${row}.to_wave
   AND survey_id = ${row}.survey_id AND question = ${row}.question AND area_id = ${row}.area_id
   AND difference = ${row}.after_value - ${row}.before_value`;
const pairSums = ["sum_before", "sum_after", "sumsq_before", "sumsq_after"];

/** Columns of a response whose change makes its indicator rows out of date. */
const watched = [
  "review_status",
  "data",
  "survey_id",
  "survey_version",
  "participant_code",
  "wave",
  "area_id",
  "administration_mode",
  "completed_at",
];

interface Trigger {
  name: string;
  table: string;
  event: "INSERT" | "DELETE" | "UPDATE";
  /** A condition on NEW/OLD. */
  when: (distinct: string) => string;
  body: string;
}

const triggers: Trigger[] = [
  {
    name: "indicator_values_count",
    table: "indicator_values",
    event: "INSERT",
    when: () => "NEW.counted = 1",
    body: `INSERT INTO indicator_cells (${cellKey.join(", ")}, n) VALUES (${cellValues("NEW")}, 1)
      ON CONFLICT (${cellKey.join(", ")}) DO UPDATE SET n = indicator_cells.n + 1;`,
  },
  {
    name: "indicator_values_uncount",
    table: "indicator_values",
    event: "DELETE",
    when: () => "OLD.counted = 1",
    body: `UPDATE indicator_cells SET n = n - 1 WHERE ${cellMatch("OLD")};`,
  },
  {
    name: "indicator_pairs_count",
    table: "indicator_pairs",
    event: "INSERT",
    when: () => "NEW.counted = 1",
    body: `INSERT INTO indicator_pair_cells (${pairKey.join(", ")}, n, ${pairSums.join(", ")}) VALUES (${pairValues("NEW")})
      ON CONFLICT (${pairKey.join(", ")}) DO UPDATE SET n = indicator_pair_cells.n + 1,
      ${pairSums.map((c) => `${c} = indicator_pair_cells.${c} + excluded.${c}`).join(", ")};`,
  },
  {
    name: "indicator_pairs_uncount",
    table: "indicator_pairs",
    event: "DELETE",
    when: () => "OLD.counted = 1",
    body: `UPDATE indicator_pair_cells SET n = n - 1,
      sum_before = sum_before - OLD.before_value, sum_after = sum_after - OLD.after_value,
      sumsq_before = sumsq_before - OLD.before_value * OLD.before_value,
      sumsq_after = sumsq_after - OLD.after_value * OLD.after_value
      WHERE ${pairMatch("OLD")};`,
  },
  {
    name: "responses_indicator_refresh",
    table: "responses",
    event: "UPDATE",
    when: (distinct) => watched.map((c) => `OLD.${c} ${distinct} NEW.${c}`).join(" OR "),
    body: "INSERT INTO indicator_refresh (response_id) VALUES (NEW.id) ON CONFLICT (response_id) DO NOTHING;",
  },
];

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

async function createTriggers(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  for (const t of triggers) {
    if (postgres) {
      await sql
        .raw(
          `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${t.body} RETURN NULL; END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.table} FOR EACH ROW WHEN (${t.when("IS DISTINCT FROM")}) EXECUTE FUNCTION ${t.name}()`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.table} WHEN ${t.when("IS NOT")} BEGIN ${t.body} END`,
        )
        .execute(db);
    }
  }
}

async function dropTriggers(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  for (const t of triggers) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${t.name}${postgres ? ` ON ${t.table}` : ""}`).execute(db);
    if (postgres) await sql.raw(`DROP FUNCTION IF EXISTS ${t.name}()`).execute(db);
  }
}

// ---- backfill of responses stored before this migration, as indicator values were read on this date ----

interface Field {
  name: string;
  type: string;
  inputType?: string;
  outcome?: string;
  choices?: { value: unknown; score?: number }[];
  scale?: { min: number; max: number };
  range?: { min?: number; max?: number };
}

type Reading = { status: string; value: number | null; choice: string | null };
const SKIPPED: Reading = { status: "skipped", value: null, choice: null };
const COUNTED = ["received", "approved"];

function isIndicator(f: Field): boolean {
  if (!f.outcome) return false;
  if (f.type === "radiogroup" || f.type === "dropdown")
    return (f.choices ?? []).some((c) => typeof c.score === "number");
  return ["boolean", "rating"].includes(f.type) || (f.type === "text" && f.inputType === "number");
}

function read(f: Field, answer: unknown): Reading {
  if (answer === undefined || answer === null || answer === "") return SKIPPED;
  if (f.type === "boolean") {
    return typeof answer === "boolean"
      ? { status: "answered", value: answer ? 1 : 0, choice: null }
      : SKIPPED;
  }
  if (f.type === "text") {
    const v = typeof answer === "number" ? answer : typeof answer === "string" ? Number(answer) : Number.NaN;
    if (!Number.isFinite(v)) return SKIPPED;
    if ((f.range?.min !== undefined && v < f.range.min) || (f.range?.max !== undefined && v > f.range.max)) {
      return SKIPPED;
    }
    return { status: "answered", value: v, choice: null };
  }
  if (f.type === "rating" && !f.choices?.length) {
    if (typeof answer !== "number" || !Number.isFinite(answer)) return SKIPPED;
    const { min, max } = f.scale ?? { min: -Infinity, max: Infinity };
    return answer < min || answer > max ? SKIPPED : { status: "answered", value: answer, choice: null };
  }
  const choice = (f.choices ?? []).find((c) => c.value === answer);
  if (!choice) return SKIPPED;
  const key = String(choice.value);
  if (typeof choice.score === "number") return { status: "answered", value: choice.score, choice: key };
  if (f.type === "rating") {
    return typeof choice.value === "number"
      ? { status: "answered", value: choice.value, choice: key }
      : SKIPPED;
  }
  return { status: "declined", value: null, choice: key };
}

const PAGE = 500;

/** Idempotent: only responses without any indicator row are read, page by page in id order. */
async function backfill(db: Kysely<any>): Promise<void> {
  const versions = await db
    .selectFrom("survey_versions")
    .select(["survey_id", "version", "fields"])
    .execute();
  const fieldsOf = new Map<string, Field[]>();
  for (const v of versions) {
    const fields = (JSON.parse(String(v.fields)) as Field[]).filter(isIndicator);
    if (fields.length > 0) fieldsOf.set(`${v.survey_id}@${Number(v.version)}`, fields);
  }
  if (fieldsOf.size === 0) return;

  let after = "";
  for (;;) {
    const responses = await db
      .selectFrom("responses as r")
      .selectAll("r")
      .where("r.id", ">", after)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("indicator_values as iv")
              .select("iv.response_id")
              .whereRef("iv.response_id", "=", "r.id"),
          ),
        ),
      )
      .orderBy("r.id")
      .limit(PAGE)
      .execute();
    if (responses.length === 0) break;
    const rows: Record<string, unknown>[] = [];
    for (const r of responses) {
      const fields = fieldsOf.get(`${r.survey_id}@${Number(r.survey_version)}`);
      if (!fields) continue;
      const data = JSON.parse(String(r.data)) as Record<string, unknown>;
      const completed = new Date(String(r.completed_at));
      const envelope = {
        response_id: r.id,
        survey_id: r.survey_id,
        survey_version: Number(r.survey_version),
        area_id: r.area_id,
        wave: Number(r.wave),
        participant_code: r.participant_code,
        administration_mode: r.administration_mode,
        completed_at: Number.isNaN(completed.getTime()) ? r.completed_at : completed.toISOString(),
        counted: COUNTED.includes(String(r.review_status)) ? 1 : 0,
      };
      rows.push({ ...envelope, question: "", outcome: "", status: "answered", value: null, choice: null });
      for (const f of fields) {
        rows.push({ ...envelope, question: f.name, outcome: f.outcome, ...read(f, data[f.name]) });
      }
    }
    // 14 columns a row: 200 rows stay far below either database's limit on bound parameters.
    for (let i = 0; i < rows.length; i += 200) {
      await db
        .insertInto("indicator_values")
        .values(rows.slice(i, i + 200))
        .execute();
    }
    after = String(responses[responses.length - 1]?.id);
  }

  // Pairs of the same participant's interviews in one survey and area: the interview rows (question '')
  // always, a question when it was answered with a value at both waves.
  await sql`
    INSERT INTO indicator_pairs (response_id, paired_response_id, question, outcome, survey_id, area_id,
      from_wave, to_wave, before_value, after_value, counted)
    SELECT a.response_id, b.response_id, a.question, a.outcome, a.survey_id, a.area_id, a.wave, b.wave,
      COALESCE(a.value, 0), COALESCE(b.value, 0), a.counted * b.counted
    FROM indicator_values a
    JOIN indicator_values b ON b.survey_id = a.survey_id AND b.question = a.question AND b.outcome = a.outcome
      AND b.area_id = a.area_id AND b.participant_code = a.participant_code AND b.wave > a.wave
    WHERE a.question = '' OR (a.status = 'answered' AND b.status = 'answered'
      AND a.value IS NOT NULL AND b.value IS NOT NULL)
  `.execute(db);
}
