// jstat ships no types. This declares only the parts shared/stats calls, so a wider use of the library
// is a conscious step (add it here) rather than an untyped `any`.
declare module "jstat" {
  interface JStat {
    /** Regularised incomplete beta function I_x(a, b). */
    ibeta(x: number, a: number, b: number): number;
    normal: {
      cdf(x: number, mean: number, sd: number): number;
      inv(p: number, mean: number, sd: number): number;
    };
    studentt: {
      inv(p: number, dof: number): number;
    };
  }
  const jStat: JStat;
  export default jStat;
}
