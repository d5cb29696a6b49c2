/**
 * P(V <= q) for the Wilcoxon signed-rank statistic V of n untied, non-zero differences under the null
 * hypothesis, where each of the 2^n sign patterns is equally likely (R's `psignrank(q, n)`).
 *
 * Built by adding one rank at a time: with rank k included or not, each with probability 1/2. Halving
 * at each step keeps the figures probabilities rather than counts, so nothing overflows for large n.
 * Cost is O(n³), a few thousand operations for the n < 50 where the exact test is used by default.
 */
export function signedRankCdf(q: number, n: number): number {
  const maxSum = (n * (n + 1)) / 2;
  if (q < 0) return 0;
  if (q >= maxSum) return 1;
  const probability = new Array<number>(maxSum + 1).fill(0);
  probability[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    // Downwards, so probability[sum - rank] still holds the value before this rank was added.
    for (let sum = (rank * (rank + 1)) / 2; sum >= 0; sum--) {
      const without = probability[sum] ?? 0;
      const withRank = sum >= rank ? (probability[sum - rank] ?? 0) : 0;
      probability[sum] = (without + withRank) / 2;
    }
  }
  let cumulative = 0;
  for (let sum = 0; sum <= Math.floor(q); sum++) cumulative += probability[sum] ?? 0;
  return cumulative;
}
