import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CheckCell,
  type CheckOutcome,
  checkRelease,
  EarlierBasisCache,
  type EarlierRelease,
  type SideKnowledge,
} from "../../../shared/disclosure/check-release.ts";
import { checkRelease as oracleCheck } from "../../helpers/disclosure-oracle/check-release.ts";

/**
 * The fast span basis (typed-array rows, dense scratch vectors; docs/decisions/0034) against the
 * map-based engine it replaced, kept as the oracle in `test/helpers/disclosure-oracle/`: on random
 * small releases — grids with margins, averages, a second table over the same atoms, an earlier
 * release, side knowledge and secret atoms — both withhold exactly the same cells for the same
 * reasons and publish the same values.
 */
function release(counts: number[][], scores: number[], tableId: string, withMean: boolean): CheckCell[] {
  const cells: CheckCell[] = [];
  const atom = (r: number, c: number) => r * 100 + c;
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  const add = (rowKey: string, columnKey: string, atoms: number[], coef: (c: number) => number) => {
    const value = atoms.reduce(
      (s, a) => s + coef(a % 100) * (counts[Math.floor(a / 100)]?.[a % 100] ?? 0),
      0,
    );
    const isMean = columnKey === "mean";
    cells.push({
      tableId,
      rowKey,
      columnKey,
      kind: isMean ? "mean" : "count",
      value,
      label: `${tableId}/${rowKey}/${columnKey}`,
      identity: `${tableId}/${rowKey}/${columnKey}`,
      vectors: [{ system: "q", terms: atoms.map((a) => [a, coef(a % 100)] as const) }],
      dependsOn: isMean ? [`${tableId}\u0000${rowKey}\u0000total`] : [],
    });
  };
  const one = () => 1;
  const score = (c: number) => scores[c] ?? 1;
  for (let r = 0; r < rows; r++) {
    const all = [...Array(cols).keys()].map((c) => atom(r, c));
    for (let c = 0; c < cols; c++) add(`r${r}`, `c${c}`, [atom(r, c)], one);
    add(`r${r}`, "total", all, one);
    if (withMean) add(`r${r}`, "mean", all, score);
  }
  for (let c = 0; c < cols; c++)
    add(
      "all",
      `c${c}`,
      [...Array(rows).keys()].map((r) => atom(r, c)),
      one,
    );
  return cells;
}

const same = (a: CheckOutcome, b: CheckOutcome) => {
  expect([...a.cells.entries()]).toEqual([...b.cells.entries()]);
  expect(a.checklist).toEqual(b.checklist);
};

const grid = fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 })).chain(([rows, cols]) =>
  fc.record({
    now: fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: cols, maxLength: cols }), {
      minLength: rows,
      maxLength: rows,
    }),
    before: fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: cols, maxLength: cols }), {
      minLength: rows,
      maxLength: rows,
    }),
    scores: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: cols, maxLength: cols }),
    withMean: fc.boolean(),
    withEarlier: fc.boolean(),
    /**
     * Further earlier releases: a copy of the first (the same figures again), of today's data, or of
     * today's data with a row of interviews gone since (decision 0077: its atoms are secrets, and an
     * unchanged count over the rows that stay says those gone there are none).
     */
    more: fc.array(fc.constantFrom("copy", "now", "shared", "gone"), { maxLength: 3 }),
    gone: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: cols, maxLength: cols }),
    k: fc.integer({ min: 2, max: 6 }),
    /**
     * Known sums with a value (decision 0073): each row's total, of today's figures or, to make the
     * engines meet sums of zero where today's figures publish none, of the earlier ones (any values:
     * both engines must agree whatever they are told).
     */
    rowsKnown: fc.constantFrom("none", "now", "before"),
  }),
);

describe("fast release check against the map-based oracle", () => {
  it("withholds exactly what the old engine withholds (property)", () => {
    fc.assert(
      fc.property(grid, ({ now, before, scores, withMean, withEarlier, more, gone, k, rowsKnown }) => {
        const cells = [...release(now, scores, "t", withMean), ...release(now, scores, "u", false)];
        const options = { k, minimumAreas: 1, top1Share: 0.5, top2Share: 0.75 };
        const earlier: EarlierRelease[] = [];
        const publish = (data: number[][], id: string) => {
          const old = release(data, scores, "t", withMean);
          const outcome = oracleCheck(old, [], options);
          earlier.push({
            id,
            title: `Earlier ${id}`,
            cells: old.flatMap((c) => {
              const r = outcome.cells.get(`${c.tableId}\u0000${c.rowKey}\u0000${c.columnKey}`);
              if (!r?.published) return [];
              return [
                { identity: c.identity, value: r.value, vectors: c.vectors, count: c.kind === "count" },
              ];
            }),
          });
        };
        if (withEarlier) {
          publish(before, "e");
          // Several earlier releases with equal figures: the engine skips vectors its basis holds.
          for (const [i, which] of more.entries()) {
            const first = earlier[0] as EarlierRelease;
            // The same terms objects as the first, as release-figures.ts gives releases that include
            // the same atoms (docs/decisions/0047): the engine makes one map of them and changes none.
            if (which === "shared")
              earlier.push({
                id: `e${i}`,
                title: `Earlier e${i}`,
                cells: first.cells.map((c) => ({ ...c })),
              });
            else publish(which === "copy" ? before : which === "gone" ? [...now, gone] : now, `e${i}`);
          }
        }
        const side: SideKnowledge = {
          known: [
            { system: "q", terms: now[0]?.map((_, c) => [c, 1] as const) ?? [] },
            ...(rowsKnown === "none"
              ? []
              : (rowsKnown === "now" ? now : before).map((row, r) => ({
                  system: "q",
                  terms: row.map((_, c) => [r * 100 + c, 1] as const),
                  value: row.reduce((sum, v) => sum + v, 0),
                }))),
          ],
          secrets: [
            ...now.flatMap((row, r) =>
              row.flatMap((v, c) =>
                v > 0 && v < k
                  ? [{ label: `${r}/${c}`, vector: { system: "q", terms: [[r * 100 + c, 1] as const] } }]
                  : [],
              ),
            ),
            // The gone row's atoms: their values are not known, so every one is a secret.
            ...(withEarlier && more.includes("gone")
              ? gone.map((_, c) => ({
                  label: `gone/${c}`,
                  vector: { system: "q", terms: [[now.length * 100 + c, 1] as const] },
                }))
              : []),
          ],
        };
        const expected = oracleCheck(cells, earlier, options, {}, side);
        same(checkRelease(cells, earlier, options, {}, side), expected);
        // The part built from earlier releases and side knowledge, kept from a check of another
        // release of the same data (docs/decisions/0044), gives the same answer as building it again.
        const cache = new EarlierBasisCache();
        checkRelease(release(now, scores, "v", !withMean), earlier, options, {}, side, {}, cache);
        const hitsBefore = cache.hits;
        same(checkRelease(cells, earlier, options, {}, side, {}, cache), expected);
        if (earlier.length > 0 || side.known.length > 0) expect(cache.hits).toBeGreaterThan(hitsBefore);
        // And again with what that check kept.
        same(checkRelease(cells, earlier, options, {}, side, {}, cache), expected);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
