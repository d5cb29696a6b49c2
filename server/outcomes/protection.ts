import {
  type SuppressedTable,
  suppressTable,
  type TableCell,
  tableCell,
} from "../../shared/stats/suppress-table.ts";
import { categories, meanRevealsCounts } from "./figures.ts";
import type { IndicatorDef } from "./indicator-catalogue.ts";
import type { BucketRow, PartRow } from "./indicator-values.repository.ts";

/**
 * Small-number protection across filters and breakdowns (DESIGN §4.7, docs/decisions/0016).
 *
 * An indicator's figures by area × wave, with every margin, form one table: the area and wave filters
 * pick one of its cells (an area at a wave, an area over all waves, a wave over all areas, or
 * everything), and the two breakdowns show one of its rows and one of its columns. Each table is
 * protected whole with `suppressTable`, over the caller's whole scope whatever the filters, so every
 * request sees the same pattern and no combination of requests gives a hidden cell back by subtraction.
 *
 * Three tables per indicator, the same cells, different reasons to hide:
 * - `counts`: how many answered; hidden below k. Governs whether a cell is shown at all.
 * - `values`: also hides every cell where some answer (a distribution bar) was given by 0 < n < k
 *   people. Governs the distribution, and for indicators whose mean fixes the bars (yes/no, three
 *   values) the mean too. Because every bar table follows this one pattern, a bar hidden in one cell
 *   cannot be had by subtracting the same bar of published cells.
 * - `completeness`: also hides cells where skipped or declined holds 0 < n < k.
 */
export interface IndicatorProtection {
  counts: SuppressedTable;
  values: SuppressedTable;
  completeness: SuppressedTable;
  /** The mean is published only where `values` publishes the cell. */
  meanFollowsValues: boolean;
}

type Key = string | null;

export function protectIndicator(
  def: IndicatorDef,
  rows: readonly BucketRow[],
  areas: readonly string[],
  waves: readonly number[],
  k: number,
): IndicatorProtection {
  const known = new Set(areas);
  const columns = waves.map(String);
  const knownWaves = new Set(columns);
  const cats = categories(def);
  const answered = new Map<string, { row: string; column: string; n: number }>();
  // Per cell and margin: answers per category, skipped and declined.
  const tallies = new Map<
    string,
    { row: Key; column: Key; bars: Map<string, number>; skipped: number; declined: number }
  >();
  const tally = (row: Key, column: Key) => {
    const key = `${row}\u0000${column}`;
    let t = tallies.get(key);
    if (!t) {
      t = { row, column, bars: new Map(), skipped: 0, declined: 0 };
      tallies.set(key, t);
    }
    return t;
  };
  for (const r of rows) {
    const column = String(r.wave);
    if (!known.has(r.areaId) || !knownWaves.has(column)) continue;
    for (const t of [
      tally(r.areaId, column),
      tally(r.areaId, null),
      tally(null, column),
      tally(null, null),
    ]) {
      if (r.status === "answered") {
        const bar = cats.keyOf(r);
        t.bars.set(bar, (t.bars.get(bar) ?? 0) + r.n);
      } else if (r.status === "skipped") t.skipped += r.n;
      else if (r.status === "declined") t.declined += r.n;
    }
    if (r.status === "answered") {
      const key = `${r.areaId}\u0000${column}`;
      const cell = answered.get(key) ?? { row: r.areaId, column, n: 0 };
      cell.n += r.n;
      answered.set(key, cell);
    }
  }
  const small = (n: number) => n > 0 && n < k;
  const counts = suppressTable(areas, columns, [...answered.values()], k);
  const countsHidden = counts.cells.filter((c) => c.suppressed).map(({ row, column }) => ({ row, column }));
  const where = (test: (t: { bars: Map<string, number>; skipped: number; declined: number }) => boolean) =>
    [...tallies.values()].filter(test).map(({ row, column }) => ({ row, column }));
  const values = suppressTable(areas, columns, [...answered.values()], k, {
    alsoHide: [...countsHidden, ...where((t) => [...t.bars.values()].some(small))],
  });
  const completeness = suppressTable(areas, columns, [...answered.values()], k, {
    alsoHide: [...countsHidden, ...where((t) => small(t.skipped) || small(t.declined))],
  });
  return { counts, values, completeness, meanFollowsValues: meanRevealsCounts(def) };
}

export function cellOf(table: SuppressedTable, area: string | null, wave: number | null): TableCell {
  return tableCell(table, area, wave === null ? null : String(wave));
}

/** The interior cells (area, wave) a protected table hides. */
export function hiddenCells(table: SuppressedTable): Set<string> {
  const hidden = new Set<string>();
  for (const cell of table.cells) {
    if (cell.suppressed && cell.row !== null && cell.column !== null)
      hidden.add(`${cell.row}\u0000${cell.column}`);
  }
  return hidden;
}

/**
 * With a version, mode or month filter, an area-wave is cut into parts. Only area-waves whose every
 * part is empty or holds at least k answers may appear in the filtered view: then anything that
 * filtered views can be subtracted into is a sum of whole parts of at least k. Keys are
 * survey, question, area and wave.
 */
export function unsafeAreaWaves(parts: readonly PartRow[], k: number): Set<string> {
  const unsafe = new Set<string>();
  for (const part of parts) {
    if (part.n > 0 && part.n < k)
      unsafe.add(areaWaveKey(part.surveyId, part.question, part.areaId, part.wave));
  }
  return unsafe;
}

export function areaWaveKey(
  surveyId: string,
  question: string,
  areaId: string,
  wave: number | string,
): string {
  return `${surveyId}\u0000${question}\u0000${areaId}\u0000${wave}`;
}
