import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: this migration must keep producing the same schema and the same backfill forever. It takes
// Kysely<any> and imports nothing from the application.
//
// Live outcome pages filtered and broken down by interview language (issue 18, decision 0048). The
// pre-counted slice tables were keyed by survey version, mode and month; the interview language joins
// them, as a filter that cuts inside an area-wave like the others:
//
// - indicator_values.language: the interview's language, copied from `responses.language`; an
//   interview without one (stored by an instance older than that column) counts as its version's main
//   language (the definition's `locale`, or English when it names none), never simply as English.
// - indicator_pairs.slice_language: both interviews' language, or '' when they differ (as slice_mode).
// - indicator_slice_cells and indicator_pair_slice_cells are rebuilt with a `language` key column and
//   filled again from the rows; their triggers (migrations 08, 09, 10) are rewritten with it.
// - The stored part checks (migration 10) are emptied: they are computed again, with language as a
//   fourth filter dimension, at the next read.

const LOCALE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

function mainLocaleOf(definition: string): string {
  try {
    const locale = (JSON.parse(definition) as { locale?: unknown } | null)?.locale;
    return typeof locale === "string" && locale !== "default" && LOCALE.test(locale) ? locale : "en";
  } catch {
    return "en";
  }
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

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
const pairSums = ["sum_before", "sum_after", "sumsq_before", "sumsq_after"];

/** The two shapes of the slice tables: before this migration (down) and after it (up). */
function shape(withLanguage: boolean) {
  const lang = withLanguage ? ["language"] : [];
  const sliceKey = [...cellKey, "survey_version", "administration_mode", "month", ...lang];
  const pairSliceKey = [
    ...pairKey,
    "survey_version",
    "administration_mode",
    "from_month",
    "to_month",
    ...lang,
  ];
  const cellValues = `outcome, survey_id, question, area_id, wave, status,
  CASE WHEN value IS NULL THEN 0 ELSE 1 END, COALESCE(value, 0), COALESCE(choice, '')`;
  const sliceValues = `${cellValues}, survey_version, administration_mode, substr(completed_at, 1, 7)${withLanguage ? ", language" : ""}`;
  const pairValues = "outcome, from_wave, to_wave, survey_id, question, area_id, after_value - before_value";
  const pairSliceValues = `${pairValues}, slice_version, slice_mode, from_month, to_month${withLanguage ? ", slice_language" : ""}`;
  return { sliceKey, pairSliceKey, cellValues, sliceValues, pairSliceValues, pairValues };
}

const rowOf = (row: "NEW" | "OLD", v: string) =>
  v.replace(
    /\b(outcome|survey_id|question|area_id|wave|status|value|choice|survey_version|administration_mode|completed_at|language|from_wave|to_wave|after_value|before_value|slice_version|slice_mode|slice_language|from_month|to_month)\b/g,
    `${row}.$1`,
  );

interface Trigger {
  name: string;
  table: string;
  event: "INSERT" | "DELETE";
  when: string;
  body: string;
}

/** The row-level triggers that count into the slice tables: inserts on SQLite only, deletes on both. */
function rowTriggers(withLanguage: boolean): Trigger[] {
  const s = shape(withLanguage);
  const match = (key: string[], values: string, row: "NEW" | "OLD") => {
    const parts = rowOf(row, values)
      .split(/,(?![^(]*\))/)
      .map((v) => v.trim());
    return key.map((column, i) => `${column} = ${parts[i]}`).join(" AND ");
  };
  const pairRow = (row: "NEW" | "OLD") =>
    `1, ${row}.before_value, ${row}.after_value, ${row}.before_value * ${row}.before_value, ${row}.after_value * ${row}.after_value`;
  return [
    {
      name: "indicator_values_slice_count",
      table: "indicator_values",
      event: "INSERT",
      when: "NEW.counted = 1",
      body: `INSERT INTO indicator_slice_cells (${s.sliceKey.join(", ")}, n) VALUES (${rowOf("NEW", s.sliceValues)}, 1)
      ON CONFLICT (${s.sliceKey.join(", ")}) DO UPDATE SET n = indicator_slice_cells.n + 1;`,
    },
    {
      name: "indicator_values_slice_uncount",
      table: "indicator_values",
      event: "DELETE",
      when: "OLD.counted = 1",
      body: `UPDATE indicator_slice_cells SET n = n - 1 WHERE ${match(s.sliceKey, s.sliceValues, "OLD")};`,
    },
    {
      name: "indicator_pairs_slice_count",
      table: "indicator_pairs",
      event: "INSERT",
      when: "NEW.counted = 1",
      body: `INSERT INTO indicator_pair_slice_cells (${s.pairSliceKey.join(", ")}, n, ${pairSums.join(", ")})
      VALUES (${rowOf("NEW", s.pairSliceValues)}, ${pairRow("NEW")})
      ON CONFLICT (${s.pairSliceKey.join(", ")}) DO UPDATE SET n = indicator_pair_slice_cells.n + 1, ${pairSums.map((c) => `${c} = indicator_pair_slice_cells.${c} + excluded.${c}`).join(", ")};`,
    },
    {
      name: "indicator_pairs_slice_uncount",
      table: "indicator_pairs",
      event: "DELETE",
      when: "OLD.counted = 1",
      body: `UPDATE indicator_pair_slice_cells SET n = n - 1,
  sum_before = sum_before - OLD.before_value, sum_after = sum_after - OLD.after_value,
  sumsq_before = sumsq_before - OLD.before_value * OLD.before_value,
  sumsq_after = sumsq_after - OLD.after_value * OLD.after_value
  WHERE ${match(s.pairSliceKey, s.pairSliceValues, "OLD")};`,
    },
  ];
}

/** PostgreSQL: the per-statement insert counts of migrations 09 and 10, with the slice tables' shape. */
function statementBodies(withLanguage: boolean): { values: string; pairs: string } {
  const s = shape(withLanguage);
  const addCount = (table: string, key: string[], values: string) =>
    `INSERT INTO ${table} (${key.join(", ")}, n) SELECT ${values}, count(*) FROM new_rows WHERE counted = 1
   GROUP BY ${values} ON CONFLICT (${key.join(", ")}) DO UPDATE SET n = ${table}.n + excluded.n;`;
  const addPairs = (table: string, key: string[], values: string) =>
    `INSERT INTO ${table} (${key.join(", ")}, n, ${pairSums.join(", ")}) SELECT ${values}, count(*), sum(before_value), sum(after_value), sum(before_value * before_value),
  sum(after_value * after_value)
   FROM new_rows WHERE counted = 1 GROUP BY ${values}
   ON CONFLICT (${key.join(", ")}) DO UPDATE SET n = ${table}.n + excluded.n,
   ${pairSums.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", ")};`;
  const raiseGeneration = `INSERT INTO indicator_generations (survey_id, area_id, generation)
   SELECT survey_id, area_id, 1 FROM new_rows WHERE question = '' GROUP BY survey_id, area_id
   ORDER BY survey_id, area_id
   ON CONFLICT (survey_id, area_id) DO UPDATE SET generation = indicator_generations.generation + 1;`;
  return {
    values: [
      raiseGeneration,
      addCount("indicator_cells", cellKey, s.cellValues),
      addCount("indicator_slice_cells", s.sliceKey, s.sliceValues),
    ].join("\n"),
    pairs: [
      addPairs("indicator_pair_cells", pairKey, s.pairValues),
      addPairs("indicator_pair_slice_cells", s.pairSliceKey, s.pairSliceValues),
    ].join("\n"),
  };
}

async function dropRowTriggers(db: Kysely<any>, triggers: Trigger[]): Promise<void> {
  const postgres = isPostgres(db);
  for (const t of triggers) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${t.name}${postgres ? ` ON ${t.table}` : ""}`).execute(db);
    if (postgres) await sql.raw(`DROP FUNCTION IF EXISTS ${t.name}()`).execute(db);
  }
}

async function createRowTriggers(db: Kysely<any>, triggers: Trigger[]): Promise<void> {
  const postgres = isPostgres(db);
  for (const t of triggers) {
    // PostgreSQL counts inserts per statement (migration 09): only the delete triggers are per row.
    if (postgres && t.event === "INSERT") continue;
    if (postgres) {
      await sql
        .raw(
          `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${t.body} RETURN NULL; END $$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.table} FOR EACH ROW WHEN (${t.when}) EXECUTE FUNCTION ${t.name}()`,
        )
        .execute(db);
    } else {
      await sql
        .raw(`CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.table} WHEN ${t.when} BEGIN ${t.body} END`)
        .execute(db);
    }
  }
}

async function replaceStatementCounts(db: Kysely<any>, withLanguage: boolean): Promise<void> {
  if (!isPostgres(db)) return;
  const bodies = statementBodies(withLanguage);
  for (const [name, body] of [
    ["indicator_values_count_rows", bodies.values],
    ["indicator_pairs_count_rows", bodies.pairs],
  ] as const) {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NULL; END $$`,
      )
      .execute(db);
  }
}

