import jStat from "jstat";

// The few distribution functions the tests need, in the forms that keep their precision: tail
// probabilities are computed directly rather than as 1 - cdf, which loses every digit of a small p.
//
// jstat's incomplete beta stops its continued fraction at a relative step of 3e-7, so t-based p-values
// agree with R to about 1e-8; normal and chi-square tails to about 1e-16 absolute, though their relative
// accuracy fades below p = 1e-12. Both are far finer than a dashboard shows, but a p-value below ~1e-12
// should be read as "tiny", not as an exact figure.

/** Two-sided p-value of Student's t with `df` degrees of freedom: P(|T| >= |t|). */
export function tTwoSidedP(t: number, df: number): number {
  return jStat.ibeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * Quantiles already found, by probability and degrees of freedom. jstat inverts the incomplete beta
 * by iteration (tens of microseconds each), and a page asks for the same few (95% at each cell's
 * n − 1) hundreds of times; the answer is a pure function of its arguments, so a remembered one is
 * the same number. Forgotten whole when it grows past a bound, so it cannot hold every df ever seen.
 */
const tQuantiles = new Map<string, number>();
const T_QUANTILES_KEPT = 10_000;

/** The quantile of Student's t with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  const key = `${p}/${df}`;
  let q = tQuantiles.get(key);
  if (q === undefined) {
    q = jStat.studentt.inv(p, df) as number;
    if (tQuantiles.size >= T_QUANTILES_KEPT) tQuantiles.clear();
    tQuantiles.set(key, q);
  }
  return q;
}

/** Two-sided p-value of a standard normal statistic: P(|Z| >= |z|). */
export function normalTwoSidedP(z: number): number {
  return 2 * jStat.normal.cdf(-Math.abs(z), 0, 1);
}

/** The quantile of the standard normal distribution. */
export function normalQuantile(p: number): number {
  return jStat.normal.inv(p, 0, 1);
}

/**
 * Upper tail of chi-square with one degree of freedom. A chi-square(1) variable is a squared standard
 * normal, so the normal tail gives the answer without the cancellation of 1 - cdf.
 */
export function chiSquare1UpperP(x: number): number {
  return normalTwoSidedP(Math.sqrt(x));
}
