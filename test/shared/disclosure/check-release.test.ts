import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CheckCell,
  cellKey,
  checkRelease,
  type EarlierRelease,
} from "../../../shared/disclosure/check-release.ts";
import { determinedUnknowns } from "../../helpers/linear-recovery.ts";

/**
 * A grid of counts (rows × answers) with row totals, answer totals and the grand total, each a sum of
 * atoms (row, answer), as a release table gives them to the checks.
 */
function grid(counts: number[][], tableId = "t", system = "q"): CheckCell[] {
  const cells: CheckCell[] = [];
  const atom = (r: number, c: number) => r * 100 + c;
  const add = (rowKey: string, columnKey: string, atoms: number[]) => {
    const value = atoms.reduce((s, a) => s + (counts[Math.floor(a / 100)]?.[a % 100] ?? 0), 0);
    cells.push({
      tableId,
      rowKey,
      columnKey,
      kind: "count",
      value,
      label: `${rowKey}/${columnKey}`,
      identity: `${rowKey}/${columnKey}`,
      vectors: [{ system, terms: atoms.map((a) => [a, 1] as const) }],
      dependsOn: [],
    });
  };
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) add(`r${r}`, `c${c}`, [atom(r, c)]);
    add(
      `r${r}`,
      "total",
      [...Array(cols).keys()].map((c) => atom(r, c)),
    );
  }
  for (let c = 0; c < cols; c++)
    add(
      "all",
      `c${c}`,
      [...Array(rows).keys()].map((r) => atom(r, c)),
    );
  add(
    "all",
    "total",
    [...Array(rows).keys()].flatMap((r) => [...Array(cols).keys()].map((c) => atom(r, c))),
  );
  return cells;
}

/** What the attacker can pin down: each withheld nonzero count whose atoms the published figures fix. */
function recovered(
  cells: CheckCell[],
  published: Map<string, { published: boolean }>,
  earlier: EarlierRelease[] = [],
) {
  const unknowns = new Set<string>();
  const equations: [string, number][][] = [];
  const addEq = (terms: readonly (readonly [number, number])[], value: number) => {
    const eq = terms.map(([a, c]) => [String(a), c] as [string, number]);
    for (const [u] of eq) unknowns.add(u);
    equations.push(eq);
    if (value === 0) for (const [u] of eq) equations.push([[u, 1]]);
  };
  for (const c of cells) for (const v of c.vectors) for (const [a] of v.terms) unknowns.add(String(a));
  for (const c of cells)
    if (published.get(cellKey(c))?.published) for (const v of c.vectors) addEq(v.terms, c.value ?? 0);
  for (const r of earlier) for (const e of r.cells) for (const v of e.vectors) addEq(v.terms, e.value);
  const determined = new Set(determinedUnknowns([...unknowns], equations));
  // A withheld cell is recovered when a new equation for it adds nothing: test each by rank.
  return cells.filter((c) => {
    if (published.get(cellKey(c))?.published || !c.value) return false;
    const terms = c.vectors[0]?.terms ?? [];
    if (terms.length === 1) return determined.has(String(terms[0]?.[0]));
    const probe = `probe:${cellKey(c)}`;
    const eqs = [
      ...equations,
      [...terms.map(([a, k]) => [String(a), k] as [string, number]), [probe, -1] as [string, number]],
    ];
    return determinedUnknowns([...unknowns, probe], eqs).includes(probe);
  });
}

