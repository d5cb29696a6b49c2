import { type Expression, type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { INTERVIEW_ROW } from "../ingest/indicator-values.ts";
import {
  type AggregateTable,
  binCells,
  pairCells,
  pairSliceCells,
  readAggregate,
  readAggregateArrays,
  sliceCells,
  valueCells,
} from "./aggregate-tables.ts";

/**
 * Reads for the outcome dashboards. Unfiltered figures come from the trigger-maintained aggregates
 * (`indicator_cells`, `indicator_bin_cells`, `indicator_pair_cells`): tens of thousands of rows however
 * many answers there are. Figures filtered by survey version, mode, months or language cut inside
 * those, so they read the aggregates keyed by those filters too (`indicator_slice_cells`,
 * `indicator_pair_slice_cells`; docs/decisions/0019). Every read but one goes through the tables'
 * descriptors (`aggregate-tables.ts`, decision 0066); `holdAnswersInside` joins a list of candidates
 * and is written as SQL. Nothing here reads `indicator_values`. Counts come back as strings on
 * PostgreSQL, hence `Number()`.
 */

/** Version, mode and months: filters that cut inside an area-wave. */
export interface Slice {
  version?: { surveyId: string; version: number } | undefined;
  mode?: string | undefined;
  /** YYYY-MM, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** The interview language (a locale: `en`, `pl`, `en-easy`). */
  language?: string | undefined;
}

export interface ValueScope {
  /** The outcome; null reads every outcome (the map). The interview rows are always read too. */
  outcome: string | null;
  /** The caller's own area, or null for every area. */
  areaId: string | null;
}

export function sliceActive(slice: Slice): boolean {
  return (
    slice.version !== undefined ||
    slice.mode !== undefined ||
    slice.from !== undefined ||
    slice.to !== undefined ||
    slice.language !== undefined
  );
}

/**
 * Counted answers of one question in one area-wave, grouped by distribution bar: a scale point, a
 * choice, yes or no, or a bin of a count question (`binIndex`); with the sum and sum of squares of
 * their values, so means and intervals are exact without the values themselves.
 */
export interface BucketRow {
  outcome: string;
  surveyId: string;
  question: string;
  areaId: string;
  wave: number;
  status: string;
  /** The chosen choice, or null. */
  choice: string | null;
  /** The value itself, or for a count question the index of its bin (-1: outside every bin). */
  key: number;
  n: number;
  sum: number;
  sumsq: number;
}

/** Bins of a count question's distribution (inclusive); the last is open-ended. */
export const NUMBER_BINS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [1, 2],
  [3, 5],
  [6, 10],
  [11, 20],
  [21, 50],
  [51, Number.POSITIVE_INFINITY],
];

/** The bin of a count, as migration 2026-12-07-08's triggers compute it for `indicator_bin_cells`. */
export function binIndex(value: number): number {
  return NUMBER_BINS.findIndex(([lo, hi]) => value >= lo && value <= hi);
}

/** The population the page's summary is about: an area and a wave, or null for all of them. */
export interface Population {
  area: string | null;
  wave: number | null;
}

/** Counted answers by distribution bar, and the exact values of count questions (for their medians). */
export interface CellRead {
  buckets: BucketRow[];
  /** Count questions' answers in the chosen population: `surveyId/question` → value → how many. */
  exact: Map<string, Map<number, number>>;
}

/** One aggregate row as read: `n` counts the whole scope, `n_in` (when sliced) the answers inside the slice. */
export interface RawCell {
  outcome: string;
  survey_id: string;
  question: string;
  area_id: string;
  wave: number | string;
  status: string;
  has_value: number | string;
  value: number | string;
  choice: string;
  n: number | string;
  n_in?: number | string;
}

/** An aggregate row without the columns its question fixes (outcome, survey, question). */
export type QuestionCell = Omit<RawCell, "outcome" | "survey_id" | "question">;

