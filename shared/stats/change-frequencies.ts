import { describeFrequencies, type Frequency } from "./describe-frequencies.ts";
import { normalTwoSidedP, tTwoSidedP } from "./distributions.ts";
import { assertLevel, DEFAULT_LEVEL, type Unavailable } from "./result.ts";
import {
  type WilcoxonOptions,
  type WilcoxonSignedRankResult,
  wilcoxonSignedRank,
} from "./wilcoxon-signed-rank.ts";

/**
 * Change between two waves given as a frequency table of the changes (after − before, and how many
 * participants changed by each amount), as a GROUP BY over paired answers returns it. The paired
 * t-test and Wilcoxon's signed-rank test depend on the changes alone, so these give `pairedChange`'s and
 * `wilcoxonSignedRank`'s figures for the same pairs (property tests check they agree) at a cost that
 * grows with the number of distinct changes, not of participants.
 */

export type PairedChangeFromDifferences =
  | {
      ok: true;
      n: number;
      difference: { mean: number; sd: number; level: number; lower: number; upper: number };
      t: number;
      df: number;
      p: number;
      dz: number;
    }
  | (Unavailable & { n: number });

/** `pairedChange`'s test of a zero mean change, from the changes' frequency table. */
export function pairedChangeFromDifferences(
  differences: ReadonlyArray<Frequency>,
  options: { level?: number } = {},
): PairedChangeFromDifferences {
  const level = options.level ?? DEFAULT_LEVEL;
  assertLevel(level);
  const d = describeFrequencies(differences, { level });
  const n = d.n;
  if (!d.ok || n < 2 || d.sd === null) return { ok: false, reason: "not_enough_data", n };
  if (!d.ci.ok) return { ok: false, reason: d.ci.reason, n };
  const t = d.mean / (d.sd / Math.sqrt(n));
  return {
    ok: true,
    n,
    difference: { mean: d.mean, sd: d.sd, level, lower: d.ci.lower, upper: d.ci.upper },
    t,
    df: n - 1,
    p: tTwoSidedP(t, n - 1),
    dz: d.mean / d.sd,
  };
}

/**
 * `wilcoxonSignedRank` from the changes' frequency table. Changes of equal size share the average of
 * the ranks they span, as R's `rank` gives them. Where the exact distribution applies (fewer than 50
 * ranked changes, none tied, none zero) there are so few pairs that they are written out and handed
 * to `wilcoxonSignedRank` itself.
 */
export function wilcoxonFromDifferences(
  differences: ReadonlyArray<Frequency>,
  options: WilcoxonOptions = {},
): WilcoxonSignedRankResult {
  let n = 0;
  let zeros = 0;
  const bySize = new Map<number, { positive: number; negative: number }>();
  for (const { value, count } of differences) {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`A frequency must be a non-negative integer, got ${count}`);
    if (!Number.isFinite(value)) throw new RangeError(`Statistics need finite values, got ${value}`);
    if (count === 0) continue;
    n += count;
    if (value === 0) {
      zeros += count;
      continue;
    }
    const group = bySize.get(Math.abs(value)) ?? { positive: 0, negative: 0 };
    if (value > 0) group.positive += count;
    else group.negative += count;
    bySize.set(Math.abs(value), group);
  }
  if (n === 0) return { ok: false, reason: "not_enough_data", n, zeros, missing: 0 };
  const ranked = n - zeros;
  if (ranked === 0) return { ok: false, reason: "no_variation", n, zeros, missing: 0 };

  const groups = [...bySize].sort((a, b) => a[0] - b[0]);
  const hasTies = groups.some(([, g]) => g.positive + g.negative > 1);
  const exact = (options.exact ?? ranked < 50) && !hasTies && zeros === 0;
  if (exact) {
    const after = groups.map(([size, g]) => (g.positive > 0 ? size : -size));
    return wilcoxonSignedRank(new Array<number>(after.length).fill(0), after, options);
  }

  let v = 0;
  let tieCorrection = 0;
  let start = 0;
  for (const [, g] of groups) {
    const size = g.positive + g.negative;
    const averageRank = (2 * start + size + 1) / 2;
    v += g.positive * averageRank;
    tieCorrection += size ** 3 - size;
    start += size;
  }
  const centred = v - (ranked * (ranked + 1)) / 4;
  const sigma = Math.sqrt((ranked * (ranked + 1) * (2 * ranked + 1)) / 24 - tieCorrection / 48);
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return { ok: true, n, zeros, missing: 0, v, z, p: normalTwoSidedP(z), method: "normal" };
}
