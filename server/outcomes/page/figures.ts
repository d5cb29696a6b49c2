import type {
  CellSummary,
  DistributionBar,
  IndicatorKind,
  Interval,
  Summary,
  SummaryValues,
} from "../../../shared/contract/outcomes.ts";
import { describeFrequencies, type Frequency } from "../../../shared/stats/describe-frequencies.ts";
import { type MeanInterval, meanInterval } from "../../../shared/stats/mean-interval.ts";
import { DEFAULT_LEVEL } from "../../../shared/stats/result.ts";
import { wilsonInterval } from "../../../shared/stats/wilson-interval.ts";
import { type BucketRow, NUMBER_BINS } from "../aggregates/indicator-values.repository.ts";
import type { IndicatorDef } from "../indicator-catalogue.ts";

/**
 * The figures of one indicator over one population (a set of bucket rows), with the functions in
 * shared/stats. Whether a figure may be published is decided before, in protection.ts; these only
 * compute.
 */

function interval(ci: MeanInterval): Interval {
  return ci.ok ? { ok: true, lower: ci.lower, upper: ci.upper } : { ok: false, reason: ci.reason };
}

function answered(rows: readonly BucketRow[]): BucketRow[] {
  return rows.filter((r) => r.status === "answered");
}

/**
 * The answers as a frequency table. Every bucket of a scale, choice or yes/no question holds one
 * value, so its value is its mean; a count question's bins do not, and its exact values come from
 * `countFrequencies` instead.
 */
function bucketFrequencies(rows: readonly BucketRow[]): Frequency[] {
  const byValue = new Map<number, number>();
  for (const r of answered(rows)) {
    if (r.n === 0) continue;
    const value = r.sum / r.n;
    byValue.set(value, (byValue.get(value) ?? 0) + r.n);
  }
  return [...byValue].map(([value, count]) => ({ value, count }));
}

/**
 * n, and (when `withValues`) mean, median, SD and the t interval; for yes/no the share answering yes.
 * `exact` is the population's frequency table for a count question (whose buckets are bins).
 */
export function summaryOf(
  rows: readonly BucketRow[],
  kind: IndicatorKind,
  withValues: boolean,
  exact: Frequency[] | null,
): Summary | null {
  const freq = exact ?? bucketFrequencies(rows);
  const d = describeFrequencies(freq);
  if (!d.ok) return null;
  if (!withValues) return { n: d.n, values: null };
  const values: SummaryValues = { mean: d.mean, median: d.median, sd: d.sd, ci: interval(d.ci) };
  if (kind === "yes_no") {
    const yes = freq.filter((f) => f.value === 1).reduce((s, f) => s + f.count, 0);
    const w = wilsonInterval(yes, d.n);
    if (w.ok) values.proportion = { value: w.proportion, lower: w.lower, upper: w.upper };
  }
  return { n: d.n, values };
}

/** A breakdown cell from its sums: n, and the mean with the t interval, or for yes/no the share (Wilson). */
export function cellSummaryOf(
  rows: readonly BucketRow[],
  kind: IndicatorKind,
  withValues: boolean,
): CellSummary | null {
  let n = 0;
  let sum = 0;
  let sumsq = 0;
  for (const r of answered(rows)) {
    n += r.n;
    sum += r.sum;
    sumsq += r.sumsq;
  }
  if (n === 0) return null;
  if (!withValues) return { n, values: null };
  if (kind === "yes_no") {
    const w = wilsonInterval(Math.round(sum), n);
    if (w.ok) return { n, values: { mean: w.proportion, ci: { ok: true, lower: w.lower, upper: w.upper } } };
  }
  const mean = sum / n;
  if (n < 2) return { n, values: { mean, ci: { ok: false, reason: "not_enough_data" } } };
  const sd = Math.sqrt(Math.max(0, (sumsq - (sum * sum) / n) / (n - 1)));
  return { n, values: { mean, ci: interval(meanInterval(mean, sd, n, DEFAULT_LEVEL)) } };
}