describe("release output checks", () => {
  it("withholds every count between 1 and k−1 and publishes zeros", () => {
    const cells = grid([
      [3, 10],
      [0, 12],
    ]);
    const { cells: out } = checkRelease(cells, []);
    expect(out.get(cellKey({ tableId: "t", rowKey: "r0", columnKey: "c0" }))).toEqual({
      published: false,
      reason: "below_k",
    });
    expect(out.get(cellKey({ tableId: "t", rowKey: "r1", columnKey: "c0" }))).toEqual({
      published: true,
      value: 0,
    });
  });

  it("withholds complements so a withheld count cannot be worked out from margins", () => {
    const cells = grid([
      [3, 10, 9],
      [7, 12, 8],
      [6, 6, 20],
    ]);
    const { cells: out, checklist } = checkRelease(cells, []);
    expect(recovered(cells, out)).toEqual([]);
    expect(checklist.find((c) => c.rule === "secondary")?.withheld.length).toBeGreaterThan(0);
  });

  it("would leave a count recoverable with secondary suppression switched off", () => {
    const cells = grid([
      [3, 10, 9],
      [7, 12, 8],
      [6, 6, 20],
    ]);
    const { cells: out } = checkRelease(cells, [], undefined, { secondary: false });
    expect(recovered(cells, out).length).toBeGreaterThan(0);
  });

  it("leaves no withheld count recoverable in any grid (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 2, maxLength: 4 }), {
          minLength: 2,
          maxLength: 4,
        }),
        (raw) => {
          const width = Math.min(...raw.map((r) => r.length));
          const counts = raw.map((r) => r.slice(0, width));
          const cells = grid(counts);
          const { cells: out } = checkRelease(cells, []);
          expect(recovered(cells, out)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("withholds a figure that changed by fewer than k people since an earlier release", () => {
    const before = grid([
      [8, 10],
      [7, 12],
    ]);
    const earlier: EarlierRelease[] = [
      {
        id: "r1",
        title: "First",
        cells: before.map((c) => ({ identity: c.identity, value: c.value ?? 0, vectors: c.vectors })),
      },
    ];
    // One more interview arrives in row 0 answering c0: its own atom (row 0, c0, new since r1 = 900).
    const after = grid([
      [8, 10],
      [7, 12],
    ]).map((c) => {
      if (c.columnKey !== "c0" && c.columnKey !== "total") return c;
      if (c.rowKey !== "r0" && c.rowKey !== "all") return c;
      const v = c.vectors[0];
      return {
        ...c,
        value: (c.value ?? 0) + 1,
        vectors: v ? [{ system: v.system, terms: [...v.terms, [900, 1] as const] }] : [],
      };
    });
    const { cells: out, checklist } = checkRelease(after, earlier);
    expect(out.get(cellKey({ tableId: "t", rowKey: "r0", columnKey: "c0" }))?.published).toBe(false);
    expect(checklist.find((c) => c.rule === "differences")?.withheld.length).toBeGreaterThan(0);
    expect(recovered(after, out, earlier)).toEqual([]);
  });

  it("withholds a total dominated by one or two people, and figures from too few areas", () => {
    const base = { tableId: "n", columnKey: "total", label: "x", vectors: [], dependsOn: [] };
    const { cells: out } = checkRelease(
      [
        { ...base, rowKey: "a", kind: "total", value: 100, identity: "a", dominance: { top1: 60, top2: 10 } },
        { ...base, rowKey: "b", kind: "total", value: 100, identity: "b", dominance: { top1: 40, top2: 40 } },
        { ...base, rowKey: "c", kind: "total", value: 100, identity: "c", dominance: { top1: 30, top2: 30 } },
        { ...base, rowKey: "d", kind: "count", value: 40, identity: "d", areas: 2 },
      ],
      [],
    );
    expect(out.get(cellKey({ tableId: "n", rowKey: "a", columnKey: "total" }))).toEqual({
      published: false,
      reason: "dominance",
    });
    expect(out.get(cellKey({ tableId: "n", rowKey: "b", columnKey: "total" }))).toEqual({
      published: false,
      reason: "dominance",
    });
    expect(out.get(cellKey({ tableId: "n", rowKey: "c", columnKey: "total" }))).toEqual({
      published: true,
      value: 100,
    });
    expect(out.get(cellKey({ tableId: "n", rowKey: "d", columnKey: "total" }))).toEqual({
      published: false,
      reason: "too_few_areas",
    });
  });

  it("rounds means to one decimal and withholds figures computed from a withheld count", () => {
    const base = { tableId: "m", rowKey: "all", label: "x", vectors: [], identity: "x" };
    const { cells: out, checklist } = checkRelease(
      [
        { ...base, columnKey: "n", kind: "count", value: 3, dependsOn: [] },
        {
          ...base,
          columnKey: "mean",
          kind: "mean",
          value: 2.345,
          dependsOn: [cellKey({ ...base, columnKey: "n" })],
        },
        { ...base, rowKey: "b", columnKey: "n", kind: "count", value: 30, dependsOn: [] },
        { ...base, rowKey: "b", columnKey: "mean", kind: "mean", value: 2.345, dependsOn: [] },
      ],
      [],
    );
    expect(out.get(cellKey({ ...base, columnKey: "mean" }))).toEqual({
      published: false,
      reason: "depends_on_withheld",
    });
    expect(out.get(cellKey({ ...base, rowKey: "b", columnKey: "mean" }))).toEqual({
      published: true,
      value: 2.3,
    });
    expect(checklist.find((c) => c.rule === "rounding")?.adjusted).toBe(1);
  });

  it("withholds a published zero that gives back a secret with side knowledge alone (decision 0073)", () => {
    // An area's people know how many interviews it had (atoms 1 and 2: not answered, and "yes"); the
    // published "not answered" (0, over atoms 0 and 1) says atom 1 is empty, so atom 2 (one person's
    // "yes") is the known count. The zero's own units once cancelled its label out of the combination
    // (its vector and its units carried the same label), so the secret looked given by side knowledge
    // alone and the zero was published.
    const zero: CheckCell = {
      tableId: "t",
      rowKey: "all",
      columnKey: "not_answered",
      kind: "count",
      value: 0,
      label: "not answered",
      identity: "not answered",
      vectors: [
        {
          system: "q",
          terms: [
            [0, 1],
            [1, 1],
          ],
        },
      ],
      dependsOn: [],
    };
    const { cells } = checkRelease(
      [zero],
      [],
      undefined,
      {},
      {
        known: [
          {
            system: "q",
            terms: [
              [1, 1],
              [2, 1],
            ],
          },
        ],
        secrets: [{ label: "the one yes", vector: { system: "q", terms: [[2, 1]] } }],
      },
    );
    expect(cells.get(cellKey(zero))).toEqual({ published: false, reason: "complement" });
  });
});