/** Which rows to leave out of a read (a slice's unsafe area-waves). */
export type DropRow = (row: {
  outcome: string;
  surveyId: string;
  question: string;
  areaId: string;
  wave: number;
}) => boolean;

export interface ExactRows {
  areas: string[];
  waves: number[];
  values: number[];
  counts: number[];
}

/**
 * Buckets aggregate rows as they stream past, one at a time, so no read holds its rows in memory.
 * Rows arrive in key order (outcome, survey, question, area, wave, status, value, choice), so every
 * distribution bar's rows are adjacent: a count question's bins are runs of ascending values, any
 * other bar is one value and choice. No key is built per row; each row holds one value, so its sums
 * are n × value. Count questions' exact answers in the population are kept (as numbers) for medians.
 */
export class CellBuckets {
  private readonly buckets: BucketRow[] = [];
  private readonly exactRows = new Map<string, ExactRows>();
  private last: BucketRow | undefined;
  private lastCount = false;
  private lastQuestion: OutcomeQuestion | undefined;
  /** The question of the last bucket (question objects are one per question and read). */
  private lastBucketQuestion: OutcomeQuestion | undefined;
  private exactOf: ExactRows | undefined;

  constructor(
    private readonly isCount: (surveyId: string, question: string) => boolean,
    readonly population: Population,
    /** Which count: the whole scope's (`n`) or the slice's (`n_in`). */
    private readonly count: "n" | "n_in",
  ) {}

  /** One aggregate row of `question` (the row's own columns vary; the question's are fixed). */
  add(question: OutcomeQuestion, r: QuestionCell): void {
    this.addCell(
      question,
      r.area_id,
      r.wave,
      r.status,
      r.has_value,
      r.value,
      r.choice,
      this.count === "n" ? r.n : (r.n_in ?? 0),
    );
  }

  /**
   * The same, read as an array in `valueCells.rowKey` order and then the count the row adds
   * (`aggregateCells`, `insideCells`), so no object is made per row.
   */
  addRow(question: OutcomeQuestion, r: readonly unknown[]): void {
    this.addCell(
      question,
      r[0] as string,
      r[1] as number | string,
      r[2] as string,
      r[3] as number | string,
      r[4] as number | string,
      r[5] as string,
      r[6] as number | string,
    );
  }

  private addCell(
    question: OutcomeQuestion,
    areaId: string,
    rowWave: number | string,
    status: string,
    rowHasValue: number | string,
    rowValue: number | string,
    rowChoice: string,
    rowN: number | string,
  ): void {
    const n = Number(rowN);
    if (!(n > 0)) return;
    const wave = Number(rowWave);
    if (question !== this.lastQuestion) {
      this.lastCount = this.isCount(question.surveyId, question.question);
      this.lastQuestion = question;
      this.exactOf = undefined;
    }
    const hasValue = Number(rowHasValue) === 1;
    const value = Number(rowValue);
    const choice = rowChoice === "" ? null : rowChoice;
    const key = !hasValue ? 0 : this.lastCount ? binIndex(value) : value;
    const { area, wave: populationWave } = this.population;
    if (
      this.lastCount &&
      hasValue &&
      status === "answered" &&
      (area === null || area === areaId) &&
      (populationWave === null || populationWave === wave)
    ) {
      if (!this.exactOf) {
        const id = `${question.surveyId}/${question.question}`;
        this.exactOf = this.exactRows.get(id) ?? { areas: [], waves: [], values: [], counts: [] };
        this.exactRows.set(id, this.exactOf);
      }
      this.exactOf.areas.push(areaId);
      this.exactOf.waves.push(wave);
      this.exactOf.values.push(value);
      this.exactOf.counts.push(n);
    }
    const last = this.last;
    if (
      last !== undefined &&
      last.key === key &&
      last.choice === choice &&
      last.status === status &&
      last.wave === wave &&
      last.areaId === areaId &&
      this.lastBucketQuestion === question
    ) {
      last.n += n;
      last.sum += n * value;
      last.sumsq += n * value * value;
      return;
    }
    this.lastBucketQuestion = question;
    this.last = {
      outcome: question.outcome,
      surveyId: question.surveyId,
      question: question.question,
      areaId,
      wave,
      status,
      choice,
      key,
      n,
      sum: n * value,
      sumsq: n * value * value,
    };
    this.buckets.push(this.last);
  }