export interface Categories {
  list: { key: string; label: string }[];
  /** The bar of an answered bucket row; "other" for an answer outside today's categories. */
  keyOf(row: BucketRow): string;
}

const binKey = (i: number) => {
  const bin = NUMBER_BINS[i];
  return bin ? `${bin[0]}-${bin[1]}` : "other";
};

/** The bars an indicator's distribution is drawn with: scale points, choices, yes and no, or count bins. */
export function categories(def: IndicatorDef): Categories {
  const { field, kind } = def;
  if (kind === "number") {
    return {
      list: NUMBER_BINS.map(([lo, hi], i) => ({
        key: binKey(i),
        label: lo === hi ? String(lo) : hi === Number.POSITIVE_INFINITY ? `${lo} or more` : `${lo}–${hi}`,
      })),
      keyOf: (row) => binKey(row.key),
    };
  }
  if (field.type === "boolean") {
    return {
      list: [
        { key: "1", label: "Yes" },
        { key: "0", label: "No" },
      ],
      keyOf: (row) => (row.key === 1 ? "1" : row.key === 0 ? "0" : "other"),
    };
  }
  if (field.choices?.length) {
    const list = field.choices
      .filter((c) => typeof c.score === "number" || (field.type === "rating" && typeof c.value === "number"))
      .map((c) => ({ key: String(c.value), label: c.text }));
    const keys = new Set(list.map((c) => c.key));
    return { list, keyOf: (row) => (row.choice !== null && keys.has(row.choice) ? row.choice : "other") };
  }
  const { min, max, step } = field.scale ?? { min: 1, max: 5, step: 1 };
  const points: number[] = [];
  for (let v = min; v <= max && points.length < 100; v += step > 0 ? step : 1) points.push(v);
  return {
    list: points.map((v) => ({ key: String(v), label: String(v) })),
    keyOf: (row) => (points.includes(row.key) ? String(row.key) : "other"),
  };
}

/**
 * Indicators whose mean and SD (with n) fix how many gave each answer: at most three distinct values.
 * Their means are published only where the distribution itself may be.
 */
export function meanRevealsCounts(def: IndicatorDef): boolean {
  if (def.kind === "yes_no") return true;
  if (def.kind === "number") return false;
  const values = def.field.choices?.length
    ? def.field.choices.flatMap((c) =>
        typeof c.score === "number"
          ? [c.score]
          : def.field.type === "rating" && typeof c.value === "number"
            ? [c.value]
            : [],
      )
    : categories(def).list.map((c) => Number(c.key));
  return new Set(values).size <= 3;
}

/** How many gave each answer, with the share and its Wilson interval; answers outside the categories last. */
export function distributionOf(def: IndicatorDef, rows: readonly BucketRow[]): DistributionBar[] {
  const cats = categories(def);
  const counts = new Map<string, number>();
  for (const row of answered(rows)) {
    const key = cats.keyOf(row);
    counts.set(key, (counts.get(key) ?? 0) + row.n);
  }
  const bars = cats.list.map((c) => ({ ...c, n: counts.get(c.key) ?? 0 }));
  const other = counts.get("other") ?? 0;
  if (other > 0) bars.push({ key: "other", label: "Other answers", n: other });
  const total = bars.reduce((s, b) => s + b.n, 0);
  return bars.map((bar) => {
    const w = wilsonInterval(bar.n, total);
    return w.ok
      ? { ...bar, proportion: w.proportion, lower: w.lower, upper: w.upper }
      : { ...bar, proportion: 0, lower: 0, upper: 0 };
  });
}

export function notAnsweredCounts(rows: readonly BucketRow[]): { skipped: number; declined: number } {
  let skipped = 0;
  let declined = 0;
  for (const row of rows) {
    if (row.status === "skipped") skipped += row.n;
    else if (row.status === "declined") declined += row.n;
  }
  return { skipped, declined };
}
