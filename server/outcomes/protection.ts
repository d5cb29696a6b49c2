import { type SuppressedTable, suppressTable, type TableCell, tableCell } from "../../shared/stats/suppress-table.ts";
import type { CellRow, PartRow } from "./indicator-values.repository.ts";

/**
 * Small-number protection across filters and breakdowns (DESIGN §4.7, docs/decisions/0007).
 *
 * An indicator's answered counts by area × wave, with every margin, form one table: the area and wave
 * filters pick one of its cells (an area at a wave, an area over all waves, a wave over all areas, or
 * everything), and the two breakdowns show one of its rows and one of its columns. Protecting the whole
 * table at once with `suppressTable` means no combination of filters and breakdowns gives back a hidden
 * cell by subtraction. The table is built over the caller's whole scope, whatever the filters, so every
 * request sees the same pattern of hidden cells.
 */
export function answeredTable(rows: readonly CellRow[], areas: readonly string[], waves: readonly number[], k: number): SuppressedTable {
  const known = new Set(areas);
  const counts = new Map<string, { row: string; column: string; n: number }>();
  for (const row of rows) {
    if (row.status !== "answered" || !known.has(row.areaId)) continue;
    const key = `${row.areaId}\u0000${row.wave}`;
    const cell = counts.get(key) ?? { row: row.areaId, column: String(row.wave), n: 0 };
    cell.n += row.n;
    counts.set(key, cell);
  }
  const columns = waves.map(String);
  return suppressTable(areas, columns, [...counts.values()].filter((c) => columns.includes(c.column)), k);
}

export function cellOf(table: SuppressedTable, area: string | null, wave: number | null): TableCell {
  return tableCell(table, area, wave === null ? null : String(wave));
}

/** The interior cells (area, wave) a protected table hides. */
export function hiddenCells(table: SuppressedTable): Set<string> {
  const hidden = new Set<string>();
  for (const cell of table.cells) {
    if (cell.suppressed && cell.row !== null && cell.column !== null) hidden.add(`${cell.row}\u0000${cell.column}`);
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
    if (part.n > 0 && part.n < k) unsafe.add(areaWaveKey(part.surveyId, part.question, part.areaId, part.wave));
  }
  return unsafe;
}

export function areaWaveKey(surveyId: string, question: string, areaId: string, wave: number | string): string {
  return `${surveyId}\u0000${question}\u0000${areaId}\u0000${wave}`;
}