  /**
   * A count question's bar as the triggers keep it by bin (`aggregateCells`), in key order: a bucket as
   * it stands. Read as an array: `binCells.rowKey` (area, wave, status, bar, choice), then its sums.
   */
  pushBin(question: OutcomeQuestion, r: readonly unknown[]): void {
    const n = Number(r[5]);
    if (!(n > 0)) return;
    const choice = r[4] as string;
    this.buckets.push({
      outcome: question.outcome,
      surveyId: question.surveyId,
      question: question.question,
      areaId: r[0] as string,
      wave: Number(r[1]),
      status: r[2] as string,
      choice: choice === "" ? null : choice,
      key: Number(r[3]),
      n,
      sum: Number(r[6]),
      sumsq: Number(r[7]),
    });
    this.last = undefined;
  }

  /** A count question's exact answers of one value (in an area-wave, or "" and 0 for the whole population). */
  pushExact(id: string, areaId: string, wave: number, value: number, n: number): void {
    let rows = this.exactRows.get(id);
    if (!rows) {
      rows = { areas: [], waves: [], values: [], counts: [] };
      this.exactRows.set(id, rows);
    }
    rows.areas.push(areaId);
    rows.waves.push(wave);
    rows.values.push(value);
    rows.counts.push(n);
  }

  /** The buckets as added, in key order. */
  rows(): readonly BucketRow[] {
    return this.buckets;
  }

  /**
   * Count questions' exact answers in the population (`surveyId/question`), in the order their rows
   * were added (key order: an area-wave's are one run).
   */
  exactRowsOf(id: string): Readonly<ExactRows> | undefined {
    return this.exactRows.get(id);
  }

  /** The buckets and exact frequency tables, without the rows `drop` leaves out. */
  read(drop?: DropRow): CellRead {
    const buckets = drop ? this.buckets.filter((b) => !drop(b)) : this.buckets;
    const exact = new Map<string, Map<number, number>>();
    for (const [id, rows] of this.exactRows) {
      const slash = id.indexOf("/");
      const surveyId = id.slice(0, slash);
      const question = id.slice(slash + 1);
      const table = new Map<number, number>();
      for (let i = 0; i < rows.values.length; i++) {
        const areaId = rows.areas[i] ?? "";
        const wave = rows.waves[i] ?? 0;
        if (drop?.({ outcome: "", surveyId, question, areaId, wave })) continue;
        const value = rows.values[i] ?? 0;
        table.set(value, (table.get(value) ?? 0) + (rows.counts[i] ?? 0));
      }
      exact.set(id, table);
    }
    return { buckets, exact };
  }
}

/** The columns that vary inside one question's aggregate rows (outcome, survey and question are fixed). */
export const rowColumns = ["area_id", "wave", "status", "has_value", "value", "choice"] as const;

/** A question of an outcome (or an interview row: outcome and question ''). */
export interface OutcomeQuestion {
  outcome: string;
  surveyId: string;
  question: string;
}

/**
 * The questions with aggregate rows of one outcome, and the interview rows, in key order; or every
 * outcome's (the map), with `null`.
 */
export async function outcomeQuestions(
  db: Kysely<Database>,
  outcome: string | null,
): Promise<OutcomeQuestion[]> {
  const rows = await readAggregate<{ outcome: string; survey_id: string; question: string }>(db, valueCells, {
    where: outcome === null ? {} : { outcome: [INTERVIEW_ROW, outcome] },
    columns: valueCells.questionKey,
    rows: "distinct",
    withEmpty: true,
    orderBy: valueCells.questionKey,
  });
  return rows.map((r) => ({ outcome: r.outcome, surveyId: r.survey_id, question: r.question }));
}

