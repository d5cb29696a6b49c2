import type { ChangeVerdict } from "../contract/outcomes.ts";
import { assertLevel, DEFAULT_LEVEL } from "./result.ts";

/** Which way an indicator is better read: up, down, or neither said. */
export type Direction = "higherIsBetter" | "lowerIsBetter" | null;

export type { ChangeVerdict };

export function changeVerdict(
  interval: { lower: number; upper: number },
  direction: Direction,
): ChangeVerdict {
  const { lower, upper } = interval;
  if (!(Number.isFinite(lower) && Number.isFinite(upper)) || lower > upper) {
    throw new RangeError(`Not an interval: ${lower} to ${upper}`);
  }
  const way = lower > 0 ? 1 : upper < 0 ? -1 : 0;
  if (way === 0) return "no_clear_change";
  if (direction === null) return way > 0 ? "up" : "down";
  const good = direction === "lowerIsBetter" ? -way : way;
  return good > 0 ? "better" : "worse";
}

/**
 * How many of `tested` changes would show a clear change (an interval excluding zero) by chance alone
 * if nothing had really changed: each interval at `level` misses the true value with probability
 * 1 − level, so the expected number is tested × (1 − level), half of them each way. Rounded to one
 * decimal place, since it is an expectation, not a count.
 */
export function expectedByChance(tested: number, level = DEFAULT_LEVEL): number {
  assertLevel(level);
  if (!(Number.isInteger(tested) && tested >= 0)) throw new RangeError(`Not a count: ${tested}`);
  return Math.round(tested * (1 - level) * 10) / 10;
}
