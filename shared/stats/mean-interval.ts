import { tQuantile } from "./distributions.ts";
import type { Unavailable } from "./result.ts";

export type MeanInterval = { ok: true; level: number; lower: number; upper: number } | Unavailable;

/**
 * R's t.test() refuses data whose standard error is below 10 machine epsilons of the mean ("data are
 * essentially constant"): at that size the spread is rounding noise, and a t statistic or interval
 * built on it would be noise too.
 */
export function isEssentiallyConstant(mean: number, standardError: number): boolean {
  return standardError === 0 || standardError < 10 * Number.EPSILON * Math.abs(mean);
}

/** The t-based confidence interval of a mean from its summary figures, as t.test() computes it. */
export function meanInterval(mean: number, sd: number, n: number, level: number): MeanInterval {
  if (n < 2) return { ok: false, reason: "not_enough_data" };
  const standardError = sd / Math.sqrt(n);
  if (isEssentiallyConstant(mean, standardError)) return { ok: false, reason: "no_variation" };
  const halfWidth = tQuantile(1 - (1 - level) / 2, n - 1) * standardError;
  return { ok: true, level, lower: mean - halfWidth, upper: mean + halfWidth };
}