/** A question's key columns (and the caller's area), for a read of one question's rows. */
function questionWhere(question: OutcomeQuestion, scope: ValueScope): Record<string, string> {
  return {
    outcome: question.outcome,
    survey_id: question.surveyId,
    question: question.question,
    ...(scope.areaId === null ? {} : { area_id: scope.areaId }),
  };
}

/** The caller's area, if any, as a read's condition. */
function scopeWhere(scope: ValueScope): Record<string, string> {
  return scope.areaId === null ? {} : { area_id: scope.areaId };
}

/**
 * A read's rows into the given buckets, one question at a time, in key order. Each query returns only
 * the columns that vary within the question, and the buckets take the fixed ones from the question
 * itself (rows are not extended, which would change their shape one by one): turning every row's outcome, survey and question text into JavaScript strings was most of
 * the cost of a page (and of its memory). Read at once rather than streamed: Kysely streams SQLite
 * one row per promise, which made a page two to three times slower.
 */
export async function feedByQuestion(
  questions: readonly OutcomeQuestion[],
  read: (q: OutcomeQuestion) => Promise<QuestionCell[]>,
  into: readonly CellBuckets[],
): Promise<void> {
  for (const q of questions) {
    for (const row of await read(q)) {
      for (const b of into) b.add(q, row);
    }
  }
}

/** Which exact values of count questions a read keeps for medians (see `aggregateCells`). */
export type ExactValues = "none" | "population" | "by_area_wave";

/**
 * The trigger-kept aggregate of one outcome (or every outcome), with the interview rows, in key order,
 * one question at a time (each a seek into the key, in key order: measured faster on SQLite than one
 * statement for the outcome, whose grouping sorts every row by its text columns). A count question's
 * bars are read as the triggers keep them by bin (`binCells`: about a third of its `valueCells` rows,
 * which hold one per distinct value per area-wave), and its exact values for medians are read from
 * `valueCells` grouped by value: over the population
 * (`population`), per area-wave (`by_area_wave`, which a filtered page composes area-wave by
 * area-wave), or not at all (`none`). Every other question's rows are its bars as they stand.
 */
export async function aggregateCells(
  db: Kysely<Database>,
  scope: ValueScope,
  into: CellBuckets,
  counts: readonly { surveyId: string; question: string }[],
  exact: ExactValues,
): Promise<void> {
  const countKeys = new Set(counts.map((c) => `${c.surveyId}/${c.question}`));
  const { area, wave } = into.population;
  // The population, when it is narrower than the scope (exact values only).
  const population = [
    ...(area === null ? [] : [sql<boolean>`area_id = ${area}`]),
    ...(wave === null ? [] : [sql<boolean>`wave = ${wave}`]),
  ];
  for (const question of await outcomeQuestions(db, scope.outcome)) {
    const where = questionWhere(question, scope);
    if (!countKeys.has(`${question.surveyId}/${question.question}`)) {
      // As arrays (rowKey, then n): the page's largest read, where an object per row was most of the cost.
      const rows = await readAggregateArrays(db, valueCells, {
        where,
        columns: valueCells.rowKey,
        rows: "stored",
        orderBy: valueCells.rowKey,
      });
      for (const row of rows) into.addRow(question, row);
      continue;
    }
    // Kept by bin by the triggers (migration 2026-12-07-08): the bars as they stand, in key order.
    const bars = await readAggregateArrays(db, binCells, {
      where,
      columns: binCells.rowKey,
      rows: "stored",
      orderBy: binCells.rowKey,
    });
    for (const r of bars) into.pushBin(question, r);
    if (exact === "none") continue;
    // As arrays (the grouping columns, then n): a filtered page reads thousands of these rows.
    const perAreaWave = exact === "by_area_wave";
    const by = perAreaWave ? ["area_id", "wave", "value"] : ["value"];
    const values = await readAggregateArrays(db, valueCells, {
      where: { ...where, status: "answered", has_value: 1 },
      ...(population.length > 0 ? { also: sql<boolean>`${sql.join(population, sql` and `)}` } : {}),
      columns: by,
      rows: "grouped",
      orderBy: by,
    });
    const id = `${question.surveyId}/${question.question}`;
    for (const r of values)
      if (perAreaWave) into.pushExact(id, r[0] as string, Number(r[1]), Number(r[2]), Number(r[3]));
      else into.pushExact(id, "", 0, Number(r[0]), Number(r[1]));
  }
}

