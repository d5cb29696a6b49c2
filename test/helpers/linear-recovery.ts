/**
 * The attacker's arithmetic for suppression tests: given linear equations that published figures
 * satisfy (each a list of [unknown, coefficient] terms equal to a known number), which unknowns do they
 * pin down exactly? An unknown is determined when its unit vector lies in the span of the equations.
 * Gaussian elimination on small dense matrices; coefficients are small integers.
 */
export function determinedUnknowns(
  unknowns: readonly string[],
  equations: ReadonlyArray<ReadonlyArray<[string, number]>>,
): string[] {
  const index = new Map(unknowns.map((u, i) => [u, i]));
  const rows = equations.map((terms) => {
    const row = new Array<number>(unknowns.length).fill(0);
    for (const [u, c] of terms) {
      const i = index.get(u);
      if (i !== undefined) row[i] = (row[i] ?? 0) + c;
    }
    return row;
  });
  const base = rank(rows, unknowns.length);
  return unknowns.filter((_, i) => {
    const unit = new Array<number>(unknowns.length).fill(0);
    unit[i] = 1;
    return rank([...rows, unit], unknowns.length) === base;
  });
}

function rank(matrix: number[][], width: number): number {
  const a = matrix.map((row) => [...row]);
  let r = 0;
  for (let col = 0; col < width && r < a.length; col++) {
    const pivot = a.findIndex((row, i) => i >= r && Math.abs(row[col] ?? 0) > 1e-9);
    if (pivot < 0) continue;
    [a[r], a[pivot]] = [a[pivot] as number[], a[r] as number[]];
    const p = a[r] as number[];
    for (let i = 0; i < a.length; i++) {
      const row = a[i] as number[];
      if (i === r || Math.abs(row[col] ?? 0) < 1e-12) continue;
      const f = (row[col] ?? 0) / (p[col] ?? 1);
      for (let j = 0; j < width; j++) row[j] = (row[j] ?? 0) - f * (p[j] ?? 0);
    }
    r++;
  }
  return r;
}
