import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and
// imports nothing from the application.
//
// indicator_bin_cells: the counted answers by distribution bar, kept by triggers (issue 13, decision
// 0066). A count question's answers are one `indicator_cells` row per distinct value per area-wave
// (about 2,600 rows a question at 100k answers), which the live outcome page grouped into its seven
// bins on every read; here they are kept grouped: per question, area-wave, answer state, choice and
// bin, how many, and the sum and sum of squares of their values. The page reads count questions' bars
// from here (about a third of the rows, none grouped) and their exact values (for medians) still from
// `indicator_cells`.
//
// The triggers cannot tell a count question from another (that is in the survey's definition), so
// every tagged answer is counted here; only count questions' rows are read. The interview rows
// (question '') are not. The bins are those of the page (`NUMBER_BINS` in
// server/outcomes/aggregates/): [0], [1, 2], [3, 5], [6, 10], [11, 20], [21, 50], [51, ∞), -1 for a
// value in none; an answer without a value is in bar 0 with value 0, as the page grouped it. Changing
// the bins needs a new migration; the page's reads are compared with binning the rows in JavaScript
// (test/server/outcomes/sliced-read.test.ts), which would fail.
//
// Inserts: a row-level trigger on SQLite; on PostgreSQL a statement-level one over the transition
// table, as migration 09 counts the other aggregates. Deletes: a row-level trigger on both.

const BINS: ReadonlyArray<readonly [number, number | null]> = [
  [0, 0],
  [1, 2],
  [3, 5],
  [6, 10],
  [11, 20],
  [21, 50],
  [51, null],
];

const key = ["outcome", "survey_id", "question", "area_id", "wave", "status", "bar", "choice"];

/** The bar of a row's value: its bin, or 0 without a value. */
function barOf(value: string): string {
  const cases = BINS.map(([lo, hi], i) =>
    hi === null
      ? `WHEN ${value} >= ${lo} THEN ${i}`
      : `WHEN ${value} >= ${lo} AND ${value} <= ${hi} THEN ${i}`,
  );
  return `CASE WHEN ${value} IS NULL THEN 0 ${cases.join(" ")} ELSE -1 END`;
}

/** The key's values of a row (`NEW.`, `OLD.` or a transition table's columns with ''). */
function keyValues(row: string): string[] {
  return [
    `${row}outcome`,
    `${row}survey_id`,
    `${row}question`,
    `${row}area_id`,
    `${row}wave`,
    `${row}status`,
    barOf(`${row}value`),
    `COALESCE(${row}choice, '')`,
  ];
}

const value = (row: string) => `COALESCE(${row}value, 0)`;

const countRow = `INSERT INTO indicator_bin_cells (${key.join(", ")}, n, sum_value, sumsq_value)
  VALUES (${keyValues("NEW.").join(", ")}, 1, ${value("NEW.")}, ${value("NEW.")} * ${value("NEW.")})
  ON CONFLICT (${key.join(", ")}) DO UPDATE SET n = indicator_bin_cells.n + 1,
  sum_value = indicator_bin_cells.sum_value + excluded.sum_value,
  sumsq_value = indicator_bin_cells.sumsq_value + excluded.sumsq_value;`;

const uncountRow = `UPDATE indicator_bin_cells SET n = n - 1, sum_value = sum_value - ${value("OLD.")},
  sumsq_value = sumsq_value - ${value("OLD.")} * ${value("OLD.")}
  WHERE ${key.map((column, i) => `${column} = ${keyValues("OLD.")[i]}`).join(" AND ")};`;

/** Counted rows of `from` grouped by the key (the backfill, and PostgreSQL's count per statement). */
const grouped = (from: string) => `SELECT ${keyValues("").join(", ")}, count(*), sum(${value("")}),
  sum(${value("")} * ${value("")}) FROM ${from} WHERE counted = 1 AND question <> ''
  GROUP BY ${keyValues("").join(", ")}`;

const countStatement = `INSERT INTO indicator_bin_cells (${key.join(", ")}, n, sum_value, sumsq_value)
  ${grouped("new_rows")}
  ON CONFLICT (${key.join(", ")}) DO UPDATE SET n = indicator_bin_cells.n + excluded.n,
  sum_value = indicator_bin_cells.sum_value + excluded.sum_value,
  sumsq_value = indicator_bin_cells.sumsq_value + excluded.sumsq_value;`;

const WHEN_NEW = "NEW.counted = 1 AND NEW.question <> ''";
const WHEN_OLD = "OLD.counted = 1 AND OLD.question <> ''";

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

async function createFunction(db: Kysely<any>, name: string, body: string): Promise<void> {
  await sql
    .raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NULL; END $$`)
    .execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await sql
    .raw(`CREATE TABLE indicator_bin_cells (
      outcome text NOT NULL, survey_id text NOT NULL, question text NOT NULL, area_id text NOT NULL,
      wave integer NOT NULL, status text NOT NULL, bar integer NOT NULL, choice text NOT NULL,
      n integer NOT NULL, sum_value double precision NOT NULL, sumsq_value double precision NOT NULL,
      CONSTRAINT indicator_bin_cells_pk PRIMARY KEY (${key.join(", ")}))${postgres ? "" : " WITHOUT ROWID"}`)
    .execute(db);
  await sql
    .raw(
      `INSERT INTO indicator_bin_cells (${key.join(", ")}, n, sum_value, sumsq_value) ${grouped("indicator_values")}`,
    )
    .execute(db);
  if (postgres) {
    await createFunction(db, "indicator_values_bin_rows", countStatement);
    await sql
      .raw(
        `CREATE TRIGGER indicator_values_bin_rows AFTER INSERT ON indicator_values REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_values_bin_rows()`,
      )
      .execute(db);
    await createFunction(db, "indicator_values_bin_uncount", uncountRow);
    await sql
      .raw(
        `CREATE TRIGGER indicator_values_bin_uncount AFTER DELETE ON indicator_values FOR EACH ROW
        WHEN (${WHEN_OLD}) EXECUTE FUNCTION indicator_values_bin_uncount()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(`CREATE TRIGGER indicator_values_bin_count AFTER INSERT ON indicator_values WHEN ${WHEN_NEW}
        BEGIN ${countRow} END`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER indicator_values_bin_uncount AFTER DELETE ON indicator_values WHEN ${WHEN_OLD}
        BEGIN ${uncountRow} END`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const name of ["indicator_values_bin_rows", "indicator_values_bin_uncount"]) {
      await sql.raw(`DROP TRIGGER ${name} ON indicator_values`).execute(db);
      await sql.raw(`DROP FUNCTION ${name}()`).execute(db);
    }
  } else {
    await sql.raw("DROP TRIGGER indicator_values_bin_count").execute(db);
    await sql.raw("DROP TRIGGER indicator_values_bin_uncount").execute(db);
  }
  await db.schema.dropTable("indicator_bin_cells").execute();
}
