import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: this migration must keep producing the same schema and the same backfill forever. It takes
// Kysely<any> and imports nothing from the application.
//
// Filtered outcome pages without reading the rows (see docs/decisions/0019-outcome-slices.md).
// Version, mode and month filters cut inside an area-wave, so the aggregates of migration 03 cannot
// answer them and the page used to group a million `indicator_values` rows. Here:
//
// - indicator_slice_cells: counted values keyed like indicator_cells plus the survey version, the
//   administration mode and the completion month (YYYY-MM, UTC). A filtered page reads these.
// - indicator_slice_parts: counted answers (status 'answered') per question × area × wave × version ×
//   mode × month: what small-number protection of a filtered view needs (every part 0 or ≥ k).
// - indicator_pairs gains the pair's own slice columns: the survey version and mode when both
//   interviews share them (else 0 and ''), and both completion months; indicator_pair_slice_cells
//   counts counted pairs by change with those columns, so change and attrition follow the filters.
// - On SQLite the aggregate tables (old and new) are WITHOUT ROWID, clustered on their key, so a read
//   of one outcome streams its rows in key order instead of looking each up through an index.
//
// All maintained by triggers on insert and delete like migration 03's, cascades included.

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
const sliceKey = [...cellKey, "survey_version", "administration_mode", "month"];
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
const pairSliceKey = [...pairKey, "survey_version", "administration_mode", "from_month", "to_month"];
const pairSums = ["sum_before", "sum_after", "sumsq_before", "sumsq_after"];

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** SQLite: clustered on the primary key. PostgreSQL tables are heaps whatever we say. */
function clustered<T extends string, C extends string>(
  db: Kysely<any>,
  table: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C> {
  return isPostgres(db) ? table : table.modifyEnd(sql`without rowid`);
}

function cellColumns<T extends string, C extends string>(t: CreateTableBuilder<T, C>) {
  return t
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("wave", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("has_value", "integer", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("choice", "text", (c) => c.notNull());
}

function pairColumns<T extends string, C extends string>(t: CreateTableBuilder<T, C>) {
  return t
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("from_wave", "integer", (c) => c.notNull())
    .addColumn("to_wave", "integer", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.notNull())
    .addColumn("difference", "double precision", (c) => c.notNull());
}

function pairSumColumns<T extends string, C extends string>(t: CreateTableBuilder<T, C>) {
  return t
    .addColumn("n", "integer", (c) => c.notNull())
    .addColumn("sum_before", "double precision", (c) => c.notNull())
    .addColumn("sum_after", "double precision", (c) => c.notNull())
    .addColumn("sumsq_before", "double precision", (c) => c.notNull())
    .addColumn("sumsq_after", "double precision", (c) => c.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);

  // The pair's own slice columns, filled for the pairs already stored from their interviews' rows.
  for (const [column, type, empty] of [
    ["slice_version", "integer", 0],
    ["slice_mode", "text", ""],
    ["from_month", "text", ""],
    ["to_month", "text", ""],
  ] as const) {
    await db.schema
      .alterTable("indicator_pairs")
      .addColumn(column, type, (c) => c.notNull().defaultTo(empty))
      .execute();
  }
  await sql`
    UPDATE indicator_pairs SET
      slice_version = COALESCE((SELECT CASE WHEN a.survey_version = b.survey_version THEN a.survey_version ELSE 0 END
        FROM indicator_values a, indicator_values b
        WHERE a.response_id = indicator_pairs.response_id AND a.question = ''
          AND b.response_id = indicator_pairs.paired_response_id AND b.question = ''), 0),
      slice_mode = COALESCE((SELECT CASE WHEN a.administration_mode = b.administration_mode THEN a.administration_mode ELSE '' END
        FROM indicator_values a, indicator_values b
        WHERE a.response_id = indicator_pairs.response_id AND a.question = ''
          AND b.response_id = indicator_pairs.paired_response_id AND b.question = ''), ''),
      from_month = COALESCE((SELECT substr(a.completed_at, 1, 7) FROM indicator_values a
        WHERE a.response_id = indicator_pairs.response_id AND a.question = ''), ''),
      to_month = COALESCE((SELECT substr(b.completed_at, 1, 7) FROM indicator_values b
        WHERE b.response_id = indicator_pairs.paired_response_id AND b.question = ''), '')
  `.execute(db);

  if (!postgres) await rebuildClustered(db);

  await clustered(
    db,
    cellColumns(db.schema.createTable("indicator_slice_cells"))
      .addColumn("survey_version", "integer", (c) => c.notNull())
      .addColumn("administration_mode", "text", (c) => c.notNull())
      .addColumn("month", "text", (c) => c.notNull())
      .addColumn("n", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("indicator_slice_cells_pk", sliceKey as any),
  ).execute();

  await clustered(
    db,
    db.schema
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
      .addPrimaryKeyConstraint("indicator_slice_parts_pk", partKey as any),
  ).execute();

  await clustered(
    db,
    pairSumColumns(
      pairColumns(db.schema.createTable("indicator_pair_slice_cells"))
        .addColumn("survey_version", "integer", (c) => c.notNull())
        .addColumn("administration_mode", "text", (c) => c.notNull())
        .addColumn("from_month", "text", (c) => c.notNull())
        .addColumn("to_month", "text", (c) => c.notNull()),
    ).addPrimaryKeyConstraint("indicator_pair_slice_cells_pk", pairSliceKey as any),
  ).execute();

  // What is stored already, counted as the triggers below would have counted it.
  await sql`
    INSERT INTO indicator_slice_cells (${sql.raw(sliceKey.join(", "))}, n)
    SELECT outcome, survey_id, question, area_id, wave, status,
      CASE WHEN value IS NULL THEN 0 ELSE 1 END, COALESCE(value, 0), COALESCE(choice, ''),
      survey_version, administration_mode, substr(completed_at, 1, 7), count(*)
    FROM indicator_values WHERE counted = 1
    GROUP BY outcome, survey_id, question, area_id, wave, status,
      CASE WHEN value IS NULL THEN 0 ELSE 1 END, COALESCE(value, 0), COALESCE(choice, ''),
      survey_version, administration_mode, substr(completed_at, 1, 7)
  `.execute(db);
  await sql`
    INSERT INTO indicator_slice_parts (${sql.raw(partKey.join(", "))}, n)
    SELECT outcome, survey_id, question, area_id, wave, survey_version, administration_mode,
      substr(completed_at, 1, 7), count(*)
    FROM indicator_values WHERE counted = 1 AND status = 'answered'
    GROUP BY outcome, survey_id, question, area_id, wave, survey_version, administration_mode,
      substr(completed_at, 1, 7)
  `.execute(db);
  await sql`
    INSERT INTO indicator_pair_slice_cells (${sql.raw(pairSliceKey.join(", "))}, n, ${sql.raw(pairSums.join(", "))})
    SELECT outcome, from_wave, to_wave, survey_id, question, area_id, after_value - before_value,
      slice_version, slice_mode, from_month, to_month, count(*), sum(before_value), sum(after_value),
      sum(before_value * before_value), sum(after_value * after_value)
    FROM indicator_pairs WHERE counted = 1
    GROUP BY outcome, from_wave, to_wave, survey_id, question, area_id, after_value - before_value,
      slice_version, slice_mode, from_month, to_month
  `.execute(db);

  await createTriggers(db, newTriggers);

  // Interviews that do not count (needs review, rejected) are few; the page says how many it left out.
  await db.schema
    .createIndex("responses_not_counted_idx")
    .on("responses")
    .columns(["survey_id", "area_id", "wave"])
    .where(sql.ref("review_status"), "in", ["needs_review", "rejected"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("responses_not_counted_idx").execute();
  await dropTriggers(db, newTriggers);
  for (const table of ["indicator_pair_slice_cells", "indicator_slice_parts", "indicator_slice_cells"]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ["slice_version", "slice_mode", "from_month", "to_month"]) {
    await db.schema.alterTable("indicator_pairs").dropColumn(column).execute();
  }
}

// ---- SQLite: migration 03's aggregates, rebuilt clustered on their keys ----

async function rebuildClustered(db: Kysely<any>): Promise<void> {
  await dropTriggers(db, oldTriggers);
  await clustered(
    db,
    cellColumns(db.schema.createTable("indicator_cells_clustered"))
      .addColumn("n", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("indicator_cells_pk", cellKey as any),
  ).execute();
  await sql`INSERT INTO indicator_cells_clustered SELECT ${sql.raw(cellKey.join(", "))}, n FROM indicator_cells WHERE n > 0`.execute(
    db,
  );
  await db.schema.dropTable("indicator_cells").execute();
  await db.schema.alterTable("indicator_cells_clustered").renameTo("indicator_cells").execute();

  await clustered(
    db,
    pairSumColumns(
      pairColumns(db.schema.createTable("indicator_pair_cells_clustered")),
    ).addPrimaryKeyConstraint("indicator_pair_cells_pk", pairKey as any),
  ).execute();
  await sql`INSERT INTO indicator_pair_cells_clustered SELECT ${sql.raw(pairKey.join(", "))}, n, ${sql.raw(pairSums.join(", "))} FROM indicator_pair_cells WHERE n > 0`.execute(
    db,
  );
  await db.schema.dropTable("indicator_pair_cells").execute();
  await db.schema.alterTable("indicator_pair_cells_clustered").renameTo("indicator_pair_cells").execute();
  await createTriggers(db, oldTriggers);
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
const sliceValues = (row: "NEW" | "OLD") =>
  `${cellValues(row)}, ${row}.survey_version, ${row}.administration_mode, substr(${row}.completed_at, 1, 7)`;
const sliceMatch = (row: "NEW" | "OLD") =>
  `${cellMatch(row)} AND survey_version = ${row}.survey_version
   AND administration_mode = ${row}.administration_mode AND month = substr(${row}.completed_at, 1, 7)`;
const partValues = (row: "NEW" | "OLD") =>
  `${row}.outcome, ${row}.survey_id, ${row}.question, ${row}.area_id, ${row}.wave, ${row}.survey_version,
   ${row}.administration_mode, substr(${row}.completed_at, 1, 7)`;
const partMatch = (row: "NEW" | "OLD") =>
  `outcome = ${row}.outcome AND survey_id = ${row}.survey_id AND question = ${row}.question
   AND area_id = ${row}.area_id AND wave = ${row}.wave AND survey_version = ${row}.survey_version
   AND administration_mode = ${row}.administration_mode AND month = substr(${row}.completed_at, 1, 7)`;
const pairValues = (row: "NEW" | "OLD") =>
  `${row}.outcome, ${row}.from_wave, ${row}.to_wave, ${row}.survey_id, ${row}.question, ${row}.area_id,
   ${row}.after_value - ${row}.before_value`;
const pairSumValues = (row: "NEW" | "OLD") =>
  `1, ${row}.before_value, ${row}.after_value,
   ${row}.before_value * ${row}.before_value, ${row}.after_value * ${row}.after_value`;
const pairMatch = (row: "NEW" | "OLD") =>
  `outcome = ${row}.outcome AND from_wave = ${row}.from_wave AND to_wave = ${row}.to_wave
   AND survey_id = ${row}.survey_id AND question = ${row}.question AND area_id = ${row}.area_id
   AND difference = ${row}.after_value - ${row}.before_value`;
const pairSliceValues = (row: "NEW" | "OLD") =>
  `${pairValues(row)}, ${row}.slice_version, ${row}.slice_mode, ${row}.from_month, ${row}.to_month`;
const pairSliceMatch = (row: "NEW" | "OLD") =>
  `${pairMatch(row)} AND survey_version = ${row}.slice_version AND administration_mode = ${row}.slice_mode
   AND from_month = ${row}.from_month AND to_month = ${row}.to_month`;
const uncountPair = `n = n - 1,
  sum_before = sum_before - OLD.before_value, sum_after = sum_after - OLD.after_value,
  sumsq_before = sumsq_before - OLD.before_value * OLD.before_value,
  sumsq_after = sumsq_after - OLD.after_value * OLD.after_value`;
const countPair = (table: string) =>
  `n = ${table}.n + 1, ${pairSums.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", ")}`;

interface Trigger {
  name: string;
  table: string;
  event: "INSERT" | "DELETE";
  when: string;
  body: string;
}

/** Migration 03's, as they stood: recreated on SQLite after the rebuild. */
const oldTriggers: Trigger[] = [
  {
    name: "indicator_values_count",
    table: "indicator_values",
    event: "INSERT",
    when: "NEW.counted = 1",
    body: `INSERT INTO indicator_cells (${cellKey.join(", ")}, n) VALUES (${cellValues("NEW")}, 1)
      ON CONFLICT (${cellKey.join(", ")}) DO UPDATE SET n = indicator_cells.n + 1;`,
  },
  {
    name: "indicator_values_uncount",
    table: "indicator_values",
    event: "DELETE",
    when: "OLD.counted = 1",
    body: `UPDATE indicator_cells SET n = n - 1 WHERE ${cellMatch("OLD")};`,
  },
  {
    name: "indicator_pairs_count",
    table: "indicator_pairs",
    event: "INSERT",
    when: "NEW.counted = 1",
    body: `INSERT INTO indicator_pair_cells (${pairKey.join(", ")}, n, ${pairSums.join(", ")})
      VALUES (${pairValues("NEW")}, ${pairSumValues("NEW")})
      ON CONFLICT (${pairKey.join(", ")}) DO UPDATE SET ${countPair("indicator_pair_cells")};`,
  },
  {
    name: "indicator_pairs_uncount",
    table: "indicator_pairs",
    event: "DELETE",
    when: "OLD.counted = 1",
    body: `UPDATE indicator_pair_cells SET ${uncountPair} WHERE ${pairMatch("OLD")};`,
  },
];

const newTriggers: Trigger[] = [
  {
    name: "indicator_values_slice_count",
    table: "indicator_values",
    event: "INSERT",
    when: "NEW.counted = 1",
    body: `INSERT INTO indicator_slice_cells (${sliceKey.join(", ")}, n) VALUES (${sliceValues("NEW")}, 1)
      ON CONFLICT (${sliceKey.join(", ")}) DO UPDATE SET n = indicator_slice_cells.n + 1;`,
  },
  {
    name: "indicator_values_slice_uncount",
    table: "indicator_values",
    event: "DELETE",
    when: "OLD.counted = 1",
    body: `UPDATE indicator_slice_cells SET n = n - 1 WHERE ${sliceMatch("OLD")};`,
  },
  {
    name: "indicator_values_part_count",
    table: "indicator_values",
    event: "INSERT",
    when: "NEW.counted = 1 AND NEW.status = 'answered'",
    body: `INSERT INTO indicator_slice_parts (${partKey.join(", ")}, n) VALUES (${partValues("NEW")}, 1)
      ON CONFLICT (${partKey.join(", ")}) DO UPDATE SET n = indicator_slice_parts.n + 1;`,
  },
  {
    name: "indicator_values_part_uncount",
    table: "indicator_values",
    event: "DELETE",
    when: "OLD.counted = 1 AND OLD.status = 'answered'",
    body: `UPDATE indicator_slice_parts SET n = n - 1 WHERE ${partMatch("OLD")};`,
  },
  {
    name: "indicator_pairs_slice_count",
    table: "indicator_pairs",
    event: "INSERT",
    when: "NEW.counted = 1",
    body: `INSERT INTO indicator_pair_slice_cells (${pairSliceKey.join(", ")}, n, ${pairSums.join(", ")})
      VALUES (${pairSliceValues("NEW")}, ${pairSumValues("NEW")})
      ON CONFLICT (${pairSliceKey.join(", ")}) DO UPDATE SET ${countPair("indicator_pair_slice_cells")};`,
  },
  {
    name: "indicator_pairs_slice_uncount",
    table: "indicator_pairs",
    event: "DELETE",
    when: "OLD.counted = 1",
    body: `UPDATE indicator_pair_slice_cells SET ${uncountPair} WHERE ${pairSliceMatch("OLD")};`,
  },
];

async function createTriggers(db: Kysely<any>, triggers: Trigger[]): Promise<void> {
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

async function dropTriggers(db: Kysely<any>, triggers: Trigger[]): Promise<void> {
  const postgres = isPostgres(db);
  for (const t of triggers) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${t.name}${postgres ? ` ON ${t.table}` : ""}`).execute(db);
    if (postgres) await sql.raw(`DROP FUNCTION IF EXISTS ${t.name}()`).execute(db);
  }
}
