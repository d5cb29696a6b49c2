import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SuppressedTable, suppressTable, tableCell } from "../../../shared/stats/suppress-table.ts";
import { determinedUnknowns } from "../../helpers/linear-recovery.ts";

/** A table of counts as a list of rows, one number per column. */
function table(grid: number[][], k = 5): SuppressedTable {
  const rows = grid.map((_, r) => `r${r}`);
  const columns = (grid[0] ?? []).map((_, c) => `c${c}`);
  const counts = grid.flatMap((line, r) => line.map((n, c) => ({ row: `r${r}`, column: `c${c}`, n })));
  return suppressTable(rows, columns, counts, k);
}

const hiddenKeys = (t: SuppressedTable) =>
  t.cells.filter((cell) => cell.suppressed).map((cell) => `${cell.row ?? "all"}×${cell.column ?? "all"}`);

/** Hidden cells of the table whose counts the published figures and the line equations fix exactly. */
function recoverableCells(t: SuppressedTable): string[] {
  const R = t.rows.length;
  const C = t.columns.length;
  const name = (r: number, c: number) => `${r},${c}`;
  const cellAt = (r: number, c: number) => t.cells[r * (C + 1) + c];
  const hidden: string[] = [];
  for (let r = 0; r <= R; r++)
    for (let c = 0; c <= C; c++) if (cellAt(r, c)?.suppressed) hidden.push(name(r, c));
  // Each line: its cells minus its margin is zero. Published cells are known, so only hidden ones remain.
  const equations: Array<Array<[string, number]>> = [];
  for (let r = 0; r <= R; r++) {
    equations.push([
      ...Array.from({ length: C }, (_, c): [string, number] => [name(r, c), 1]),
      [name(r, C), -1],
    ]);
  }
  for (let c = 0; c <= C; c++) {
    equations.push([
      ...Array.from({ length: R }, (_, r): [string, number] => [name(r, c), 1]),
      [name(R, c), -1],
    ]);
  }
  return determinedUnknowns(hidden, equations);
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
        return hide
          ? { ...cell, suppressed: true, reason: "below_threshold" }
          : { ...cell, suppressed: false };
      }),
    };
    expect(recoverableCells(naive)).toEqual(["0,0", "0,1"]);
  });

  it("protects cells the caller asks to hide as if they were small, margins included", () => {
    const grid = [
      [20, 12, 15],
      [18, 12, 25],
    ];
    const t = suppressTable(
      ["r0", "r1"],
      ["c0", "c1", "c2"],
      grid.flatMap((line, r) => line.map((n, c) => ({ row: `r${r}`, column: `c${c}`, n }))),
      5,
      { alsoHide: [{ row: "r0", column: "c1" }] },
    );
    expect(tableCell(t, "r0", "c1")).toMatchObject({ suppressed: true, reason: "below_threshold" });
    expect(recoverableCells(t)).toEqual([]);
    expect(() => suppressTable(["r0"], ["c0"], [], 5, { alsoHide: [{ row: "nope", column: null }] })).toThrow(
      RangeError,
    );
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
