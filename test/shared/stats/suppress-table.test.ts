import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SuppressedTable, suppressTable, tableCell } from "../../../shared/stats/suppress-table.ts";

/** A table of counts as a list of rows, one number per column. */
function table(grid: number[][], k = 5): SuppressedTable {
  const rows = grid.map((_, r) => `r${r}`);
  const columns = (grid[0] ?? []).map((_, c) => `c${c}`);
  const counts = grid.flatMap((line, r) => line.map((n, c) => ({ row: `r${r}`, column: `c${c}`, n })));
  return suppressTable(rows, columns, counts, k);
}

const hiddenKeys = (t: SuppressedTable) =>
  t.cells.filter((cell) => cell.suppressed).map((cell) => `${cell.row ?? "all"}×${cell.column ?? "all"}`);

/**
 * The attacker's view: every published figure, and the equations that tie each line to its margin.
 * Returns the hidden cells whose count those equations fix exactly (Gaussian elimination over the
 * hidden unknowns: a cell is fixed when its unit vector lies in the span of the equations).
 */
function recoverableCells(t: SuppressedTable): string[] {
  const R = t.rows.length;
  const C = t.columns.length;
  const cellAt = (r: number, c: number) => t.cells[r * (C + 1) + c];
  const hidden: Array<[number, number]> = [];
  for (let r = 0; r <= R; r++) for (let c = 0; c <= C; c++) if (cellAt(r, c)?.suppressed) hidden.push([r, c]);
  const column = new Map(hidden.map(([r, c], i) => [`${r},${c}`, i]));
  // One equation per line: the interior cells minus the margin is zero.
  const equations: number[][] = [];
  const line = (cells: Array<[number, number]>, margin: [number, number]) => {
    const eq = new Array<number>(hidden.length).fill(0);
    for (const [r, c] of cells) {
      const i = column.get(`${r},${c}`);
      if (i !== undefined) eq[i] = (eq[i] ?? 0) + 1;
    }
    const m = column.get(`${margin[0]},${margin[1]}`);
    if (m !== undefined) eq[m] = (eq[m] ?? 0) - 1;
    equations.push(eq);
  };
  for (let r = 0; r <= R; r++) line(Array.from({ length: C }, (_, c): [number, number] => [r, c]), [r, C]);
  for (let c = 0; c <= C; c++) line(Array.from({ length: R }, (_, r): [number, number] => [r, c]), [R, c]);
  const rank = (m: number[][]) => {
    const a = m.map((row) => [...row]);
    let rk = 0;
    for (let col = 0; col < hidden.length && rk < a.length; col++) {
      const pivot = a.findIndex((row, i) => i >= rk && Math.abs(row[col] ?? 0) > 1e-9);
      if (pivot < 0) continue;
      [a[rk], a[pivot]] = [a[pivot] as number[], a[rk] as number[]];
      const p = a[rk] as number[];
      for (let i = 0; i < a.length; i++) {
        const row = a[i] as number[];
        if (i === rk || Math.abs(row[col] ?? 0) < 1e-12) continue;
        const f = (row[col] ?? 0) / (p[col] ?? 1);
        for (let j = 0; j < hidden.length; j++) row[j] = (row[j] ?? 0) - f * (p[j] ?? 0);
      }
      rk++;
    }
    return rk;
  };
  const base = rank(equations);
  return hidden.flatMap(([r, c], i) => {
    const unit = new Array<number>(hidden.length).fill(0);
    unit[i] = 1;
    return rank([...equations, unit]) === base ? [`${r},${c}`] : [];
  });
}