/**
 * The filter as a condition on slice columns: a value is inside when its interview is (one `month`
 * column); a pair when both of its interviews are (`from_month` and `to_month`).
 */
export function sliceCondition(slice: Slice, months = sliceCells.months ?? { from: "month", to: "month" }) {
  const { version, mode, from, to, language } = slice;
  const inside = [
    ...(version ? [sql`survey_id = ${version.surveyId}`, sql`survey_version = ${version.version}`] : []),
    ...(mode ? [sql`administration_mode = ${mode}`] : []),
    ...(from ? [sql`${sql.ref(months.from)} >= ${from}`] : []),
    ...(to ? [sql`${sql.ref(months.to)} <= ${to}`] : []),
    ...(language ? [sql`language = ${language}`] : []),
  ];
  return inside.length > 0 ? sql<boolean>`${sql.join(inside, sql` and `)}` : sql<boolean>`1 = 1`;
}

/**
 * The answers inside a slice of the given questions, from the slice cells, grouped as the aggregate's
 * rows are and in key order, `n` counting only the answers inside the filters; only in `areas` when given
 * (a question's cells of a few areas are a range of the key each). Only groups with some answer inside
 * are returned (the condition is in the WHERE clause).
 */
export async function insideCells(
  db: Kysely<Database>,
  scope: ValueScope,
  slice: Slice,
  questions: readonly OutcomeQuestion[],
  areas: (question: OutcomeQuestion) => readonly string[] | null,
  into: CellBuckets,
): Promise<void> {
  const condition = sliceCondition(slice);
  // As arrays (rowKey, then n), one question at a time: see `aggregateCells` and `feedByQuestion`.
  for (const question of questions) {
    const rows = await readAggregateArrays(db, sliceCells, {
      where: questionWhere(question, scope),
      areas: areas(question),
      also: condition,
      columns: valueCells.rowKey,
      rows: "grouped",
      orderBy: valueCells.rowKey,
    });
    for (const row of rows) into.addRow(question, row);
  }
}

/** A question's area-wave: `surveyId`, `question`, `areaId`, `wave`. */
export interface QuestionAreaWave {
  surveyId: string;
  question: string;
  areaId: string;
  wave: number;
}

/**
 * Which of the given question area-waves hold some answer inside the slice: one statement, each
 * candidate a seek into the slice cells' key that stops at the first answer inside.
 */
export async function holdAnswersInside(
  db: Kysely<Database>,
  outcome: string,
  slice: Slice,
  candidates: readonly QuestionAreaWave[],
): Promise<QuestionAreaWave[]> {
  const out: QuestionAreaWave[] = [];
  const condition = sliceCondition(slice);
  for (let i = 0; i < candidates.length; i += 200) {
    const part = candidates.slice(i, i + 200);
    // A VALUES table's columns are column1, column2, … on SQLite and PostgreSQL alike.
    const list = sql.join(
      part.map((c) => sql`(${c.surveyId}, ${c.question}, ${c.areaId}, cast(${c.wave} as integer))`),
    );
    const rows = await sql<{ survey_id: string; question: string; area_id: string; wave: number | string }>`
      select t.column1 as survey_id, t.column2 as question, t.column3 as area_id, t.column4 as wave
      from (values ${list}) as t
      where exists (
        select 1 from indicator_slice_cells
        where outcome = ${outcome} and survey_id = t.column1 and question = t.column2
          and area_id = t.column3 and wave = t.column4 and n > 0 and ${condition}
      )
    `.execute(db);
    for (const r of rows.rows)
      out.push({ surveyId: r.survey_id, question: r.question, areaId: r.area_id, wave: Number(r.wave) });
  }
  return out;
}