/** The two slice tables, created in one shape and filled from the rows. */
async function rebuildSliceTables(db: Kysely<any>, withLanguage: boolean): Promise<void> {
  const s = shape(withLanguage);
  const clustered = isPostgres(db) ? "" : " WITHOUT ROWID";
  await db.schema.dropTable("indicator_slice_cells").execute();
  await db.schema.dropTable("indicator_pair_slice_cells").execute();
  const lang = withLanguage ? ", language text NOT NULL" : "";
  await sql
    .raw(`CREATE TABLE indicator_slice_cells (
      outcome text NOT NULL, survey_id text NOT NULL, question text NOT NULL, area_id text NOT NULL,
      wave integer NOT NULL, status text NOT NULL, has_value integer NOT NULL, value double precision NOT NULL,
      choice text NOT NULL, survey_version integer NOT NULL, administration_mode text NOT NULL,
      month text NOT NULL${lang}, n integer NOT NULL,
      CONSTRAINT indicator_slice_cells_pk PRIMARY KEY (${s.sliceKey.join(", ")}))${clustered}`)
    .execute(db);
  await sql
    .raw(`CREATE TABLE indicator_pair_slice_cells (
      outcome text NOT NULL, from_wave integer NOT NULL, to_wave integer NOT NULL, survey_id text NOT NULL,
      question text NOT NULL, area_id text NOT NULL, difference double precision NOT NULL,
      survey_version integer NOT NULL, administration_mode text NOT NULL, from_month text NOT NULL,
      to_month text NOT NULL${lang}, n integer NOT NULL, sum_before double precision NOT NULL,
      sum_after double precision NOT NULL, sumsq_before double precision NOT NULL,
      sumsq_after double precision NOT NULL,
      CONSTRAINT indicator_pair_slice_cells_pk PRIMARY KEY (${s.pairSliceKey.join(", ")}))${clustered}`)
    .execute(db);
  await sql
    .raw(`INSERT INTO indicator_slice_cells (${s.sliceKey.join(", ")}, n)
      SELECT ${s.sliceValues}, count(*) FROM indicator_values WHERE counted = 1 GROUP BY ${s.sliceValues}`)
    .execute(db);
  await sql
    .raw(`INSERT INTO indicator_pair_slice_cells (${s.pairSliceKey.join(", ")}, n, ${pairSums.join(", ")})
      SELECT ${s.pairSliceValues}, count(*), sum(before_value), sum(after_value),
        sum(before_value * before_value), sum(after_value * after_value)
      FROM indicator_pairs WHERE counted = 1 GROUP BY ${s.pairSliceValues}`)
    .execute(db);
}