describe("suppressTable", () => {
  it("publishes every cell and margin when all hold at least k people", () => {
    const t = table([
      [10, 12],
      [8, 9],
    ]);
    expect(hiddenKeys(t)).toEqual([]);
    expect(tableCell(t, null, null)).toMatchObject({ n: 39, suppressed: false });
    expect(tableCell(t, "r1", null)).toMatchObject({ n: 17, suppressed: false });
  });

  it("hides a small cell and enough others that no row, column or margin gives it back", () => {
    // Area r0 at wave c1 has 3 people. Hiding it and one neighbour in its row is not enough: the
    // neighbour's column would then give the neighbour back, and with it the small cell.
    const t = table([
      [20, 3, 15],
      [18, 12, 25],
      [30, 22, 19],
    ]);
    expect(tableCell(t, "r0", "c1")).toMatchObject({ suppressed: true, reason: "below_threshold" });
    expect(recoverableCells(t)).toEqual([]);
    // Along each line, hidden cells come at least in pairs.
    for (const r of [...t.rows, null]) {
      const hidden = [...t.columns, null].filter((c) => tableCell(t, r, c).suppressed).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
  });

  it("defeats the subtraction of an area's other waves from the area's total", () => {
    // The attack: area r0 over all waves, minus r0 at c0 and c2, would leave r0 at c1.
    const t = table([
      [9, 2, 11],
      [14, 16, 12],
    ]);
    const published = (r: string | null, c: string | null) => !tableCell(t, r, c).suppressed;
    const attack = published("r0", null) && published("r0", "c0") && published("r0", "c2");
    expect(attack).toBe(false);
    expect(recoverableCells(t)).toEqual([]);
  });

  it("hides a small margin too, and protects it against the grand total", () => {
    const t = table([
      [2, 1],
      [20, 30],
      [15, 25],
    ]);
    expect(tableCell(t, "r0", null)).toMatchObject({ suppressed: true, reason: "below_threshold" });
    expect(recoverableCells(t)).toEqual([]);
  });

  it("keeps every published figure, hidden or not, on its real count for the caller", () => {
    const t = table([[3, 40]]);
    expect(tableCell(t, "r0", "c0")).toMatchObject({ n: 3, suppressed: true });
    expect(tableCell(t, null, null)).toMatchObject({ n: 43, suppressed: false });
  });

  it("never hides an empty cell, and hides nothing in an empty table", () => {
    const t = table([
      [0, 0],
      [0, 0],
    ]);
    expect(hiddenKeys(t)).toEqual([]);
    const u = table([
      [0, 3],
      [0, 20],
    ]);
    expect(tableCell(u, "r0", "c0").suppressed).toBe(false);
  });

  it("(the checker) finds the cell that one-way suppression of each row leaves exposed", () => {
    // Each row protected on its own: r0 hides c1 (2) and c0 (9); r1 publishes everything. Column c0's
    // margin minus r1's c0 then gives r0's c0, and r0's margin gives c1.
    const t = table([
      [9, 2, 11],
      [14, 16, 12],
    ]);
    const naive: SuppressedTable = {
      ...t,
      cells: t.cells.map((cell) => {
        const hide = cell.row === "r0" && (cell.column === "c0" || cell.column === "c1");
        return hide ? { ...cell, suppressed: true, reason: "below_threshold" } : { ...cell, suppressed: false };
      }),
    };
    expect(recoverableCells(naive)).toEqual(["0,0", "0,1"]);
  });

  it("refuses a threshold below one and repeated keys", () => {
    expect(() => table([[1]], 0)).toThrow(RangeError);
    expect(() => suppressTable(["a", "a"], ["x"], [])).toThrow(RangeError);
  });

  it("leaves no hidden cell recoverable and no small figure published, for any table", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((rows) =>
          fc.integer({ min: 1, max: 4 }).chain((columns) =>
            fc.record({
              grid: fc.array(
                fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), {
                  minLength: columns,
                  maxLength: columns,
                }),
                { minLength: rows, maxLength: rows },
              ),
              k: fc.integer({ min: 2, max: 6 }),
            }),
          ),
        ),
        ({ grid, k }) => {
          const t = table(grid, k);
          for (const cell of t.cells) {
            if (!cell.suppressed) expect(cell.n === 0 || cell.n >= k).toBe(true);
          }
          expect(recoverableCells(t)).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });
});