export interface PartRow {
  surveyId: string;
  question: string;
  areaId: string;
  wave: number;
  n: number;
}

/** Pairs of one question in one area by direction of change: how many went down (-1), stayed (0), went up (1). */
export interface PairWayRow {
  surveyId: string;
  question: string;
  areaId: string;
  way: -1 | 0 | 1;
  n: number;
}

/** The chosen population's pairs of one question by change (after - before), with each wave's sums. */
export interface PairChangeRow {
  surveyId: string;
  question: string;
  difference: number;
  n: number;
  sumBefore: number;
  sumAfter: number;
  sumsqBefore: number;
  sumsqAfter: number;
}

/** Interview pairs from the baseline (wave 0) to each later wave, by survey and area: attrition. */
export interface RetainedRow {
  surveyId: string;
  areaId: string;
  toWave: number;
  n: number;
}

/**
 * Counted pairs between two waves of one outcome's questions, per area and direction of change: what
 * the protection of change figures needs, a few rows per question and area. Grouped by the key's own
 * leading columns (survey, question, area) with one sum per direction, so SQLite groups as it walks
 * the key instead of sorting every pair row through a temporary B-tree by a computed direction
 * (decision 0074); each direction with pairs is then a row, down, same, up, as before.
 */
export async function pairWays(
  db: Kysely<Database>,
  scope: ValueScope & { outcome: string },
  waves: { from: number; to: number },
): Promise<PairWayRow[]> {
  const rows = await readAggregate<{
    survey_id: string;
    question: string;
    area_id: string;
    down: number | string;
    same: number | string;
    up: number | string;
  }>(db, pairCells, {
    where: { outcome: scope.outcome, from_wave: waves.from, to_wave: waves.to, ...scopeWhere(scope) },
    columns: ["survey_id", "question", "area_id"],
    rows: "grouped",
    sums: {
      down: sql`sum(case when difference < 0 then n else 0 end)`,
      same: sql`sum(case when difference = 0 then n else 0 end)`,
      up: sql`sum(case when difference > 0 then n else 0 end)`,
    },
    orderBy: ["survey_id", "question", "area_id"],
  });
  const out: PairWayRow[] = [];
  // Only rows with n > 0 are read, so a direction with any pair sums to more than 0.
  const push = (r: (typeof rows)[number], way: -1 | 0 | 1, n: number) => {
    if (n > 0) out.push({ surveyId: r.survey_id, question: r.question, areaId: r.area_id, way, n });
  };
  for (const r of rows) {
    push(r, -1, Number(r.down));
    push(r, 0, Number(r.same));
    push(r, 1, Number(r.up));
  }
  return out;
}

/** Counted pairs between two waves in one population (an area, or every area in scope), by change. */
export async function pairChanges(
  db: Kysely<Database>,
  scope: ValueScope & { outcome: string },
  waves: { from: number; to: number },
  area: string | null,
): Promise<PairChangeRow[]> {
  const rows = await readAggregate<PairSums & { survey_id: string; question: string }>(db, pairCells, {
    where: { outcome: scope.outcome, from_wave: waves.from, to_wave: waves.to, ...scopeWhere(scope) },
    ...(area === null ? {} : { also: sql<boolean>`area_id = ${area}` }),
    columns: ["survey_id", "question", "difference"],
    rows: "grouped",
  });
  return rows.map((r) => ({ surveyId: r.survey_id, question: r.question, ...pairSumsOf(r) }));
}

/** A pair table's row as read: its change and sums (numbers as strings on PostgreSQL). */
interface PairSums {
  difference: number | string;
  n: number | string;
  sum_before: number | string;
  sum_after: number | string;
  sumsq_before: number | string;
  sumsq_after: number | string;
}

