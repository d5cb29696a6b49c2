import { type Kysely, sql } from "kysely";
import { countedReviewStatuses } from "../../shared/contract/outcomes.ts";
import type { Database } from "../db/schema.ts";
import { INTERVIEW_ROW } from "./indicator-values.ts";

export { replaceIndicatorValues } from "./indicator-store.ts";

/**
 * Reads for the outcome dashboards. Unfiltered figures come from the trigger-maintained aggregates
 * (`indicator_cells`, `indicator_pair_cells`): a few thousand rows however many answers there are.
 * Figures filtered by survey version, mode or months cut inside those aggregates, so they are grouped
 * from `indicator_values` itself. All SQL is the query builder or expressions both SQLite and
 * PostgreSQL accept; counts come back as strings on PostgreSQL, hence `Number()`.
 */

/** Version, mode and months: filters that cut inside an area-wave. */
export interface Slice {
  version?: { surveyId: string; version: number } | undefined;
  mode?: string | undefined;
  /** YYYY-MM, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
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
    slice.to !== undefined
  );
}

/** The month after a YYYY-MM month: the first timestamp prefix a range "up to and including" excludes. */
export function monthAfter(month: string): string {
  const [year, m] = month.split("-").map(Number);
  if (year === undefined || m === undefined || !Number.isInteger(year) || !Number.isInteger(m)) {
    throw new RangeError(`not a month: ${month}`);
  }
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

export interface CellRow {
  outcome: string;
  surveyId: string;
  question: string;
  areaId: string;
  wave: number;
  status: string;
  value: number | null;
  choice: string | null;
  n: number;
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

/** Rows of the given `surveyId/question` keys: per survey, `question in (…)`, cheaper than joining strings. */
function countCondition(countQuestions: readonly string[]) {
  const bySurvey = new Map<string, string[]>();
  for (const key of countQuestions) {
    const slash = key.indexOf("/");
    const survey = key.slice(0, slash);
    bySurvey.set(survey, [...(bySurvey.get(survey) ?? []), key.slice(slash + 1)]);
  }
  if (bySurvey.size === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.join(
    [...bySurvey].map(
      ([survey, questions]) => sql`(survey_id = ${survey} and question in (${sql.join(questions)}))`,
    ),
    sql` or `,
  )})`;
}

/** The bin of a count, as the SQL below computes it. */
export function binIndex(value: number): number {
  return NUMBER_BINS.findIndex(([lo, hi]) => value >= lo && value <= hi);
}

/**
 * The aggregate, grouped once more by distribution bar: a count question's answers arrive as at most
 * seven bins rather than one row per distinct number, which keeps an outcome page to a few thousand
 * rows. `countQuestions` are the `surveyId/question` keys of count questions.
 */
export async function aggregateBuckets(
  db: Kysely<Database>,
  scope: ValueScope,
  countQuestions: readonly string[],
): Promise<BucketRow[]> {
  const isCount = countCondition(countQuestions);
  const bins = sql.join(
    NUMBER_BINS.map(([lo, hi], i) =>
      hi === Number.POSITIVE_INFINITY
        ? sql`when value >= ${sql.lit(lo)} then ${sql.lit(i)}`
        : sql`when value >= ${sql.lit(lo)} and value <= ${sql.lit(hi)} then ${sql.lit(i)}`,
    ),
    sql` `,
  );
  let q = db
    .selectFrom("indicator_cells")
    .select([
      "outcome",
      "survey_id",
      "question",
      "area_id",
      "wave",
      "status",
      "choice",
      sql<number>`case when has_value = 0 then 0 when ${isCount} then (case ${bins} else -1 end) else value end`.as(
        "bucket_key",
      ),
      sql<number>`sum(n)`.as("n"),
      sql<number>`sum(n * value)`.as("value_sum"),
      sql<number>`sum(n * value * value)`.as("value_sumsq"),
    ])
    .where("n", ">", 0)
    .groupBy(["outcome", "survey_id", "question", "area_id", "wave", "status", "choice", sql`bucket_key`]);
  if (scope.outcome !== null) q = q.where("outcome", "in", [scope.outcome, INTERVIEW_ROW]);
  if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
  const rows = await q.execute();
  return rows.map((r) => ({
    outcome: r.outcome,
    surveyId: r.survey_id,
    question: r.question,
    areaId: r.area_id,
    wave: Number(r.wave),
    status: r.status,
    choice: r.choice === "" ? null : r.choice,
    key: Number(r.bucket_key),
    n: Number(r.n),
    sum: Number(r.value_sum),
    sumsq: Number(r.value_sumsq),
  }));
}

/** Exact answers of the given count questions in one population, for their medians. */
export async function countValues(
  db: Kysely<Database>,
  scope: ValueScope,
  countQuestions: readonly string[],
  population: { area: string | null; wave: number | null },
): Promise<Array<{ surveyId: string; question: string; value: number; n: number }>> {
  if (countQuestions.length === 0 || scope.outcome === null) return [];
  let q = db
    .selectFrom("indicator_cells")
    .select(["survey_id", "question", "value", sql<number>`sum(n)`.as("n")])
    .where("outcome", "=", scope.outcome)
    .where("status", "=", "answered")
    .where("has_value", "=", 1)
    .where("n", ">", 0)
    .where(countCondition(countQuestions))
    .groupBy(["survey_id", "question", "value"]);
  if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
  if (population.area !== null) q = q.where("area_id", "=", population.area);
  if (population.wave !== null) q = q.where("wave", "=", population.wave);
  const rows = await q.execute();
  return rows.map((r) => ({
    surveyId: r.survey_id,
    question: r.question,
    value: Number(r.value),
    n: Number(r.n),
  }));
}

/** Counted answers by value, grouped from the rows inside a slice (bucketed by the caller). */
export async function slicedCells(db: Kysely<Database>, scope: ValueScope, slice: Slice): Promise<CellRow[]> {
  const columns = [
    "outcome",
    "survey_id",
    "question",
    "area_id",
    "wave",
    "status",
    "value",
    "choice",
  ] as const;
  let q = db
    .selectFrom("indicator_values")
    .select([...columns, sql<number>`count(*)`.as("n")])
    .where("counted", "=", 1)
    .groupBy([...columns]);
  if (scope.outcome !== null) q = q.where("outcome", "in", [scope.outcome, INTERVIEW_ROW]);
  if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
  const { version, mode, from, to } = slice;
  if (version) q = q.where("survey_id", "=", version.surveyId).where("survey_version", "=", version.version);
  if (mode) q = q.where("administration_mode", "=", mode);
  if (from) q = q.where("completed_at", ">=", from);
  if (to) q = q.where("completed_at", "<", monthAfter(to));
  const rows = await q.execute();
  return rows.map((r) => ({
    outcome: r.outcome,
    surveyId: r.survey_id,
    question: r.question,
    areaId: r.area_id,
    wave: Number(r.wave),
    status: r.status,
    value: r.value === null ? null : Number(r.value),
    choice: r.choice,
    n: Number(r.n),
  }));
}

export interface PartRow {
  surveyId: string;
  question: string;
  areaId: string;
  wave: number;
  n: number;
}

/**
 * Answers per question × area × wave × part, where a part is one combination of the dimensions the
 * active filters cut along (survey version, mode, month). Read over the whole scope, not the slice:
 * an area-wave may appear in a sliced view only if every one of its parts is empty or holds k answers.
 */
export async function partCounts(db: Kysely<Database>, scope: ValueScope, slice: Slice): Promise<PartRow[]> {
  let q = db
    .selectFrom("indicator_values")
    .select(["survey_id", "question", "area_id", "wave", sql<number>`count(*)`.as("n")])
    .where("counted", "=", 1)
    .where("status", "=", "answered")
    .groupBy(["survey_id", "question", "area_id", "wave"]);
  if (scope.outcome !== null) q = q.where("outcome", "=", scope.outcome);
  if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
  if (slice.version) q = q.groupBy(["survey_id", "survey_version"]);
  if (slice.mode) q = q.groupBy("administration_mode");
  if (slice.from || slice.to) q = q.groupBy(sql`substr(completed_at, 1, 7)`);
  const rows = await q.execute();
  return rows.map((r) => ({
    surveyId: r.survey_id,
    question: r.question,
    areaId: r.area_id,
    wave: Number(r.wave),
    n: Number(r.n),
  }));
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
 * the protection of change figures needs, a few rows per question and area.
 */
export async function pairWays(
  db: Kysely<Database>,
  scope: ValueScope & { outcome: string },
  waves: { from: number; to: number },
): Promise<PairWayRow[]> {
  let q = db
    .selectFrom("indicator_pair_cells")
    .select([
      "survey_id",
      "question",
      "area_id",
      sql<number>`case when difference < 0 then -1 when difference > 0 then 1 else 0 end`.as("way"),
      sql<number>`sum(n)`.as("n"),
    ])
    .where("outcome", "=", scope.outcome)
    .where("from_wave", "=", waves.from)
    .where("to_wave", "=", waves.to)
    .where("n", ">", 0)
    .groupBy(["survey_id", "question", "area_id", sql`way`]);
  if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
  const rows = await q.execute();
  return rows.map((r) => ({
    surveyId: r.survey_id,
    question: r.question,
    areaId: r.area_id,
    way: Math.sign(Number(r.way)) as -1 | 0 | 1,
    n: Number(r.n),
  }));
}

/** Counted pairs between two waves in one population (an area, or every area in scope), by change. */
export async function pairChanges(
  db: Kysely<Database>,
  scope: ValueScope & { outcome: string },
  waves: { from: number; to: number },
  area: string | null,
): Promise<PairChangeRow[]> {
  let q = db
    .selectFrom("indicator_pair_cells")
    .select([
      "survey_id",
      "question",
      "difference",
      sql<number>`sum(n)`.as("n"),
      sql<number>`sum(sum_before)`.as("sum_before"),
      sql<number>`sum(sum_after)`.as("sum_after"),
      sql<number>`sum(sumsq_before)`.as("sumsq_before"),
      sql<number>`sum(sumsq_after)`.as("sumsq_after"),
    ])
    .where("outcome", "=", scope.outcome)
    .where("from_wave", "=", waves.from)
    .where("to_wave", "=", waves.to)
    .where("n", ">", 0)
    .groupBy(["survey_id", "question", "difference"]);
  if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
  if (area !== null) q = q.where("area_id", "=", area);
  const rows = await q.execute();
  return rows.map((r) => ({
    surveyId: r.survey_id,
    question: r.question,
    difference: Number(r.difference),
    n: Number(r.n),
    sumBefore: Number(r.sum_before),
    sumAfter: Number(r.sum_after),
    sumsqBefore: Number(r.sumsq_before),
    sumsqAfter: Number(r.sumsq_after),
  }));
}

/** How many baseline interviews were followed by one of the same participant at each later wave. */
export async function retainedFromBaseline(db: Kysely<Database>, scope: ValueScope): Promise<RetainedRow[]> {
  let q = db
    .selectFrom("indicator_pair_cells")
    .select(["survey_id", "area_id", "to_wave", sql<number>`sum(n)`.as("n")])
    .where("outcome", "=", INTERVIEW_ROW)
    .where("from_wave", "=", 0)
    .where("n", ">", 0)
    .groupBy(["survey_id", "area_id", "to_wave"]);
  if (scope.areaId !== null) q = q.where("area_id", "=", scope.areaId);
  const rows = await q.execute();
  return rows.map((r) => ({
    surveyId: r.survey_id,
    areaId: r.area_id,
    toWave: Number(r.to_wave),
    n: Number(r.n),
  }));
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
    .where("review_status", "not in", [...countedReviewStatuses])
    .where("survey_id", "in", filter.surveyIds)
    .groupBy("review_status");
  if (filter.areaId !== null) q = q.where("area_id", "=", filter.areaId);
  if (filter.wave !== null) q = q.where("wave", "=", filter.wave);
  const rows = await q.execute();
  const count = (status: string) => Number(rows.find((r) => r.review_status === status)?.n ?? 0);
  return { needsReview: count("needs_review"), rejected: count("rejected") };
}
