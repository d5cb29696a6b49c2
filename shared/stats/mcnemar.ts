import { chiSquare1UpperP } from "./distributions.ts";
import { completePairs } from "./missing.ts";
import type { Unavailable } from "./result.ts";

export type MaybeBoolean = boolean | null | undefined;

interface McNemarCounts {
  /** Participants with both waves answered. */
  n: number;
  /** Pairs dropped because one wave was missing. */
  missing: number;
  /** Yes before, no after. */
  b: number;
  /** No before, yes after. */
  c: number;
}

export type McNemarResult =
  | (McNemarCounts & { ok: true; chiSquare: number; df: 1; p: number })
  | (McNemarCounts & Unavailable<"not_enough_data">);

const isAnswered = (value: MaybeBoolean): value is boolean => typeof value === "boolean";

/**
 * McNemar's test for a yes/no indicator asked of the same participants at two waves: only the people
 * who changed answer (b and c) carry information. Matches R's `mcnemar.test(table, correct = TRUE)`,
 * which applies the continuity correction only when b ≠ c (with b = c the statistic is 0, p = 1).
 * With no one changing answer there is nothing to test, which R reports as NaN.
 */
export function mcnemar(
  before: ReadonlyArray<MaybeBoolean>,
  after: ReadonlyArray<MaybeBoolean>,
): McNemarResult {
  const { pairs, missing } = completePairs(before, after, isAnswered);
  const b = pairs.filter(([was, is]) => was && !is).length;
  const c = pairs.filter(([was, is]) => !was && is).length;
  const counts = { n: pairs.length, missing, b, c };
  if (b + c === 0) return { ...counts, ok: false, reason: "not_enough_data" };

  const discordance = b === c ? 0 : Math.abs(b - c) - 1;
  const chiSquare = (discordance * discordance) / (b + c);
  return { ...counts, ok: true, chiSquare, df: 1, p: chiSquare1UpperP(chiSquare) };
}
