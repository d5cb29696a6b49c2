import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and imports
// nothing from the application.
//
// Small-number protection of filtered views without grouping the slice cells on every request
// (docs/decisions/0016 and 0019). Whether a filter may show an area-wave depends only on the stored
// answers, the outcome, which filter dimensions are in use (version, mode, month) and k, so the
// smallest part of each question × area × wave per set of dimensions is stored, independent of k:
//
// - indicator_generations: a counter per survey and area, raised by a trigger whenever an interview's
//   row (question '') of that survey and area is inserted or deleted. Every change to the aggregates
//   of an area comes with one (ingest, withdrawal, a review decision or adopted revision rewriting a
//   response), so the counter says when an area's stored checks are out of date, in the database,
//   for every app instance sharing it.
// - indicator_part_minimums / indicator_pair_part_minimums: per question × area × wave (or pair of
//   waves) and set of dimensions, the smallest positive count of one answer in one part; computed by
//   the server for an area when its counter has moved (server/outcomes/protection/part-checks.repository.ts).
// - indicator_part_checks: which counter value each outcome's stored minimums were computed from.
//
// indicator_slice_parts (per-part totals, not read since the per-answer rule replaced it) is dropped
// with its trigger maintenance; on PostgreSQL the per-statement insert trigger of migration 09 is
// rewritten without it and with the counter.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const partKey = [
  "outcome",
  "survey_id",
  "question",
  "area_id",
  "wave",
  "survey_version",
  "administration_mode",
  "month",
];
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
const sliceKey = [...cellKey, "survey_version", "administration_mode", "month"];
const cellValues = `outcome, survey_id, question, area_id, wave, status,
  CASE WHEN value IS NULL THEN 0 ELSE 1 END, COALESCE(value, 0), COALESCE(choice, '')`;
const sliceValues = `${cellValues}, survey_version, administration_mode, substr(completed_at, 1, 7)`;
const partValues = `outcome, survey_id, question, area_id, wave, survey_version, administration_mode,
  substr(completed_at, 1, 7)`;
const addCount = (table: string, key: string[], values: string, where: string) =>
  `INSERT INTO ${table} (${key.join(", ")}, n) SELECT ${values}, count(*) FROM new_rows WHERE ${where}
   GROUP BY ${values} ON CONFLICT (${key.join(", ")}) DO UPDATE SET n = ${table}.n + excluded.n;`;
const raiseGeneration = (rows: string) =>
  `INSERT INTO indicator_generations (survey_id, area_id, generation)
   SELECT survey_id, area_id, 1 FROM ${rows} WHERE question = '' GROUP BY survey_id, area_id
   ORDER BY survey_id, area_id
   ON CONFLICT (survey_id, area_id) DO UPDATE SET generation = indicator_generations.generation + 1;`;

/** PostgreSQL: migration 09's per-statement count of inserted values, as it stood and as it becomes. */
const statementBody = {
  before: [
    addCount("indicator_cells", cellKey, cellValues, "counted = 1"),
    addCount("indicator_slice_cells", sliceKey, sliceValues, "counted = 1"),
    addCount("indicator_slice_parts", partKey, partValues, "counted = 1 AND status = 'answered'"),
  ].join("\n"),
  after: [
    raiseGeneration("new_rows"),
    addCount("indicator_cells", cellKey, cellValues, "counted = 1"),
    addCount("indicator_slice_cells", sliceKey, sliceValues, "counted = 1"),
  ].join("\n"),
};

const partMatch = (row: "NEW" | "OLD") =>
  `outcome = ${row}.outcome AND survey_id = ${row}.survey_id AND question = ${row}.question
   AND area_id = ${row}.area_id AND wave = ${row}.wave AND survey_version = ${row}.survey_version
   AND administration_mode = ${row}.administration_mode AND month = substr(${row}.completed_at, 1, 7)`;
const partValuesOf = (row: "NEW" | "OLD") =>
  `${row}.outcome, ${row}.survey_id, ${row}.question, ${row}.area_id, ${row}.wave, ${row}.survey_version,
   ${row}.administration_mode, substr(${row}.completed_at, 1, 7)`;

interface Trigger {
  name: string;
  event: "INSERT" | "DELETE";
  when: string;
  body: string;
}

/** Migration 08's part triggers (SQLite: both; PostgreSQL: the delete one, 09 took the insert). */
const partTriggers: Trigger[] = [
  {
    name: "indicator_values_part_count",
    event: "INSERT",
    when: "NEW.counted = 1 AND NEW.status = 'answered'",
    body: `INSERT INTO indicator_slice_parts (${partKey.join(", ")}, n) VALUES (${partValuesOf("NEW")}, 1)
      ON CONFLICT (${partKey.join(", ")}) DO UPDATE SET n = indicator_slice_parts.n + 1;`,
  },
  {
    name: "indicator_values_part_uncount",
    event: "DELETE",
    when: "OLD.counted = 1 AND OLD.status = 'answered'",
    body: `UPDATE indicator_slice_parts SET n = n - 1 WHERE ${partMatch("OLD")};`,
  },
];

const generationOf = (row: "NEW" | "OLD") =>
  `INSERT INTO indicator_generations (survey_id, area_id, generation) VALUES (${row}.survey_id, ${row}.area_id, 1)
   ON CONFLICT (survey_id, area_id) DO UPDATE SET generation = indicator_generations.generation + 1;`;