/** Stored part checks were computed without the language dimension (or with it): all computed again. */
async function forgetPartChecks(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("indicator_part_checks").execute();
  await db.deleteFrom("indicator_part_minimums").execute();
  await db.deleteFrom("indicator_pair_part_minimums").execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("indicator_values")
    .addColumn("language", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("indicator_pairs")
    .addColumn("slice_language", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await sql`
    UPDATE indicator_values SET language = COALESCE((SELECT r.language FROM responses r
      WHERE r.id = indicator_values.response_id), '')
  `.execute(db);
  // An interview without a language was asked in its version's main language.
  const versions = await db
    .selectFrom("survey_versions")
    .select(["survey_id", "version", "definition"])
    .execute();
  for (const v of versions) {
    await db
      .updateTable("indicator_values")
      .set({ language: mainLocaleOf(String(v.definition)) })
      .where("survey_id", "=", v.survey_id)
      .where("survey_version", "=", v.version)
      .where("language", "=", "")
      .execute();
  }
  await sql`
    UPDATE indicator_pairs SET slice_language = COALESCE((SELECT CASE WHEN a.language = b.language THEN a.language ELSE '' END
      FROM indicator_values a, indicator_values b
      WHERE a.response_id = indicator_pairs.response_id AND a.question = ''
        AND b.response_id = indicator_pairs.paired_response_id AND b.question = ''), '')
  `.execute(db);

  await dropRowTriggers(db, rowTriggers(false));
  await rebuildSliceTables(db, true);
  await createRowTriggers(db, rowTriggers(true));
  await replaceStatementCounts(db, true);
  await forgetPartChecks(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropRowTriggers(db, rowTriggers(true));
  await rebuildSliceTables(db, false);
  await createRowTriggers(db, rowTriggers(false));
  await replaceStatementCounts(db, false);
  await forgetPartChecks(db);
  await db.schema.alterTable("indicator_pairs").dropColumn("slice_language").execute();
  await db.schema.alterTable("indicator_values").dropColumn("language").execute();
}
