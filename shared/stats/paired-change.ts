import { mean, sampleStandardDeviation } from "simple-statistics";
import { tTwoSidedP } from "./distributions.ts";
import { meanInterval } from "./mean-interval.ts";
import { completePairs, isPresentNumber, type MaybeNumber } from "./missing.ts";
import { assertLevel, DEFAULT_LEVEL, type Unavailable } from "./result.ts";

export interface WaveSummary {
  mean: number;
  sd: number;
}

export interface PairedChange {
  ok: true;
  /** Participants with both waves answered. */
  n: number;
  /** Participants dropped because one wave was missing (attrition or a skipped question). */
  missing: number;
  /** Each wave summarised over the same paired participants, so the two means difference is the change. */
  before: WaveSummary;
  after: WaveSummary;
  /** after − before, with its t-based confidence interval. */
  difference: { mean: number; sd: number; level: number; lower: number; upper: number };
  /** Paired t-test of a zero mean change. */
  t: number;
  df: number;
  /** Two-sided. */
  p: number;
  /** Cohen's dz: mean change in units of the SD of the changes. */
  dz: number;
}

export type PairedChangeResult = PairedChange | (Unavailable & { n: number; missing: number });

/**
 * Change between two waves for the same participants: R's `t.test(after, before, paired = TRUE)` plus
 * the figures a reader needs around it. With fewer than two pairs, or when every participant changed by
 * exactly the same amount, there is no t-test (R stops), and the result says which.
 */
export function pairedChange(
  before: ReadonlyArray<MaybeNumber>,
  after: ReadonlyArray<MaybeNumber>,
  options: { level?: number } = {},
): PairedChangeResult {
  const level = options.level ?? DEFAULT_LEVEL;
  assertLevel(level);
  const { pairs, missing } = completePairs(before, after, isPresentNumber);
  const n = pairs.length;
  if (n < 2) return { ok: false, reason: "not_enough_data", n, missing };

  const beforeValues = pairs.map(([b]) => b);
  const afterValues = pairs.map(([, a]) => a);
  const differences = pairs.map(([b, a]) => a - b);
  const meanDifference = mean(differences);
  const sdDifference = sampleStandardDeviation(differences);
  const interval = meanInterval(meanDifference, sdDifference, n, level);
  if (!interval.ok) return { ok: false, reason: interval.reason, n, missing };

  const t = meanDifference / (sdDifference / Math.sqrt(n));
  return {
    ok: true,
    n,
    missing,
    before: { mean: mean(beforeValues), sd: sampleStandardDeviation(beforeValues) },
    after: { mean: mean(afterValues), sd: sampleStandardDeviation(afterValues) },
    difference: {
      mean: meanDifference,
      sd: sdDifference,
      level,
      lower: interval.lower,
      upper: interval.upper,
    },
    t,
    df: n - 1,
    p: tTwoSidedP(t, n - 1),
    dz: meanDifference / sdDifference,
  };
}
