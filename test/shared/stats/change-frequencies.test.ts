import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  pairedChangeFromDifferences,
  wilcoxonFromDifferences,
} from "../../../shared/stats/change-frequencies.ts";
import { pairedChange } from "../../../shared/stats/paired-change.ts";
import { wilcoxonSignedRank } from "../../../shared/stats/wilcoxon-signed-rank.ts";

const table = fc.array(
  fc.record({ value: fc.integer({ min: -6, max: 6 }), count: fc.integer({ min: 0, max: 30 }) }),
  { maxLength: 10 },
);
const expand = (rows: { value: number; count: number }[]) =>
  rows.flatMap((r) => new Array(r.count).fill(r.value));

describe("change from a frequency table of changes", () => {
  it("gives the paired t-test pairedChange gives on the pairs written out", () => {
    fc.assert(
      fc.property(table, (rows) => {
        const changes = expand(rows);
        const fromTable = pairedChangeFromDifferences(rows);
        const fromPairs = pairedChange(new Array(changes.length).fill(0), changes);
        expect(fromTable.ok).toBe(fromPairs.ok);
        expect(fromTable.n).toBe(fromPairs.n);
        if (!fromTable.ok || !fromPairs.ok) {
          if (!fromTable.ok && !fromPairs.ok) expect(fromTable.reason).toBe(fromPairs.reason);
          return;
        }
        for (const key of ["mean", "sd", "lower", "upper"] as const) {
          expect(fromTable.difference[key]).toBeCloseTo(fromPairs.difference[key], 9);
        }
        expect(fromTable.t).toBeCloseTo(fromPairs.t, 8);
        expect(fromTable.p).toBeCloseTo(fromPairs.p, 10);
        expect(fromTable.dz).toBeCloseTo(fromPairs.dz, 10);
        expect(fromTable.df).toBe(fromPairs.df);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the Wilcoxon signed-rank test wilcoxonSignedRank gives, ties, zeros and exact cases included", () => {
    fc.assert(
      fc.property(table, fc.constantFrom(undefined, false), (rows, exact) => {
        const changes = expand(rows);
        const options = exact === undefined ? {} : { exact };
        const fromTable = wilcoxonFromDifferences(rows, options);
        const fromPairs = wilcoxonSignedRank(new Array(changes.length).fill(0), changes, options);
        expect(fromTable.ok).toBe(fromPairs.ok);
        if (!fromTable.ok || !fromPairs.ok) {
          expect(fromTable).toMatchObject({ n: fromPairs.n, zeros: fromPairs.zeros });
          return;
        }
        expect(fromTable.method).toBe(fromPairs.method);
        expect(fromTable.v).toBeCloseTo(fromPairs.v, 9);
        expect(fromTable.z).toBeCloseTo(fromPairs.z, 9);
        expect(fromTable.p).toBeCloseTo(fromPairs.p, 10);
        expect(fromTable.zeros).toBe(fromPairs.zeros);
      }),
      { numRuns: 300 },
    );
  });

  it("uses the exact distribution for a few untied changes", () => {
    const result = wilcoxonFromDifferences([
      { value: 1, count: 1 },
      { value: -2, count: 1 },
      { value: 3, count: 1 },
      { value: 4, count: 1 },
    ]);
    expect(result).toMatchObject({ ok: true, method: "exact", v: 8 });
  });
});
