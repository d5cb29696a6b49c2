import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen: this migration must keep producing the same schema forever. It takes Kysely<any> and imports
// nothing from the application.
//
// PostgreSQL: the aggregates count inserted rows per statement instead of per row. Ingest writes a
// batch's indicator rows and pairs with a few multi-row statements; a row-level trigger ran a PL/pgSQL
// call and an upsert for every row (three for a value, two for a pair). Statement-level triggers with
// a transition table add each statement's rows grouped by the aggregate's key, one upsert per table,
// with the same counts and sums. Deletes keep migration 08's row-level triggers (cascades, rewrites).
// SQLite has no statement-level triggers: nothing changes there.

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

const cellValues = `outcome, survey_id, question, area_id, wave, status,
  CASE WHEN value IS NULL THEN 0 ELSE 1 END, COALESCE(value, 0), COALESCE(choice, '')`;
const sliceValues = `${cellValues}, survey_version, administration_mode, substr(completed_at, 1, 7)`;
const partValues = `outcome, survey_id, question, area_id, wave, survey_version, administration_mode,
  substr(completed_at, 1, 7)`;
const pairValues = "outcome, from_wave, to_wave, survey_id, question, area_id, after_value - before_value";
const pairSliceValues = `${pairValues}, slice_version, slice_mode, from_month, to_month`;
const pairSumValues = `count(*), sum(before_value), sum(after_value), sum(before_value * before_value),
  sum(after_value * after_value)`;

const addCount = (table: string, key: string[], values: string, where: string) =>
  `INSERT INTO ${table} (${key.join(", ")}, n) SELECT ${values}, count(*) FROM new_rows WHERE ${where}
   GROUP BY ${values} ON CONFLICT (${key.join(", ")}) DO UPDATE SET n = ${table}.n + excluded.n;`;
const addPairs = (table: string, key: string[], values: string) =>
  `INSERT INTO ${table} (${key.join(", ")}, n, ${pairSums.join(", ")}) SELECT ${values}, ${pairSumValues}
   FROM new_rows WHERE counted = 1 GROUP BY ${values}
   ON CONFLICT (${key.join(", ")}) DO UPDATE SET n = ${table}.n + excluded.n,
   ${pairSums.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(", ")};`;

const statementTriggers = [
  {
    name: "indicator_values_count_rows",
    table: "indicator_values",
    body: [
      addCount("indicator_cells", cellKey, cellValues, "counted = 1"),
      addCount("indicator_slice_cells", sliceKey, sliceValues, "counted = 1"),
      addCount("indicator_slice_parts", partKey, partValues, "counted = 1 AND status = 'answered'"),
    ].join("\n"),
  },
  {
    name: "indicator_pairs_count_rows",
    table: "indicator_pairs",
    body: [
      addPairs("indicator_pair_cells", pairKey, pairValues),
      addPairs("indicator_pair_slice_cells", pairSliceKey, pairSliceValues),
    ].join("\n"),
  },
];

// Migration 08's row-level insert triggers, as they stand (restored by down).
const rowValues = (v: string) =>
  v.replace(
    /\b(outcome|survey_id|question|area_id|wave|status|value|choice|survey_version|administration_mode|completed_at|from_wave|to_wave|after_value|before_value|slice_version|slice_mode|from_month|to_month)\b/g,
    "NEW.$1",
  );
const rowTriggers = [
  {
    name: "indicator_values_count",
    table: "indicator_values",
    when: "NEW.counted = 1",
    body: `INSERT INTO indicator_cells (${cellKey.join(", ")}, n) VALUES (${rowValues(cellValues)}, 1)
      ON CONFLICT (${cellKey.join(", ")}) DO UPDATE SET n = indicator_cells.n + 1;`,
  },
  {
    name: "indicator_values_slice_count",
    table: "indicator_values",
    when: "NEW.counted = 1",
    body: `INSERT INTO indicator_slice_cells (${sliceKey.join(", ")}, n) VALUES (${rowValues(sliceValues)}, 1)
      ON CONFLICT (${sliceKey.join(", ")}) DO UPDATE SET n = indicator_slice_cells.n + 1;`,
  },
  {
    name: "indicator_values_part_count",
    table: "indicator_values",
    when: "NEW.counted = 1 AND NEW.status = 'answered'",
    body: `INSERT INTO indicator_slice_parts (${partKey.join(", ")}, n) VALUES (${rowValues(partValues)}, 1)
      ON CONFLICT (${partKey.join(", ")}) DO UPDATE SET n = indicator_slice_parts.n + 1;`,
  },
  {
    name: "indicator_pairs_count",
    table: "indicator_pairs",
    when: "NEW.counted = 1",
    body: `INSERT INTO indicator_pair_cells (${pairKey.join(", ")}, n, ${pairSums.join(", ")})
      VALUES (${rowValues(pairValues)}, 1, NEW.before_value, NEW.after_value, NEW.before_value * NEW.before_value, NEW.after_value * NEW.after_value)
      ON CONFLICT (${pairKey.join(", ")}) DO UPDATE SET n = indicator_pair_cells.n + 1, ${pairSums.map((c) => `${c} = indicator_pair_cells.${c} + excluded.${c}`).join(", ")};`,
  },
  {
    name: "indicator_pairs_slice_count",
    table: "indicator_pairs",
    when: "NEW.counted = 1",
    body: `INSERT INTO indicator_pair_slice_cells (${pairSliceKey.join(", ")}, n, ${pairSums.join(", ")})
      VALUES (${rowValues(pairSliceValues)}, 1, NEW.before_value, NEW.after_value, NEW.before_value * NEW.before_value, NEW.after_value * NEW.after_value)
      ON CONFLICT (${pairSliceKey.join(", ")}) DO UPDATE SET n = indicator_pair_slice_cells.n + 1, ${pairSums.map((c) => `${c} = indicator_pair_slice_cells.${c} + excluded.${c}`).join(", ")};`,
  },
];

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const t of rowTriggers) {
    await sql.raw(`DROP TRIGGER ${t.name} ON ${t.table}`).execute(db);
    await sql.raw(`DROP FUNCTION ${t.name}()`).execute(db);
  }
  for (const t of statementTriggers) {
    await sql
      .raw(
        `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${t.body} RETURN NULL; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${t.name} AFTER INSERT ON ${t.table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${t.name}()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const t of statementTriggers) {
    await sql.raw(`DROP TRIGGER ${t.name} ON ${t.table}`).execute(db);
    await sql.raw(`DROP FUNCTION ${t.name}()`).execute(db);
  }
  for (const t of rowTriggers) {
    await sql
      .raw(
        `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${t.body} RETURN NULL; END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${t.name} AFTER INSERT ON ${t.table} FOR EACH ROW WHEN (${t.when}) EXECUTE FUNCTION ${t.name}()`,
      )
      .execute(db);
  }
}
