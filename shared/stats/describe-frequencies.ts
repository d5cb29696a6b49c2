import type { DescribeResult } from "./describe-values.ts";
import { meanInterval } from "./mean-interval.ts";
import { assertLevel, DEFAULT_LEVEL } from "./result.ts";

/** How many answers had one value: a row of a frequency table, as a GROUP BY returns it. */
export interface Frequency {
  value: number;
  count: number;
}

/**
 * {@link describeValues} for data given as a frequency table: the same figures (to rounding, about
 * 1e-12) at a cost that grows with the number of distinct values rather than the number of answers.
 * An outcome page reads 50,000 ratings of a 1–5 scale as five rows; expanding them to an array only
 * to sort it for the median would dominate the page's time.
 *
 * @example
 * describeFrequencies([{ value: 3, count: 2 }, { value: 5, count: 1 }]) // same as describeValues([3, 3, 5])
 */
export function describeFrequencies(
  frequencies: ReadonlyArray<Frequency>,
  options: { level?: number } = {},
): DescribeResult {
  const level = options.level ?? DEFAULT_LEVEL;
  assertLevel(level);
  const rows = frequencies.filter((row) => {
    if (!Number.isInteger(row.count) || row.count < 0) {
      throw new RangeError(`A frequency must be a non-negative integer, got ${row.count}`);
    }
    if (!Number.isFinite(row.value)) throw new RangeError(`Statistics need finite values, got ${row.value}`);
    return row.count > 0;
  });
  const n = rows.reduce((total, row) => total + row.count, 0);
  if (n === 0) return { ok: false, reason: "not_enough_data", n: 0, missing: 0 };

  rows.sort((a, b) => a.value - b.value);
  const mean = rows.reduce((total, row) => total + row.value * row.count, 0) / n;
  const squares = rows.reduce((total, row) => total + row.count * (row.value - mean) ** 2, 0);
  const sd = n >= 2 ? Math.sqrt(squares / (n - 1)) : null;
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) throw new Error("unreachable: n > 0 means at least one row");
  return {
    ok: true,
    n,
    missing: 0,
    mean,
    median: n % 2 === 1 ? valueAt(rows, (n - 1) / 2) : (valueAt(rows, n / 2 - 1) + valueAt(rows, n / 2)) / 2,
    sd,
    min: first.value,
    max: last.value,
    ci: sd === null ? { ok: false, reason: "not_enough_data" } : meanInterval(mean, sd, n, level),
  };
}

/** The value at 0-based position `index` of the sorted, expanded data. */
function valueAt(sorted: ReadonlyArray<Frequency>, index: number): number {
  let seen = 0;
  for (const row of sorted) {
    seen += row.count;
    if (index < seen) return row.value;
  }
  throw new RangeError(`position ${index} is past the end of the data`);
}
