import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckTooLarge, PRIME, SpanBasis, WorkMeter } from "../../../shared/disclosure/span.ts";

/** Rank of integer vectors by plain Gaussian elimination over the rationals (small sizes only). */
function rank(vectors: number[][]): number {
  const m = vectors.map((v) => v.map((x) => x));
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && Math.abs(row[c] ?? 0) > 1e-9);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p] as number[], m[r] as number[]];
    const pr = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const row = m[i] as number[];
      const f = (row[c] ?? 0) / (pr[c] ?? 1);
      for (let j = 0; j < cols; j++) row[j] = (row[j] ?? 0) - f * (pr[j] ?? 0);
    }
    r++;
  }
  return r;
}

const sparse = (v: number[]) => new Map(v.flatMap((x, i) => (x === 0 ? [] : [[i, x] as [number, number]])));
const vectors = fc.array(fc.array(fc.integer({ min: -2, max: 3 }), { minLength: 6, maxLength: 6 }), {
  minLength: 1,
  maxLength: 9,
});

describe("span basis", () => {
  it("decides span membership as plain elimination does, also after truncating to an earlier rank", () => {
    fc.assert(
      fc.property(vectors, vectors, fc.nat(), (first, extra, cut) => {
        const basis = new SpanBasis();
        const rankBefore: number[] = [];
        first.forEach((v, i) => {
          rankBefore.push(basis.rank);
          basis.add(sparse(v), i);
        });
        const keep = cut % (first.length + 1);
        if (keep < first.length) basis.truncate(rankBefore[keep] as number);
        const kept = first.slice(0, keep);
        expect(basis.rank).toBe(kept.length ? rank(kept) : 0);
        for (const v of [...extra, ...first]) {
          const inSpan = rank([...kept, v]) === (kept.length ? rank(kept) : 0);
          const used = basis.explain(sparse(v));
          expect(used !== null).toBe(inSpan);
          // The labels it names combine to v: v stays in the span of just those vectors.
          if (used) {
            const named = used.map((l) => first[l] as number[]);
            expect(rank([...named, v])).toBe(rank(named.length ? named : [v.map(() => 0)]));
          }
        }
      }),
    );
  });

  it("throws past its work budget", () => {
    const basis = new SpanBasis(new WorkMeter(10));
    expect(() => {
      for (let i = 0; i < 20; i++)
        basis.add(
          new Map([
            [i, 1],
            [i + 1, PRIME - 1],
          ]),
          i,
        );
    }).toThrow(CheckTooLarge);
  });
});
