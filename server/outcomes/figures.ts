import type {
  CellSummary,
  Completeness,
  DistributionBar,
  Figure,
  IndicatorKind,
  Interval,
  Summary,
} from "../../shared/contract/outcomes.ts";
import { describeFrequencies, type Frequency } from "../../shared/stats/describe-frequencies.ts";
import type { MeanInterval } from "../../shared/stats/mean-interval.ts";
import { suppressBreakdown } from "../../shared/stats/suppress.ts";
import { wilsonInterval } from "../../shared/stats/wilson-interval.ts";
import type { IndicatorDef } from "./indicator-catalogue.ts";
import type { CellRow } from "./indicator-values.repository.ts";

/**
 * The figures of one indicator over one population (a set of cell rows), built from frequency tables
 * with the functions in shared/stats. Nothing here decides whether a figure may be published except the
 * breakdowns inside a figure (distribution bars, completeness), which are protected against the
 * figure's own total; the area × wave table is protected in protection.ts before any of this is called.
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

/** n, mean, median, SD and the t interval; for yes/no also the share answering yes with Wilson's interval. */
export function summaryOf(rows: readonly CellRow[], kind: IndicatorKind): Summary | null {
  const freq = frequencies(rows);
  const d = describeFrequencies(freq);
  if (!d.ok) return null;
  const summary: Summary = { n: d.n, mean: d.mean, median: d.median, sd: d.sd, ci: interval(d.ci) };
  if (kind === "yes_no") {
    const yes = freq.filter((f) => f.value === 1).reduce((s, f) => s + f.count, 0);
    const w = wilsonInterval(yes, d.n);
    if (w.ok) summary.proportion = { value: w.proportion, lower: w.lower, upper: w.upper };
  }
  return summary;
}

/** A breakdown cell: n and mean with the t interval, or for yes/no the share answering yes (Wilson). */
export function cellSummaryOf(rows: readonly CellRow[], kind: IndicatorKind): CellSummary | null {
  const freq = frequencies(rows);
  const d = describeFrequencies(freq);
  if (!d.ok) return null;
  if (kind === "yes_no") {
    const yes = freq.filter((f) => f.value === 1).reduce((s, f) => s + f.count, 0);
    const w = wilsonInterval(yes, d.n);
    if (w.ok) return { n: d.n, mean: w.proportion, ci: { ok: true, lower: w.lower, upper: w.upper } };
  }
  return { n: d.n, mean: d.mean, ci: interval(d.ci) };
}

interface Category {
  key: string;
  label: string;
  matches: (row: CellRow) => boolean;
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

function categories(def: IndicatorDef): Category[] {
  const { field, kind } = def;
  const byChoice = (): Category[] =>
    (field.choices ?? [])
      .filter((c) => typeof c.score === "number" || (field.type === "rating" && typeof c.value === "number"))
      .map((c) => ({ key: String(c.value), label: c.text, matches: (row) => row.choice === String(c.value) }));
  if (kind === "number") {
    return NUMBER_BINS.map(([lo, hi]) => ({
      key: `${lo}-${hi}`,
      label: lo === hi ? String(lo) : hi === Number.POSITIVE_INFINITY ? `${lo} or more` : `${lo}–${hi}`,
      matches: (row) => row.value !== null && row.value >= lo && row.value <= hi,
    }));
  }
  if (kind === "yes_no" && field.type === "boolean") {
    return [
      { key: "1", label: "Yes", matches: (row) => row.value === 1 },
      { key: "0", label: "No", matches: (row) => row.value === 0 },
    ];
  }
  if (field.choices?.length) return byChoice();
  const { min, max, step } = field.scale ?? { min: 1, max: 5, step: 1 };
  const points: number[] = [];
  for (let v = min; v <= max && points.length < 100; v += step > 0 ? step : 1) points.push(v);
  return points.map((v) => ({ key: String(v), label: String(v), matches: (row) => row.value === v }));
}

/**
 * How many gave each answer, as bars with the share and its Wilson interval. Bars about fewer than k
 * people are hidden, with enough others that the total cannot give them back. Answers outside today's
 * categories (a choice a later version removed) form an "other answers" bar.
 */
export function distributionOf(def: IndicatorDef, rows: readonly CellRow[], k: number): DistributionBar[] {
  const answered = rows.filter((row) => row.status === "answered" && row.value !== null);
  const cats = categories(def);
  const counted = cats.map((cat) => ({
    key: cat.key,
    label: cat.label,
    n: answered.filter(cat.matches).reduce((s, r) => s + r.n, 0),
  }));
  const other = answered.filter((row) => !cats.some((cat) => cat.matches(row))).reduce((s, r) => s + r.n, 0);
  if (other > 0) counted.push({ key: "other", label: "Other answers", n: other });
  const total = counted.reduce((s, c) => s + c.n, 0);
  const protectedBars = suppressBreakdown(counted, k);
  return protectedBars.cells.map((cell, i) => {
    const label = counted[i]?.label ?? cell.key;
    if (cell.suppressed) return { key: cell.key, label, suppressed: true, reason: cell.reason };
    const w = wilsonInterval(cell.n, total);
    if (!w.ok) return { key: cell.key, label, suppressed: false, n: 0, proportion: 0, lower: 0, upper: 0 };
    return { key: cell.key, label, suppressed: false, n: cell.n, proportion: w.proportion, lower: w.lower, upper: w.upper };
  });
}

/**
 * Answered (the summary's n, already published), skipped and declined. Skipped and declined are a
 * breakdown of their own: "prefer not to say" is an answer about the person, so it is hidden below k.
 */
export function completenessOf(rows: readonly CellRow[], answered: number, k: number): Completeness {
  const count = (status: string) => rows.filter((r) => r.status === status).reduce((s, r) => s + r.n, 0);
  const [skipped, declined] = suppressBreakdown(
    [
      { key: "skipped", n: count("skipped") },
      { key: "declined", n: count("declined") },
    ],
    k,
  ).cells;
  const figure = (cell: typeof skipped): Figure<{ n: number }> =>
    !cell || cell.suppressed
      ? { suppressed: true, reason: cell?.suppressed ? cell.reason : "below_threshold" }
      : { suppressed: false, n: cell.n };
  return { answered, skipped: figure(skipped), declined: figure(declined) };
}
