import { type Kysely, sql } from "kysely";
import type { Database } from "../../server/db/schema.ts";

/**
 * The outcome aggregates as stored and the same counted again from the indicator rows, for tests that
 * check the triggers and the batched writes count every counted row exactly once.
 */
export type Row = Record<string, unknown>;

/** Numbers as numbers whichever driver read them, rows in one order. */
export function normalRows(list: Row[]): Row[] {
  return list
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === "bigint" || (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) ? Number(v) : v,
        ]),
      ),
    )
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

export async function queryRows(db: Kysely<Database>, text: string): Promise<Row[]> {
  return normalRows((await sql<Row>`${sql.raw(text)}`.execute(db)).rows);
}

const cell = [
  "outcome",
  "survey_id",
  "question",
  "area_id",
  "wave",
  "status",
  "case when value is null then 0 else 1 end",
  "coalesce(value, 0)",
  "coalesce(choice, '')",
];
const slice = [...cell, "survey_version", "administration_mode", "substr(completed_at, 1, 7)"];
const pair = [
  "outcome",
  "from_wave",
  "to_wave",
  "survey_id",
  "question",
  "area_id",
  "after_value - before_value",
];
const pairSlice = [...pair, "slice_version", "slice_mode", "from_month", "to_month"];
/** A count question's bin of its value, as migration 2026-12-07-08 keeps `indicator_bin_cells`. */
const bar = `case when value is null then 0 when value = 0 then 0 when value >= 1 and value <= 2 then 1
  when value >= 3 and value <= 5 then 2 when value >= 6 and value <= 10 then 3
  when value >= 11 and value <= 20 then 4 when value >= 21 and value <= 50 then 5 when value >= 51 then 6 else -1 end`;
const bin = ["outcome", "survey_id", "question", "area_id", "wave", "status", bar, "coalesce(choice, '')"];
const pairSums = `count(*) as n, sum(before_value) as sb, sum(after_value) as sa,
  sum(before_value * before_value) as sqb, sum(after_value * after_value) as sqa`;
/** A recount of counted rows grouped by `key`, each expression under its own name (PostgreSQL would name unnamed ones after their function). */
const recount = (table: string, key: string[], sums: string) =>
  `select ${key.map((e, i) => `${e} as c${i}`).join(", ")}, ${sums} from ${table} where counted = 1
   group by ${key.join(", ")}`;

/** Every aggregate table (rows with n > 0) and the same recounted from the rows, compared by value only. */
export async function aggregatesAndRecount(
  db: Kysely<Database>,
): Promise<{ stored: Row[][]; recounted: Row[][] }> {
  const stored = [
    await queryRows(
      db,
      `select outcome, survey_id, question, area_id, wave, status, has_value, value, choice, n
      from indicator_cells where n > 0`,
    ),
    await queryRows(
      db,
      `select outcome, survey_id, question, area_id, wave, status, has_value, value, choice,
      survey_version, administration_mode, month, n from indicator_slice_cells where n > 0`,
    ),
    await queryRows(
      db,
      `select outcome, from_wave, to_wave, survey_id, question, area_id, difference, n,
      sum_before, sum_after, sumsq_before, sumsq_after from indicator_pair_cells where n > 0`,
    ),
    await queryRows(
      db,
      `select outcome, from_wave, to_wave, survey_id, question, area_id, difference,
      survey_version, administration_mode, from_month, to_month, n, sum_before, sum_after, sumsq_before,
      sumsq_after from indicator_pair_slice_cells where n > 0`,
    ),
    await queryRows(
      db,
      `select outcome, survey_id, question, area_id, wave, status, bar, choice, n, sum_value, sumsq_value
      from indicator_bin_cells where n > 0`,
    ),
  ];
  const recounted = [
    await queryRows(db, recount("indicator_values", cell, "count(*) as n")),
    await queryRows(db, recount("indicator_values", slice, "count(*) as n")),
    await queryRows(db, recount("indicator_pairs", pair, pairSums)),
    await queryRows(db, recount("indicator_pairs", pairSlice, pairSums)),
    await queryRows(
      db,
      `select ${bin.map((e, i) => `${e} as c${i}`).join(", ")}, count(*) as n, sum(coalesce(value, 0)) as s,
      sum(coalesce(value, 0) * coalesce(value, 0)) as sq from indicator_values
      where counted = 1 and question <> '' group by ${bin.join(", ")}`,
    ),
  ];
  // Same columns in the same order, compared by value only.
  const values = (tables: Row[][]) =>
    tables.map((rows) => normalRows(rows.map((r) => ({ ...Object.values(r) }))));
  return { stored: values(stored), recounted: values(recounted) };
}
