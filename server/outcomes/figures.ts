import type {
  CellSummary,
  DistributionBar,
  IndicatorKind,
  Interval,
  Summary,
  SummaryValues,
} from "../../shared/contract/outcomes.ts";
import { describeFrequencies, type Frequency } from "../../shared/stats/describe-frequencies.ts";
import type { MeanInterval } from "../../shared/stats/mean-interval.ts";
import { wilsonInterval } from "../../shared/stats/wilson-interval.ts";
import type { IndicatorDef } from "./indicator-catalogue.ts";
import type { CellRow } from "./indicator-values.repository.ts";

/**
 * The figures of one indicator over one population (a set of cell rows), built from frequency tables
 * with the functions in shared/stats. Whether a figure may be published is decided before, in
 * protection.ts; these functions only compute.
 */

export function frequencies(rows: readonly CellRow[]): Frequency[] {
  const byValue = new Map<number, number>();
  for (const row of rows) {
    if (row.status !== "answered" || row.value === null) continue;
    byValue.set(row.value, (byValue.get(row.value) ?? 0) + row.n);
  }
  return [...byValue].map(([value, count]) => ({ value, count }));
}

function interval(ci: MeanInterval): Interval {
  return ci.ok ? { ok: true, lower: ci.lower, upper: ci.upper } : { ok: false, reason: ci.reason };
}

/** n, and (when `withValues`) mean, median, SD and the t interval; for yes/no the share answering yes. */
export function summaryOf(
  rows: readonly CellRow[],
  kind: IndicatorKind,
  withValues: boolean,
): Summary | null {
  const freq = frequencies(rows);
  const d = describeFrequencies(freq);
  if (!d.ok) return null;
  if (!withValues) return { n: d.n, values: null };
  const values: SummaryValues = { mean: d.mean, median: d.median, sd: d.sd, ci: interval(d.ci) };
  if (kind === "yes_no") {
    const w = wilsonInterval(yesCount(freq), d.n);
    if (w.ok) values.proportion = { value: w.proportion, lower: w.lower, upper: w.upper };
  }
  return { n: d.n, values };
}

/** A breakdown cell: n, and the mean with the t interval, or for yes/no the share answering yes (Wilson). */
export function cellSummaryOf(
  rows: readonly CellRow[],
  kind: IndicatorKind,
  withValues: boolean,
): CellSummary | null {
  const freq = frequencies(rows);
  const d = describeFrequencies(freq);
  if (!d.ok) return null;
  if (!withValues) return { n: d.n, values: null };
  if (kind === "yes_no") {
    const w = wilsonInterval(yesCount(freq), d.n);
    if (w.ok)
      return { n: d.n, values: { mean: w.proportion, ci: { ok: true, lower: w.lower, upper: w.upper } } };
  }
  return { n: d.n, values: { mean: d.mean, ci: interval(d.ci) } };
}

function yesCount(freq: readonly Frequency[]): number {
  return freq.filter((f) => f.value === 1).reduce((s, f) => s + f.count, 0);
}

/** Counts of a number answer, in bins wide enough that a bar is rarely one person. */
const NUMBER_BINS: Array<[number, number]> = [
  [0, 0],
  [1, 2],
  [3, 5],
  [6, 10],
  [11, 20],
  [21, 50],
  [51, Number.POSITIVE_INFINITY],
];

export interface Categories {
  list: { key: string; label: string }[];
  /** The category of an answered row; "other" for an answer outside today's categories. */
  keyOf(row: CellRow): string;
}

/** The bars an indicator's distribution is drawn with: scale points, choices, yes and no, or count bins. */
export function categories(def: IndicatorDef): Categories {
  const { field, kind } = def;
  if (kind === "number") {
    const list = NUMBER_BINS.map(([lo, hi]) => ({
      key: `${lo}-${hi}`,
      label: lo === hi ? String(lo) : hi === Number.POSITIVE_INFINITY ? `${lo} or more` : `${lo}–${hi}`,
    }));
    return {
      list,
      keyOf: (row) => {
        const i = NUMBER_BINS.findIndex(
          ([lo, hi]) => row.value !== null && row.value >= lo && row.value <= hi,
        );
        return list[i]?.key ?? "other";
      },
    };
  }
  if (field.type === "boolean") {
    return {
      list: [
        { key: "1", label: "Yes" },
        { key: "0", label: "No" },
      ],
      keyOf: (row) => (row.value === 1 ? "1" : row.value === 0 ? "0" : "other"),
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
  const list = points.map((v) => ({ key: String(v), label: String(v) }));
  return {
    list,
    keyOf: (row) => (row.value !== null && points.includes(row.value) ? String(row.value) : "other"),
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
export function distributionOf(def: IndicatorDef, rows: readonly CellRow[]): DistributionBar[] {
  const cats = categories(def);
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.status !== "answered" || row.value === null) continue;
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

export function notAnsweredCounts(rows: readonly CellRow[]): { skipped: number; declined: number } {
  let skipped = 0;
  let declined = 0;
  for (const row of rows) {
    if (row.status === "skipped") skipped += row.n;
    else if (row.status === "declined") declined += row.n;
  }
  return { skipped, declined };
}