/** The counter's row-level triggers: both on SQLite; the delete one on PostgreSQL (inserts count per statement). */
const generationTriggers: Trigger[] = [
  {
    name: "indicator_values_generation_in",
    event: "INSERT",
    when: "NEW.question = ''",
    body: generationOf("NEW"),
  },
  {
    name: "indicator_values_generation_out",
    event: "DELETE",
    when: "OLD.question = ''",
    body: generationOf("OLD"),
  },
];

async function createTrigger(db: Kysely<any>, t: Trigger): Promise<void> {
  if (isPostgres(db)) {
    await sql
      .raw(
        `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${t.body} RETURN NULL; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${t.name} AFTER ${t.event} ON indicator_values FOR EACH ROW WHEN (${t.when}) EXECUTE FUNCTION ${t.name}()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(`CREATE TRIGGER ${t.name} AFTER ${t.event} ON indicator_values WHEN ${t.when} BEGIN ${t.body} END`)
      .execute(db);
  }
}

async function dropTrigger(db: Kysely<any>, t: Trigger): Promise<void> {
  const postgres = isPostgres(db);
  await sql.raw(`DROP TRIGGER IF EXISTS ${t.name}${postgres ? " ON indicator_values" : ""}`).execute(db);
  if (postgres) await sql.raw(`DROP FUNCTION IF EXISTS ${t.name}()`).execute(db);
}

async function replaceStatementCount(db: Kysely<any>, body: string): Promise<void> {
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION indicator_values_count_rows() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NULL; END $$`,
    )
    .execute(db);
}

/** SQLite: clustered on the primary key. PostgreSQL tables are heaps whatever we say. */
function clustered(db: Kysely<any>) {
  return isPostgres(db) ? sql`` : sql`without rowid`;
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable("indicator_generations")
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("generation", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_generations_pk", ["survey_id", "area_id"])
    .execute();
  // Areas with counted answers stored already: their checks are computed on first read.
  await sql`
    INSERT INTO indicator_generations (survey_id, area_id, generation)
    SELECT DISTINCT survey_id, area_id, 1 FROM indicator_cells WHERE outcome = '' AND question = ''
  `.execute(db);

  await db.schema
    .createTable("indicator_part_minimums")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("wave", "integer", (c) => c.notNull())
    // Which filter dimensions cut the parts: 1 version, 2 mode, 4 month, or any sum of them.
    .addColumn("dims", "integer", (c) => c.notNull())
    // The smallest positive count of one answer (status, value, choice) in one part…
    .addColumn("smallest", "integer", (c) => c.notNull())
    // …and the same with a count question's values taken by bin of its distribution.
    .addColumn("smallest_binned", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_part_minimums_pk", [
      "outcome",
      "dims",
      "survey_id",
      "question",
      "area_id",
      "wave",
    ])
    .modifyEnd(clustered(db))
    .execute();

  await db.schema
    .createTable("indicator_pair_part_minimums")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("from_wave", "integer", (c) => c.notNull())
    .addColumn("to_wave", "integer", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("dims", "integer", (c) => c.notNull())
    // The smallest positive count of pairs in one part, and of one direction of change in one part.
    .addColumn("smallest", "integer", (c) => c.notNull())
    .addColumn("smallest_by_way", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_pair_part_minimums_pk", [
      "outcome",
      "from_wave",
      "to_wave",
      "dims",
      "survey_id",
      "question",
      "area_id",
    ])
    .modifyEnd(clustered(db))
    .execute();

  await db.schema
    .createTable("indicator_part_checks")
    .addColumn("outcome", "text", (c) => c.notNull())
    // -1 and -1 for the values' minimums, else the pair of waves of the pairs' minimums.
    .addColumn("from_wave", "integer", (c) => c.notNull())
    .addColumn("to_wave", "integer", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("generation", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_part_checks_pk", [
      "outcome",
      "from_wave",
      "to_wave",
      "survey_id",
      "area_id",
    ])
    .execute();

  if (postgres) {
    await dropTrigger(db, partTriggers[1] as Trigger);
    await replaceStatementCount(db, statementBody.after);
    await createTrigger(db, generationTriggers[1] as Trigger);
  } else {
    for (const t of partTriggers) await dropTrigger(db, t);
    for (const t of generationTriggers) await createTrigger(db, t);
  }
  await db.schema.dropTable("indicator_slice_parts").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable("indicator_slice_parts")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("wave", "integer", (c) => c.notNull())
    .addColumn("survey_version", "integer", (c) => c.notNull())
    .addColumn("administration_mode", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_slice_parts_pk", partKey as any)
    .modifyEnd(clustered(db))
    .execute();
  await sql`
    INSERT INTO indicator_slice_parts (${sql.raw(partKey.join(", "))}, n)
    SELECT ${sql.raw(partValues)}, count(*)
    FROM indicator_values WHERE counted = 1 AND status = 'answered'
    GROUP BY ${sql.raw(partValues)}
  `.execute(db);
  if (postgres) {
    await dropTrigger(db, generationTriggers[1] as Trigger);
    await replaceStatementCount(db, statementBody.before);
    await createTrigger(db, partTriggers[1] as Trigger);
  } else {
    for (const t of generationTriggers) await dropTrigger(db, t);
    for (const t of partTriggers) await createTrigger(db, t);
  }
  for (const table of [
    "indicator_part_checks",
    "indicator_pair_part_minimums",
    "indicator_part_minimums",
    "indicator_generations",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
