import {
  type SuppressedTable,
  suppressTable,
  type TableCell,
  tableCell,
} from "../../../shared/stats/suppress-table.ts";
import type { BucketRow, PartRow } from "../aggregates/indicator-values.repository.ts";
import type { IndicatorDef } from "../indicator-catalogue.ts";
import { categories, meanRevealsCounts } from "../page/figures.ts";

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
  const columns = waves.map(String);
  const areaIndex = new Map(areas.map((a, i) => [a, i]));
  const waveIndex = new Map(waves.map((w, i) => [w, i]));
  const R = areas.length;
  const C = waves.length;
  // At k = 1 (the analyst's exact view) no count is small: the three tables are one, and the bars,
  // skipped and declined counts that only decide what else to hide need not be added up (0056).
  const exact = k <= 1;
  const cats = categories(def);
  // Per cell and margin (index r × (C + 1) + c, the margins last): answers per category, skipped, declined.
  const size = (R + 1) * (C + 1);
  const bars: Array<Map<string, number> | undefined> = new Array(size);
  const skipped = new Array<number>(size).fill(0);
  const declined = new Array<number>(size).fill(0);
  const answeredN = new Array<number>(R * C).fill(0);
  for (const r of rows) {
    const ri = areaIndex.get(r.areaId);
    const ci = waveIndex.get(r.wave);
    if (ri === undefined || ci === undefined) continue;
    if (r.status === "answered") answeredN[ri * C + ci] = (answeredN[ri * C + ci] ?? 0) + r.n;
    if (exact) continue;
    const at = [ri * (C + 1) + ci, ri * (C + 1) + C, R * (C + 1) + ci, R * (C + 1) + C];
    if (r.status === "answered") {
      const bar = cats.keyOf(r);
      for (const i of at) {
        let m = bars[i];
        if (!m) {
          m = new Map();
          bars[i] = m;
        }
        m.set(bar, (m.get(bar) ?? 0) + r.n);
      }
    } else if (r.status === "skipped") {
      for (const i of at) skipped[i] = (skipped[i] ?? 0) + r.n;
    } else if (r.status === "declined") {
      for (const i of at) declined[i] = (declined[i] ?? 0) + r.n;
    }
  }
  const answered: { row: string; column: string; n: number }[] = [];
  for (let ri = 0; ri < R; ri++) {
    for (let ci = 0; ci < C; ci++) {
      const n = answeredN[ri * C + ci] ?? 0;
      if (n > 0) answered.push({ row: areas[ri] ?? "", column: columns[ci] ?? "", n });
    }
  }
  const cellKey = (i: number): { row: Key; column: Key } => {
    const ri = Math.floor(i / (C + 1));
    const ci = i % (C + 1);
    return { row: ri < R ? (areas[ri] ?? null) : null, column: ci < C ? (columns[ci] ?? null) : null };
  };
  const where = (test: (i: number) => boolean) => {
    const out: { row: Key; column: Key }[] = [];
    for (let i = 0; i < size; i++) if (test(i)) out.push(cellKey(i));
    return out;
  };
  const small = (n: number) => n > 0 && n < k;
  const counts = suppressTable(areas, columns, answered, k);
  if (exact)
    return { counts, values: counts, completeness: counts, meanFollowsValues: meanRevealsCounts(def) };
  const countsHidden = counts.cells.filter((c) => c.suppressed).map(({ row, column }) => ({ row, column }));
  const smallBar = (i: number) => {
    const m = bars[i];
    if (!m) return false;
    for (const n of m.values()) if (small(n)) return true;
    return false;
  };
  const values = suppressTable(areas, columns, answered, k, {
    alsoHide: [...countsHidden, ...where(smallBar)],
  });
  const completeness = suppressTable(areas, columns, answered, k, {
    alsoHide: [...countsHidden, ...where((i) => small(skipped[i] ?? 0) || small(declined[i] ?? 0))],
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

/** Area-waves of questions (survey, question, area, wave), looked up without building a key per row. */
export class AreaWaves {
  private readonly byQuestion = new Map<string, Map<string, Set<number>>>();
  private lastSurvey = "";
  private lastQuestion = "";
  private last: Map<string, Set<number>> | undefined;

  add(surveyId: string, question: string, areaId: string, wave: number): void {
    const key = `${surveyId}\u0000${question}`;
    let areas = this.byQuestion.get(key);
    if (!areas) {
      areas = new Map();
      this.byQuestion.set(key, areas);
    }
    let waves = areas.get(areaId);
    if (!waves) {
      waves = new Set();
      areas.set(areaId, waves);
    }
    waves.add(wave);
    this.lastSurvey = "";
    this.lastQuestion = "";
  }

  has(surveyId: string, question: string, areaId: string, wave: number): boolean {
    if (surveyId !== this.lastSurvey || question !== this.lastQuestion) {
      this.lastSurvey = surveyId;
      this.lastQuestion = question;
      this.last = this.byQuestion.get(`${surveyId}\u0000${question}`);
    }
    return this.last?.get(areaId)?.has(wave) ?? false;
  }
}

/**
 * With a version, mode or month filter, an area-wave is cut into parts. Only area-waves where every
 * part holds, of every answer (status, value or bin, choice), none or at least k may appear in the
 * filtered view (`smallParts` returns the others): then every count a filtered view publishes, and
 * anything two views can be subtracted into, is a sum of such pieces of none or at least k.
 */
export function unsafeAreaWaves(parts: readonly PartRow[], k: number): AreaWaves {
  const unsafe = new AreaWaves();
  for (const part of parts) {
    if (part.n > 0 && part.n < k) unsafe.add(part.surveyId, part.question, part.areaId, part.wave);
  }
  return unsafe;
}
