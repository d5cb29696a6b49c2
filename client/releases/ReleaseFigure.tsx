import type { ReactNode } from "react";
import type {
  ReleaseAnnotation,
  ReleaseColumn,
  ReleaseRow,
  ReleaseTable,
} from "../../shared/contract/releases.ts";
import { releaseBreakdownLabels } from "../../shared/contract/releases.ts";
import { BarChart, type ChartBar } from "../dashboard/BarChart.tsx";
import { FigureTable } from "../dashboard/FigureTable.tsx";
import { cellText, dateText, valueText } from "./format.ts";

/**
 * One table of a release: its chart(s) as accessible SVG (the dashboard's bar chart), the table with
 * every figure (the dashboard's figure table), and the experts' notes on it. A withheld figure is drawn
 * as an empty bar marked "withheld"; the table and the chart's description say why.
 *
 * What is drawn: the shares of each answer (one chart per row when the table is split by area or
 * round), or, for a table of counts only, the first count for each row. Averages and likely ranges are
 * in the table.
 */
export function ReleaseFigure({
  table,
  k,
  annotations,
  headingLevel,
  children,
}: {
  table: ReleaseTable;
  k: number;
  annotations: ReleaseAnnotation[];
  headingLevel: 2 | 3;
  /** Extra content under the notes (an expert's form to add one). */
  children?: ReactNode;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const NotesHeading = headingLevel === 2 ? "h3" : "h4";
  const headingId = `figure-${table.id}`;
  const shares = table.columns.filter((c) => c.kind === "percent");
  const counts = table.columns.filter((c) => c.kind === "count");
  const rowHeader = table.breakdown ? releaseBreakdownLabels[table.breakdown] : "Group";
  return (
    <section className="release-figure" aria-labelledby={headingId}>
      <Heading id={headingId}>{table.title}</Heading>
      {table.indicator && <p className="muted">The question asked: “{table.indicator.title}”</p>}
      {shares.length > 0 ? (
        table.rows.map((row) => (
          <BarChart
            key={row.key}
            title={`${table.title}: ${row.label}`}
            description={describe(shares, row, k)}
            bars={shares.map((column) => bar(column, row, 100))}
          />
        ))
      ) : counts[0] && table.rows.length > 0 ? (
        <BarChart
          title={`${table.title}: ${counts[0].label}`}
          description={table.rows
            .map(
              (row) =>
                `${row.label}: ${cellText(counts[0] as ReleaseColumn, row.cells[counts[0]?.key ?? ""], k)}`,
            )
            .join("; ")}
          bars={table.rows.map((row) => ({
            ...bar(counts[0] as ReleaseColumn, row, maxOf(table, counts[0] as ReleaseColumn)),
            key: row.key,
            label: row.label,
          }))}
        />
      ) : null}
      <FigureTable
        caption={table.title}
        header={[rowHeader, ...table.columns.map((c) => c.label)]}
        rows={table.rows.map((row) => ({
          key: row.key,
          cells: [row.label, ...table.columns.map((c) => cellText(c, row.cells[c.key], k))],
        }))}
        filename={`${table.id}.csv`}
        numeric={table.columns.map((_, i) => i + 1)}
      />
      {annotations.length > 0 && (
        <div className="release-notes">
          <NotesHeading className="release-notes__heading">What experts by experience said</NotesHeading>
          {annotations.map((note) => (
            <blockquote key={note.id} className="release-note">
              <p>
                <strong>What this means:</strong> {note.whatItMeans}
              </p>
              <p>
                <strong>What should change:</strong> {note.whatShouldChange}
              </p>
              <footer>
                {note.by.name}, {dateText(note.createdAt)}
              </footer>
            </blockquote>
          ))}
        </div>
      )}
      {children}
    </section>
  );
}

function describe(columns: ReleaseColumn[], row: ReleaseRow, k: number): string {
  return columns.map((c) => `${c.label}: ${cellText(c, row.cells[c.key], k)}`).join("; ");
}

function bar(column: ReleaseColumn, row: ReleaseRow, max: number): ChartBar {
  const cell = row.cells[column.key];
  if (!cell?.published) return { key: column.key, label: column.label, value: 0, text: "withheld" };
  return {
    key: column.key,
    label: column.label,
    value: max > 0 ? cell.value / max : 0,
    text: valueText(column.kind, cell.value),
  };
}

function maxOf(table: ReleaseTable, column: ReleaseColumn): number {
  let max = 0;
  for (const row of table.rows) {
    const cell = row.cells[column.key];
    if (cell?.published && cell.value > max) max = cell.value;
  }
  return max;
}
