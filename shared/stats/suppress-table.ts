import { DEFAULT_SUPPRESSION_THRESHOLD, type SuppressionReason } from "./suppress.ts";

/**
 * Small-number suppression of a two-way table published together with its margins, as the outcome
 * dashboard publishes an indicator by area × wave: every area at one wave, every wave in one area, an
 * area over all waves, a wave over all areas and the grand total are all figures a reader can ask for
 * (with the area and wave filters and the two breakdowns). `suppressBreakdown` protects one breakdown
 * against its own total; here every row, every column and both margins are protected at once, so a
 * hidden cell cannot be worked out by subtracting published figures along any line, or along any
 * chain of lines.
 *
 * The table is read as the linear system every published figure takes part in: in each row the cells
 * add up to the row's margin, in each column to the column's margin, and the margins to the grand
 * total. A hidden cell's count is exactly recoverable from published figures if and only if it is a
 * bridge of the graph whose vertices are the lines (rows and columns, margins included) and whose edges
 * are the hidden cells: on one side of a bridge, adding the row equations and subtracting the column
 * equations leaves the bridge alone. A hidden cell on a cycle can move up and down along the cycle
 * without changing any published figure, so it cannot be read off.
 *
 * Steps, repeated until nothing changes:
 * 1. primary: hide every figure (cell, margin or total) about 0 < n < k people, and any non-empty cell
 *    the caller asks to hide (`alsoHide`);
 * 2. along every line with a hidden figure: if it is the only one, or the hidden cells of a line whose
 *    margin is published hold fewer than k people between them (their sum is the margin minus the rest),
 *    also hide the line's smallest non-empty published cell;
 * 3. while a hidden cell is a bridge, hide the smallest non-empty published cell beside it (same row,
 *    else same column, else in a margin) to put it on a cycle.
 *
 * Empty cells are never hidden: a zero reveals no one, and readers know a hidden cell is not empty.
 * Like `suppressBreakdown` this stops a figure being recovered exactly; it does not stop someone
 * narrowing a hidden cell to a range, which would need linear programming to rule out.
 */

export interface TableCount {
  row: string;
  column: string;
  n: number;
}

/** `row` or `column` null means the margin over all rows or all columns; both null is the grand total. */
export type TableCell = { row: string | null; column: string | null; n: number } & (
  | { suppressed: false }
  | { suppressed: true; reason: SuppressionReason }
);

export interface SuppressedTable {
  rows: string[];
  columns: string[];
  /** Every cell, both margins and the total, in row-major order with the margins last. */
  cells: TableCell[];
}

/**
 * @param rows and @param columns the keys in display order; cells not listed in `counts` are empty.
 * Counts stay on hidden cells for the caller's own use: the caller must drop them before sending.
 */
export function suppressTable(
  rows: readonly string[],
  columns: readonly string[],
  counts: readonly TableCount[],
  k = DEFAULT_SUPPRESSION_THRESHOLD,
  options: {
    /**
     * Cells to hide as if they were below k (null for a margin): say, cells whose figure would reveal
     * a smaller group inside them. They are protected like any other hidden cell.
     */
    alsoHide?: ReadonlyArray<{ row: string | null; column: string | null }>;
  } = {},
): SuppressedTable {
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`Suppression threshold must be an integer >= 1, got ${k}`);
  const R = rows.length;
  const C = columns.length;
  const rowIndex = indexOf(rows, "row");
  const columnIndex = indexOf(columns, "column");

  // (R + 1) × (C + 1): the last row and the last column are the margins.
  const n: number[][] = Array.from({ length: R + 1 }, () => new Array<number>(C + 1).fill(0));
  for (const count of counts) {
    if (!Number.isInteger(count.n) || count.n < 0) {
      throw new RangeError(`A cell count must be a non-negative integer, got ${count.n}`);
    }
    const r = rowIndex.get(count.row);
    const c = columnIndex.get(count.column);
    if (r === undefined || c === undefined)
      throw new RangeError(`Unknown cell ${count.row} × ${count.column}`);
    at(n, r)[c] = (at(n, r)[c] ?? 0) + count.n;
  }
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const value = at(n, r)[c] ?? 0;
      at(n, r)[C] = (at(n, r)[C] ?? 0) + value;
      at(n, R)[c] = (at(n, R)[c] ?? 0) + value;
      at(n, R)[C] = (at(n, R)[C] ?? 0) + value;
    }
  }

  const hidden: (SuppressionReason | null)[][] = n.map((line) =>
    line.map((count) => (count > 0 && count < k ? "below_threshold" : null)),
  );
  for (const cell of options.alsoHide ?? []) {
    const r = cell.row === null ? R : rowIndex.get(cell.row);
    const c = cell.column === null ? C : columnIndex.get(cell.column);
    if (r === undefined || c === undefined) throw new RangeError(`Unknown cell ${cell.row} × ${cell.column}`);
    if ((at(n, r)[c] ?? 0) > 0) at(hidden, r)[c] = "below_threshold";
  }
  const count = (r: number, c: number) => at(n, r)[c] ?? 0;
  const isHidden = (r: number, c: number) => at(hidden, r)[c] != null;
  const hide = (r: number, c: number) => {
    at(hidden, r)[c] = "complement";
  };

  // Nothing hidden, nothing to protect: the common case on a large table, so skip the search.
  if (hidden.every((line) => line.every((reason) => reason === null))) {
    return { rows: [...rows], columns: [...columns], cells: tableCells(rows, columns, n, hidden) };
  }

  // Lines as lists of [r, c], the margin cell last.
  const lines: Array<Array<[number, number]>> = [];
  for (let r = 0; r <= R; r++) lines.push(Array.from({ length: C + 1 }, (_, c): [number, number] => [r, c]));
  for (let c = 0; c <= C; c++) lines.push(Array.from({ length: R + 1 }, (_, r): [number, number] => [r, c]));

  const smallestPublished = (candidates: Array<[number, number]>): [number, number] | undefined => {
    let best: [number, number] | undefined;
    for (const [r, c] of candidates) {
      if (
        count(r, c) > 0 &&
        !isHidden(r, c) &&
        (best === undefined || count(r, c) < count(best[0], best[1]))
      ) {
        best = [r, c];
      }
    }
    return best;
  };

  for (;;) {
    let changed = false;
    for (const line of lines) {
      const interior = line.slice(0, -1);
      const margin = line[line.length - 1];
      if (!margin) continue;
      const hiddenCells = line.filter(([r, c]) => isHidden(r, c));
      if (hiddenCells.length === 0) continue;
      const hiddenInterior = interior
        .filter(([r, c]) => isHidden(r, c))
        .reduce((s, [r, c]) => s + count(r, c), 0);
      const exposed =
        hiddenCells.length === 1 ||
        (!isHidden(margin[0], margin[1]) && hiddenInterior > 0 && hiddenInterior < k);
      if (!exposed) continue;
      const next = smallestPublished(interior) ?? smallestPublished([margin]);
      if (next) {
        hide(next[0], next[1]);
        changed = true;
      }
    }
    if (changed) continue;

    const bridge = findBridge(R, C, isHidden);
    if (!bridge) break;
    const [r, c] = bridge;
    const row = Array.from({ length: C + 1 }, (_, j): [number, number] => [r, j]);
    const column = Array.from({ length: R + 1 }, (_, i): [number, number] => [i, c]);
    const margins = [
      ...Array.from({ length: C + 1 }, (_, j): [number, number] => [R, j]),
      ...Array.from({ length: R }, (_, i): [number, number] => [i, C]),
    ];
    const next = smallestPublished(row) ?? smallestPublished(column) ?? smallestPublished(margins);
    if (!next) break; // Everything non-empty is hidden already; nothing more can be done.
    hide(next[0], next[1]);
  }

  return { rows: [...rows], columns: [...columns], cells: tableCells(rows, columns, n, hidden) };
}

