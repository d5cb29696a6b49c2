import { max, mean, median, min, sampleStandardDeviation } from "simple-statistics";
import { type MeanInterval, meanInterval } from "./mean-interval.ts";
import { dropMissing, type MaybeNumber } from "./missing.ts";
import { assertLevel, DEFAULT_LEVEL, type Unavailable } from "./result.ts";

export interface Description {
  ok: true;
  /** Values used. */
  n: number;
  /** null, undefined and NaN values dropped. */
  missing: number;
  mean: number;
  median: number;
  /** Sample SD (n - 1 denominator); null for a single value, where R's sd() is NA. */
  sd: number | null;
  min: number;
  max: number;
  /** Confidence interval of the mean from the t distribution, or why there is none. */
  ci: MeanInterval;
}

export type DescribeResult = Description | (Unavailable<"not_enough_data"> & { n: 0; missing: number });

/**
 * The descriptive figures an outcome card shows. A single value still has a mean and a median, so only
 * an empty input is unavailable as a whole; the SD and CI say for themselves when they cannot exist.
 *
 * @example
 * describeValues([3, 5, null, 4]) // { ok: true, n: 3, missing: 1, mean: 4, ..., ci: { ok: true, ... } }
 */
export function describeValues(
  values: ReadonlyArray<MaybeNumber>,
  options: { level?: number } = {},
): DescribeResult {
  const level = options.level ?? DEFAULT_LEVEL;
  assertLevel(level);
  const { values: present, missing } = dropMissing(values);
  const n = present.length;
  if (n === 0) return { ok: false, reason: "not_enough_data", n: 0, missing };

  const average = mean(present);
  const sd = n >= 2 ? sampleStandardDeviation(present) : null;
  return {
    ok: true,
    n,
    missing,
    mean: average,
    median: median(present),
    sd,
    min: min(present),
    max: max(present),
    ci: sd === null ? { ok: false, reason: "not_enough_data" } : meanInterval(average, sd, n, level),
  };
}
