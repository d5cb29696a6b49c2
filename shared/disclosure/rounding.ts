/**
 * The one rounding of published figures (issue 13, docs/decisions/0034), used by the release checks
 * and by the analyst's "as it would be released" view of a live page, so both show the same numbers:
 *
 * - counts, totals and percentages: whole numbers;
 * - proportions (0–1, shown as percentages): whole percentages, i.e. two decimals of the proportion;
 * - averages, medians, spreads and confidence limits: one decimal;
 * - test statistics (t, z, χ², effect size): two decimals; p-values: three decimals, never shown as 0.
 *
 * Halves round away from zero, the same for gains and losses (−2.25 → −2.3, like 2.25 → 2.3).
 * Non-finite values are returned as they are.
 */
export type RoundingKind =
  | "count"
  | "total"
  | "percent"
  | "proportion"
  | "mean"
  | "lower"
  | "upper"
  | "statistic"
  | "p";

const decimals: Record<Exclude<RoundingKind, "p">, number> = {
  count: 0,
  total: 0,
  percent: 0,
  proportion: 2,
  mean: 1,
  lower: 1,
  upper: 1,
  statistic: 2,
};

export function roundPublished(kind: RoundingKind, value: number): number {
  if (!Number.isFinite(value)) return value;
  if (kind === "p") return Math.max(0.001, roundTo(value, 3));
  return roundTo(value, decimals[kind]);
}

/** Rounds half away from zero to `places` decimals; the scaled value is nudged past representation error. */
export function roundTo(value: number, places: number): number {
  const factor = 10 ** places;
  const scaled = Math.abs(value) * factor;
  // 1.005 × 100 is 100.49999999999999 in binary: treat anything that close to a half as the half.
  const rounded = Math.round(scaled + scaled * Number.EPSILON * 4);
  const out = (Math.sign(value) * rounded) / factor;
  return out === 0 ? 0 : out;
}