function tableCells(
  rows: readonly string[],
  columns: readonly string[],
  n: number[][],
  hidden: (SuppressionReason | null)[][],
): TableCell[] {
  const R = rows.length;
  const C = columns.length;
  const cells: TableCell[] = [];
  for (let r = 0; r <= R; r++) {
    for (let c = 0; c <= C; c++) {
      const reason = at(hidden, r)[c] ?? null;
      const row = r < R ? (rows[r] ?? null) : null;
      const column = c < C ? (columns[c] ?? null) : null;
      const count = at(n, r)[c] ?? 0;
      cells.push(
        reason === null
          ? { row, column, n: count, suppressed: false }
          : { row, column, n: count, suppressed: true, reason },
      );
    }
  }
  return cells;
}

/** The cell of a suppressed table; null for a row or column means its margin. */
export function tableCell(table: SuppressedTable, row: string | null, column: string | null): TableCell {
  const r = row === null ? table.rows.length : table.rows.indexOf(row);
  const c = column === null ? table.columns.length : table.columns.indexOf(column);
  if (r < 0 || c < 0) return { row, column, n: 0, suppressed: false };
  const cell = table.cells[r * (table.columns.length + 1) + c];
  if (!cell) throw new Error("unreachable: the table has every cell");
  return cell;
}

function indexOf(keys: readonly string[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  keys.forEach((key, i) => {
    if (index.has(key)) throw new RangeError(`Table ${what}s must have distinct keys, got "${key}" twice`);
    index.set(key, i);
  });
  return index;
}

function at<T>(grid: T[][], r: number): T[] {
  const line = grid[r];
  if (!line) throw new Error(`unreachable: no line ${r}`);
  return line;
}

/**
 * A hidden cell that is a bridge of the line graph (rows 0..R and columns 0..C as vertices, hidden
 * cells as edges), or undefined. Tarjan's bridge search; the graph has at most a few dozen vertices.
 */
function findBridge(
  R: number,
  C: number,
  isHidden: (r: number, c: number) => boolean,
): [number, number] | undefined {
  // Vertex ids: rows 0..R, columns R+1..R+1+C.
  const vertices = R + C + 2;
  const adjacent: Array<Array<{ to: number; edge: [number, number] }>> = Array.from(
    { length: vertices },
    () => [],
  );
  for (let r = 0; r <= R; r++) {
    for (let c = 0; c <= C; c++) {
      if (!isHidden(r, c)) continue;
      const edge: [number, number] = [r, c];
      adjacent[r]?.push({ to: R + 1 + c, edge });
      adjacent[R + 1 + c]?.push({ to: r, edge });
    }
  }
  const discovered = new Array<number>(vertices).fill(-1);
  const low = new Array<number>(vertices).fill(0);
  let time = 0;
  let found: [number, number] | undefined;

  const visit = (v: number, viaEdge: [number, number] | undefined): void => {
    discovered[v] = time;
    low[v] = time;
    time += 1;
    for (const { to, edge } of adjacent[v] ?? []) {
      if (found) return;
      if (edge === viaEdge) continue;
      if ((discovered[to] ?? -1) === -1) {
        visit(to, edge);
        low[v] = Math.min(low[v] ?? 0, low[to] ?? 0);
        if ((low[to] ?? 0) > (discovered[v] ?? 0)) found = edge;
      } else {
        low[v] = Math.min(low[v] ?? 0, discovered[to] ?? 0);
      }
    }
  };
  for (let v = 0; v < vertices && !found; v++) {
    if ((discovered[v] ?? -1) === -1) visit(v, undefined);
  }
  return found;
}