function pairSumsOf(r: PairSums) {
  return {
    difference: Number(r.difference),
    n: Number(r.n),
    sumBefore: Number(r.sum_before),
    sumAfter: Number(r.sum_after),
    sumsqBefore: Number(r.sumsq_before),
    sumsqAfter: Number(r.sumsq_after),
  };
}

/** A slice's pairs of one question in one area, by change: both interviews inside the filters. */
export interface SlicedPairRow extends PairChangeRow {
  areaId: string;
}

/**
 * Counted pairs between two waves inside a slice, per area and change, with each wave's sums (a few
 * thousand rows): the sliced change's figures. Only pairs inside the filters are read (the condition
 * is in the WHERE clause, so a group is returned only when some pair of it is inside); the protection
 * of the unfiltered change table reads `pairWays`, as the unfiltered page does.
 */
export async function slicedPairs(
  db: Kysely<Database>,
  scope: ValueScope & { outcome: string },
  waves: { from: number; to: number },
  slice: Slice,
  /** Per question, the areas to read, or null for all. */
  areas: (question: OutcomeQuestion) => readonly string[] | null = () => null,
): Promise<SlicedPairRow[]> {
  const inside = sliceCondition(slice, pairSliceCells.months);
  const out: SlicedPairRow[] = [];
  // Question by question, so no row carries its survey and question as text (see `feedByQuestion`).
  for (const oq of await outcomeQuestions(db, scope.outcome)) {
    if (oq.question === INTERVIEW_ROW) continue;
    const rows = await readAggregate<PairSums & { area_id: string }>(db, pairSliceCells, {
      where: { ...questionWhere(oq, scope), from_wave: waves.from, to_wave: waves.to },
      areas: areas(oq),
      also: inside,
      columns: ["area_id", "difference"],
      rows: "grouped",
      orderBy: ["area_id", "difference"],
    });
    for (const r of rows)
      out.push({ surveyId: oq.surveyId, question: oq.question, areaId: r.area_id, ...pairSumsOf(r) });
  }
  return out;
}

/**
 * Counted pairs between two waves per question, area and change, from the unfiltered aggregate (its
 * key, so nothing is grouped), in key order, only in the given areas per question: a slice's change in
 * the areas whose pairs all fall inside the filters. Question by question, as `slicedPairs`.
 */
export async function pairsByArea(
  db: Kysely<Database>,
  scope: ValueScope & { outcome: string },
  waves: { from: number; to: number },
  areas: (question: OutcomeQuestion) => readonly string[],
): Promise<SlicedPairRow[]> {
  const out: SlicedPairRow[] = [];
  for (const oq of await outcomeQuestions(db, scope.outcome)) {
    if (oq.question === INTERVIEW_ROW) continue;
    const rows = await readAggregate<PairSums & { area_id: string }>(db, pairCells, {
      where: { ...questionWhere(oq, scope), from_wave: waves.from, to_wave: waves.to },
      areas: areas(oq),
      columns: pairCells.rowKey,
      rows: "stored",
      orderBy: pairCells.rowKey,
    });
    for (const r of rows)
      out.push({ surveyId: oq.surveyId, question: oq.question, areaId: r.area_id, ...pairSumsOf(r) });
  }
  return out;
}

/** Counted interviews or interview pairs of a survey in an area (and wave): all of them, and inside a slice. */
export interface Coverage {
  surveyId: string;
  areaId: string;
  /** The wave, or for pairs their first wave. */
  wave: number;
  n: number;
  inside: number;
}

/**
 * How many counted interview pairs between two waves fall inside a slice, per survey and area, against
 * all of them: where all do, every question's pairs there do too (a question's pair is one of its
 * interviews' pair, with the same slice columns), and where none do, none.
 */
