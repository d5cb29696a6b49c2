import { normalTwoSidedP } from "./distributions.ts";
import { completePairs, isPresentNumber, type MaybeNumber } from "./missing.ts";
import type { Unavailable } from "./result.ts";
import { signedRankCdf } from "./signed-rank-distribution.ts";

export interface WilcoxonSignedRank {
  ok: true;
  /** Participants with both waves answered; `n - zeros` differences were ranked. */
  n: number;
  /** Pairs with no change, dropped before ranking as R does. */
  zeros: number;
  /** Pairs dropped because one wave was missing. */
  missing: number;
  /** Sum of the ranks of the positive differences (after − before), R's V. */
  v: number;
  /**
   * Normal approximation with tie and continuity correction, as R uses when it does not compute the
   * exact distribution. Given even when `p` is exact, for effect sizes such as r = z / √n.
   */
  z: number;
  /** Two-sided. */
  p: number;
  /** How `p` was computed. */
  method: "exact" | "normal";
}

export type WilcoxonSignedRankResult =
  | WilcoxonSignedRank
  | (Unavailable & { n: number; zeros: number; missing: number });

export interface WilcoxonOptions {
  /**
   * As R's `exact`: left out, the exact distribution is used for fewer than 50 ranked differences
   * with no ties and no zeros (R's default); `false` always uses the normal approximation (R's
   * `exact = FALSE`); `true` asks for the exact distribution whenever there are no ties or zeros.
   * With ties or zeros the exact distribution does not apply and the normal approximation is used.
   */
  exact?: boolean;
}

/** Average ranks of |d|, ties sharing the mean of the ranks they span (R's `rank`), and the tie sizes. */
function rankAbsolute(differences: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = differences.map((d, index) => ({ size: Math.abs(d), index })).sort((x, y) => x.size - y.size);
  const ranks = new Array<number>(differences.length).fill(0);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.size === order[start]?.size) end++;
    const averageRank = (start + end + 2) / 2;
    for (let k = start; k <= end; k++) ranks[order[k]?.index ?? 0] = averageRank;
    tieSizes.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieSizes };
}

/**
 * Wilcoxon signed-rank test of the change between two waves for the same participants, for ordinal
 * scales where a mean change is not meaningful. Matches R's
 * `wilcox.test(after, before, paired = TRUE, correct = TRUE)` with the same `exact` setting.
 */
export function wilcoxonSignedRank(
  before: ReadonlyArray<MaybeNumber>,
  after: ReadonlyArray<MaybeNumber>,
  options: WilcoxonOptions = {},
): WilcoxonSignedRankResult {
  const { pairs, missing } = completePairs(before, after, isPresentNumber);
  const n = pairs.length;
  const differences = pairs.map(([b, a]) => a - b).filter((d) => d !== 0);
  const zeros = n - differences.length;
  if (n === 0) return { ok: false, reason: "not_enough_data", n, zeros, missing };
  if (differences.length === 0) return { ok: false, reason: "no_variation", n, zeros, missing };

  const ranked = differences.length;
  const { ranks, tieSizes } = rankAbsolute(differences);
  const v = ranks.reduce((sum, rank, i) => ((differences[i] ?? 0) > 0 ? sum + rank : sum), 0);

  const centred = v - (ranked * (ranked + 1)) / 4;
  const tieCorrection = tieSizes.reduce((sum, t) => sum + t ** 3 - t, 0) / 48;
  const sigma = Math.sqrt((ranked * (ranked + 1) * (2 * ranked + 1)) / 24 - tieCorrection);
  const z = (centred - Math.sign(centred) * 0.5) / sigma;

  const hasTies = tieSizes.length < ranked;
  const exact = (options.exact ?? ranked < 50) && !hasTies && zeros === 0;
  if (!exact) return { ok: true, n, zeros, missing, v, z, p: normalTwoSidedP(z), method: "normal" };

  // V is symmetric about its mean, so the upper tail P(V >= v) equals the lower tail at maxSum - v;
  // reading the nearer tail directly avoids 1 - cdf.
  const maxSum = (ranked * (ranked + 1)) / 2;
  const p = Math.min(1, 2 * signedRankCdf(Math.min(v, maxSum - v), ranked));
  return { ok: true, n, zeros, missing, v, z, p, method: "exact" };
}
