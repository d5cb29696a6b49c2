import { type Expression, type Kysely, type RawBuilder, sql } from "kysely";
import { readArrays } from "../../db/array-rows.ts";
import type { Database } from "../../db/schema.ts";

/**
 * The trigger-kept aggregate tables the outcome pages read, one descriptor each (what a row counts is
 * said above each): its key (the columns that fix a question, then the rest in key order), what it
 * sums, and for the slice tables which columns the filters cut on. Every read of them goes through `readAggregate`,
 * which writes the statement from the descriptor: a seek into the key (its leading columns by
 * equality), the rows with `n > 0`, as stored or grouped by some of their columns with the sums
 * added up, in the order asked for. Tables and columns are named only here and in the migrations.
 */
export interface AggregateTable {
  name: keyof Database & `indicator_${string}`;
  /** The leading key columns: equal for every row of one question. */
  questionKey: readonly string[];
  /** The rest of the key, in key order: one question's rows come in this order. */
  rowKey: readonly string[];
  /** What each row counts and sums: added up when rows are grouped. */
  sums: readonly string[];
  /** The columns a value or pair is inside a month range by (slice tables only). */
  months?: { from: string; to: string };
}

/** Counted answers of one question in one area-wave by value and choice (migration 2026-11-26-03). */
export const valueCells: AggregateTable = {
  name: "indicator_cells",
  questionKey: ["outcome", "survey_id", "question"],
  rowKey: ["area_id", "wave", "status", "has_value", "value", "choice"],
  sums: ["n"],
};

/** The same by distribution bar, a count question's values by bin, with their sums (migration 2026-12-07-08). */
export const binCells: AggregateTable = {
  name: "indicator_bin_cells",
  questionKey: ["outcome", "survey_id", "question"],
  rowKey: ["area_id", "wave", "status", "bar", "choice"],
  sums: ["n", "sum_value", "sumsq_value"],
};

/** Counted answers by value and by what filters cut inside an area-wave (migrations 08, 2026-12-07-02). */
export const sliceCells: AggregateTable = {
  name: "indicator_slice_cells",
  questionKey: ["outcome", "survey_id", "question"],
  rowKey: [
    "area_id",
    "wave",
    "status",
    "has_value",
    "value",
    "choice",
    "survey_version",
    "administration_mode",
    "month",
    "language",
  ],
  sums: ["n"],
  months: { from: "month", to: "month" },
};

/** Counted pairs of one question between two waves by change, with each wave's sums (migration 03). */
export const pairCells: AggregateTable = {
  name: "indicator_pair_cells",
  questionKey: ["outcome", "from_wave", "to_wave", "survey_id", "question"],
  rowKey: ["area_id", "difference"],
  sums: ["n", "sum_before", "sum_after", "sumsq_before", "sumsq_after"],
};

/** The same by the pair's slice columns: both interviews' version, mode and language, and their months. */
export const pairSliceCells: AggregateTable = {
  name: "indicator_pair_slice_cells",
  questionKey: ["outcome", "from_wave", "to_wave", "survey_id", "question"],
  rowKey: [
    "area_id",
    "difference",
    "survey_version",
    "administration_mode",
    "from_month",
    "to_month",
    "language",
  ],
  sums: ["n", "sum_before", "sum_after", "sumsq_before", "sumsq_after"],
  months: { from: "from_month", to: "to_month" },
};

/** A column read, or an expression under a name. */
export type Column = string | readonly [name: string, expression: RawBuilder<unknown>];

/** One read of an aggregate table. */
export interface AggregateRead {
  /** Key (or other) columns equal to these values (or one of a list): the leading ones make the read a seek. */
  where: Readonly<Record<string, string | number | readonly string[]>>;
  /** Only these areas, or null (or absent) for all. */
  areas?: readonly string[] | null;
  /** More conditions (a slice's filters: `insideSlice`). */
  also?: Expression<boolean>;
  /** The columns each row is read with. */
  columns: readonly Column[];
  /**
   * `stored`: each row as it is, with its sums; `grouped`: grouped by `columns`, the sums added up;
   * `distinct`: the distinct `columns`, no sums.
   */
  rows: "stored" | "grouped" | "distinct";
  /** Rows whose count fell to 0 too (they are left out unless this is set). */
  withEmpty?: boolean;
  /** The sums to read instead of the table's (grouped only), by name. */
  sums?: Readonly<Record<string, RawBuilder<unknown>>>;
  /** Order of the rows (columns or names); none when absent. */
  orderBy?: readonly string[];
}

/** Reads `table` as `read` says; numbers may come back as strings (PostgreSQL's sums). */
export async function readAggregate<Row>(
  db: Kysely<Database>,
  table: AggregateTable,
  read: AggregateRead,
): Promise<Row[]> {
  if (read.areas?.length === 0) return [];
  return (await aggregateStatement<Row>(table, read).execute(db)).rows;
}

/**
 * The same rows as arrays: the columns asked for, then the sums, in that order (`readArrays`). For the
 * largest reads, where making an object of every row is most of the cost.
 */
export async function readAggregateArrays(
  db: Kysely<Database>,
  table: AggregateTable,
  read: AggregateRead,
): Promise<unknown[][]> {
  if (read.areas?.length === 0) return [];
  return readArrays(db, aggregateStatement(table, read));
}

/** The statement of a read, written from the table's descriptor. */
function aggregateStatement<Row>(table: AggregateTable, read: AggregateRead): RawBuilder<Row> {
  const columns = read.columns.map((c) =>
    typeof c === "string" ? sql.ref(c) : sql`${c[1]} as ${sql.ref(c[0])}`,
  );
  const grouped = read.rows === "grouped";
  const sums =
    read.rows === "distinct"
      ? []
      : read.sums
        ? Object.entries(read.sums).map(([name, e]) => sql`${e} as ${sql.ref(name)}`)
        : table.sums.map((c) => (grouped ? sql`sum(${sql.ref(c)}) as ${sql.ref(c)}` : sql.ref(c)));
  const conditions = [
    ...Object.entries(read.where).map(([column, value]) =>
      typeof value === "object"
        ? sql`${sql.ref(column)} in (${sql.join(value)})`
        : sql`${sql.ref(column)} = ${value}`,
    ),
    ...(read.withEmpty ? [] : [sql`n > 0`]),
    ...(read.areas ? [sql`area_id in (${sql.join(read.areas)})`] : []),
    ...(read.also ? [sql`${read.also}`] : []),
  ];
  const groupBy = read.columns.map((c) => (typeof c === "string" ? sql.ref(c) : sql`${c[1]}`));
  return sql<Row>`select ${read.rows === "distinct" ? sql`distinct ` : sql``}${sql.join([
    ...columns,
    ...sums,
  ])} from ${sql.table(table.name)}${
    conditions.length > 0 ? sql` where ${sql.join(conditions, sql` and `)}` : sql``
  }${
    grouped ? sql` group by ${sql.join(groupBy)}` : sql``
  }${read.orderBy ? sql` order by ${sql.join(read.orderBy.map((c) => sql.ref(c)))}` : sql``}`;
}
