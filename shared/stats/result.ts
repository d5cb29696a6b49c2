/**
 * Why a statistic could not be given. These are expected outcomes of real data (one participant, or
 * everyone answering the same), so they are returned as values for the dashboard to explain, never as
 * NaN, Infinity or an exception.
 *
 * - `not_enough_data`: too few usable values (after dropping missing ones) for the statistic to exist.
 * - `no_variation`: the values do not vary, so a spread-based statistic (a CI, a t or z) is undefined.
 */
export type Reason = "not_enough_data" | "no_variation";

export interface Unavailable<R extends Reason = Reason> {
  ok: false;
  reason: R;
}

/** The default confidence level of every interval in shared/stats. */
export const DEFAULT_LEVEL = 0.95;

/** A confidence level outside (0, 1) is a programming error, not a data outcome. */
export function assertLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Confidence level must be between 0 and 1 (exclusive), got ${level}`);
  }
}
