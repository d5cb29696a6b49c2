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

/** The quantile of Student's t with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  return jStat.studentt.inv(p, df);
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
