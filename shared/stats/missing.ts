/** An answer as stored: a number, or nothing because it was skipped, not asked or not yet collected. */
export type MaybeNumber = number | null | undefined;

// null, undefined and NaN all mean "no answer" and are dropped and counted, as R's na.rm does. An
// infinite value cannot come from a survey answer, so it is a bug upstream and is not silently dropped.
function isMissingNumber(value: MaybeNumber): value is null | undefined {
  if (value === null || value === undefined || Number.isNaN(value)) return true;
  if (!Number.isFinite(value)) throw new RangeError(`Statistics need finite values, got ${value}`);
  return false;
}

/** The values that are present, and how many were missing. */
export function dropMissing(values: ReadonlyArray<MaybeNumber>): { values: number[]; missing: number } {
  const present: number[] = [];
  for (const value of values) {
    if (!isMissingNumber(value)) present.push(value);
  }
  return { values: present, missing: values.length - present.length };
}

/** One participant's answers at the two waves. */
export type Pair<T> = readonly [before: T, after: T];

/**
 * Pairs where both waves were answered, and how many pairs were dropped because a side was missing.
 * The arrays are aligned by participant, so different lengths mean the caller mis-joined the waves.
 */
export function completePairs<T>(
  before: ReadonlyArray<T | null | undefined>,
  after: ReadonlyArray<T | null | undefined>,
  isPresent: (value: T | null | undefined) => value is T,
): { pairs: Pair<T>[]; missing: number } {
  if (before.length !== after.length) {
    throw new RangeError(`Paired waves must be aligned by participant: ${before.length} vs ${after.length}`);
  }
  const pairs: Pair<T>[] = [];
  before.forEach((b, i) => {
    const a = after[i];
    if (isPresent(b) && isPresent(a)) pairs.push([b, a]);
  });
  return { pairs, missing: before.length - pairs.length };
}

/** Whether a numeric answer is present; for use with {@link completePairs}. */
export function isPresentNumber(value: MaybeNumber): value is number {
  return !isMissingNumber(value);
}