export async function pairCoverage(
  db: Kysely<Database>,
  scope: ValueScope,
  waves: { from: number; to: number },
  slice: Slice,
): Promise<Coverage[]> {
  const rows = await readAggregate<{
    survey_id: string;
    area_id: string;
    n: number | string;
    inside: number | string;
  }>(db, pairSliceCells, {
    where: {
      outcome: INTERVIEW_ROW,
      question: INTERVIEW_ROW,
      from_wave: waves.from,
      to_wave: waves.to,
      ...scopeWhere(scope),
    },
    columns: ["survey_id", "area_id"],
    rows: "grouped",
    sums: {
      n: sql`sum(n)`,
      inside: sql`sum(case when ${sliceCondition(slice, pairSliceCells.months)} then n else 0 end)`,
    },
  });
  return rows.map((r) => ({
    surveyId: r.survey_id,
    areaId: r.area_id,
    wave: waves.from,
    n: Number(r.n),
    inside: Number(r.inside),
  }));
}

/** Attrition inside a slice: baseline interviews followed at a later wave, both inside the filters. */
export function slicedRetained(
  db: Kysely<Database>,
  scope: ValueScope,
  slice: Slice,
): Promise<RetainedRow[]> {
  return retained(db, pairSliceCells, scope, sliceCondition(slice, pairSliceCells.months));
}

/** How many baseline interviews were followed by one of the same participant at each later wave. */
export function retainedFromBaseline(db: Kysely<Database>, scope: ValueScope): Promise<RetainedRow[]> {
  return retained(db, pairCells, scope);
}

async function retained(
  db: Kysely<Database>,
  table: AggregateTable,
  scope: ValueScope,
  inside?: Expression<boolean>,
): Promise<RetainedRow[]> {
  const rows = await readAggregate<{
    survey_id: string;
    area_id: string;
    to_wave: number | string;
    n: number | string;
  }>(db, table, {
    where: { outcome: INTERVIEW_ROW, from_wave: 0, ...scopeWhere(scope) },
    ...(inside ? { also: inside } : {}),
    columns: ["survey_id", "area_id", "to_wave"],
    rows: "grouped",
    sums: { n: sql`sum(n)` },
  });
  return rows.map((r) => ({
    surveyId: r.survey_id,
    areaId: r.area_id,
    toWave: Number(r.to_wave),
    n: Number(r.n),
  }));
}

/** The languages the counted interviews of these surveys were asked in, in the caller's scope, sorted. */
export async function interviewLanguages(
  db: Kysely<Database>,
  scope: ValueScope,
  surveyIds: readonly string[],
): Promise<string[]> {
  if (surveyIds.length === 0) return [];
  const rows = await readAggregate<{ language: string }>(db, sliceCells, {
    where: { outcome: INTERVIEW_ROW, question: INTERVIEW_ROW, survey_id: surveyIds, ...scopeWhere(scope) },
    columns: ["language"],
    rows: "distinct",
    orderBy: ["language"],
  });
  return rows.map((r) => r.language);
}

/**
 * Interviews in scope that do not count, by review state: interview counts (like the response
 * counts table, not suppressed), so the page can say what was left out.
 */
export async function notCountedInterviews(
  db: Kysely<Database>,
  filter: { surveyIds: string[]; areaId: string | null; wave: number | null },
): Promise<{ needsReview: number; rejected: number }> {
  if (filter.surveyIds.length === 0) return { needsReview: 0, rejected: 0 };
  let q = db
    .selectFrom("responses")
    .select(["review_status", sql<number>`count(*)`.as("n")])
    // The statuses that do not count, spelled (as literals, not parameters) as the partial index
    // responses_not_counted_idx is, so the planner can see the index covers them.
    .where("review_status", "in", [sql.lit("needs_review"), sql.lit("rejected")])
    .where("survey_id", "in", filter.surveyIds)
    .groupBy("review_status");
  if (filter.areaId !== null) q = q.where("area_id", "=", filter.areaId);
  if (filter.wave !== null) q = q.where("wave", "=", filter.wave);
  const rows = await q.execute();
  const count = (status: string) => Number(rows.find((r) => r.review_status === status)?.n ?? 0);
  return { needsReview: count("needs_review"), rejected: count("rejected") };
}
