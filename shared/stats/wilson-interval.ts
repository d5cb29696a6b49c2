import { normalQuantile } from "./distributions.ts";
import { assertLevel, DEFAULT_LEVEL, type Unavailable } from "./result.ts";

export type WilsonResult =
  | {
      ok: true;
      successes: number;
      n: number;
      proportion: number;
      level: number;
      lower: number;
      upper: number;
    }
  | Unavailable<"not_enough_data">;

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Wilson score interval for a proportion, without continuity correction: the interval of R's
 * `prop.test(x, n, correct = FALSE)`. Unlike the textbook p ± z·SE it stays inside [0, 1] and does not
 * collapse to a point at 0% or 100%, which small survey samples hit often.
 */
export function wilsonInterval(successes: number, n: number, level = DEFAULT_LEVEL): WilsonResult {
  assertCount("successes", successes);
  assertCount("n", n);
  if (successes > n) throw new RangeError(`successes (${successes}) cannot exceed n (${n})`);
  assertLevel(level);
  if (n === 0) return { ok: false, reason: "not_enough_data" };

  const p = successes / n;
  const z = normalQuantile((1 + level) / 2);
  const z22n = (z * z) / (2 * n);
  const centre = p + z22n;
  const spread = z * Math.sqrt((p * (1 - p)) / n + z22n / (2 * n));
  const scale = 1 + 2 * z22n;
  // R pins the bound at the edge when the estimate sits on it; the formula would give it only up to rounding.
  const lower = p <= 0 ? 0 : (centre - spread) / scale;
  const upper = p >= 1 ? 1 : (centre + spread) / scale;
  return { ok: true, successes, n, proportion: p, level, lower, upper };
}
