import type { ReleaseColumn, ReleaseRow, ReleaseTable } from "../../shared/contract/releases.ts";
import type { ChartBar } from "../dashboard/BarChart.tsx";
import { cellText, valueText, WITHHELD_TEXT } from "./format.ts";

export interface ReleaseChart {
  key: string;
  /** Shown above the chart when a table has several (the row it is about); null otherwise. */
  caption: string | null;
  title: string;
  /** Every bar in words, withheld ones as "withheld": the chart's accessible description. */
  description: string;
  bars: ChartBar[];
}

/** Whether a chart would draw nothing: every one of its figures is withheld. */
export function everyBarWithheld(chart: ReleaseChart): boolean {
  return chart.bars.every((b) => b.text === WITHHELD_TEXT);
}

const list = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });
const SEE_TABLE = "The table below shows what is published.";

/** What to say in place of the charts that would draw nothing, naming their rows; null when none. */
export function notDrawnNote(charts: ReleaseChart[]): string | null {
  const empty = charts.filter(everyBarWithheld);
  if (empty.length === 0) return null;
  const named = empty.flatMap((chart) => (chart.caption === null ? [] : [chart.caption]));
  if (empty.length < charts.length && named.length === empty.length) {
    const them = named.length === 1 ? "it" : "they";
    return `No chart for ${list.format(named)}: every figure ${them} would show is withheld. ${SEE_TABLE}`;
  }
  return charts.length === 1
    ? `No chart: every figure it would show is withheld. ${SEE_TABLE}`
    : `No charts: every figure they would show is withheld. ${SEE_TABLE}`;
}

/**
 * What a release table draws, for the dashboard's bar chart:
 * - answer shares: one chart per row (area, round), a bar per answer on a 0–100% axis;
 * - counts only, one row (a change: better, the same, worse): a bar per count;
 * - counts only, several rows (interviews per area and round): a bar per row of the first count.
 * Averages and likely ranges stay in the table. A withheld figure is an empty bar marked "withheld",
 * never a number; axes are scaled only by published figures.
 */
export function chartsFor(table: ReleaseTable): ReleaseChart[] {
  const shares = table.columns.filter((c) => c.kind === "percent");
  const counts = table.columns.filter((c) => c.kind === "count");
  const countLabel = (column: ReleaseColumn) =>
    table.columns.find((c) => c.key === column.of && c.kind === "count")?.label ?? column.label;

  if (shares.length > 0) {
    return table.rows.map((row) => ({
      key: row.key,
      caption: table.rows.length > 1 ? row.label : null,
      title: `${table.title}: ${row.label}`,
      description: shares.map((c) => `${countLabel(c)}: ${cellText(c, row.cells[c.key])}`).join("; "),
      bars: shares.map((c) => ({ ...bar(c, row, 100), label: countLabel(c) })),
    }));
  }
  const [row] = table.rows;
  if (counts.length > 0 && row && table.rows.length === 1) {
    const max = maxIn(counts, [row]);
    return [
      {
        key: row.key,
        caption: null,
        title: `${table.title}: ${row.label}`,
        description: counts.map((c) => `${c.label}: ${cellText(c, row.cells[c.key])}`).join("; "),
        bars: counts.map((c) => bar(c, row, max)),
      },
    ];
  }
  const [first] = counts;
  if (first && table.rows.length > 1) {
    const max = maxIn([first], table.rows);
    return [
      {
        key: first.key,
        // The bars are rows (areas, rounds): the caption says what they count.
        caption: first.label,
        title: `${table.title}: ${first.label}`,
        description: table.rows.map((r) => `${r.label}: ${cellText(first, r.cells[first.key])}`).join("; "),
        bars: table.rows.map((r) => ({ ...bar(first, r, max), key: r.key, label: r.label })),
      },
    ];
  }
  return [];
}

function bar(column: ReleaseColumn, row: ReleaseRow, max: number): ChartBar {
  const cell = row.cells[column.key];
  if (!cell?.published) return { key: column.key, label: column.label, value: 0, text: WITHHELD_TEXT };
  return {
    key: column.key,
    label: column.label,
    value: max > 0 ? cell.value / max : 0,
    text: valueText(column.kind, cell.value),
  };
}

function maxIn(columns: ReleaseColumn[], rows: ReleaseRow[]): number {
  let max = 0;
  for (const row of rows)
    for (const column of columns) {
      const cell = row.cells[column.key];
      if (cell?.published && cell.value > max) max = cell.value;
    }
  return max;
}
