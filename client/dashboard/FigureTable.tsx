import type { ReactNode } from "react";
import { CsvActions } from "./CsvActions.tsx";
import { splitIntervals, toCsv } from "./csv.ts";

export interface FigureRow {
  key: string;
  /** The first cell is the row's header. */
  cells: string[];
  /** Shown instead of the first cell (a link, say); the CSV keeps the first cell's text. */
  head?: ReactNode;
}

/**
 * A figure as a table: every chart on the dashboard has one, and every table can be copied or
 * downloaded as CSV with exactly the text shown (suppressed cells stay "fewer than k").
 */
export function FigureTable({
  caption,
  header,
  rows,
  filename,
  numeric = [],
}: {
  caption: string;
  header: string[];
  rows: FigureRow[];
  filename: string;
  /** Columns to right-align. */
  numeric?: number[];
}) {
  const align = (i: number) => (numeric.includes(i) ? "num" : undefined);
  return (
    <div className="figure-table">
      <div className="table-scroll">
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={h} scope="col" className={align(i)}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, i) =>
                  i === 0 ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells of one row are positional
                    <th key={i} scope="row">
                      {row.head ?? cell}
                    </th>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells of one row are positional
                    <td key={i} className={align(i)}>
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CsvActions
        what={caption}
        filename={filename}
        csv={() => {
          const table = splitIntervals(
            header,
            rows.map((r) => r.cells),
          );
          return toCsv(table.header, table.rows);
        }}
      />
    </div>
  );
}
