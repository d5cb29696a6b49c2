import { CsvActions } from "../dashboard/CsvActions.tsx";
import { toCsv } from "../dashboard/csv.ts";
import type { DisplayTable } from "./display-table.ts";

/**
 * A release table. Its scroll box (on a narrow screen) is a named, focusable region so it can be
 * scrolled with the keyboard; the CSV copy and download hold exactly the text shown.
 */
export function ReleaseTableView({
  caption,
  table,
  filename,
}: {
  caption: string;
  table: DisplayTable;
  filename: string;
}) {
  return (
    <div className="figure-table">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="table-scroll" aria-label={`Table: ${caption}`} tabIndex={0}>
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {table.header.map((h, i) => (
                <th key={h} scope="col" className={i > 0 ? "num" : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, i) =>
                  i === 0 ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells of one row are positional
                    <th key={i} scope="row">
                      {cell}
                    </th>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells of one row are positional
                    <td key={i} className="num">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="no-print">
        <CsvActions
          what={caption}
          filename={filename}
          csv={() =>
            toCsv(
              table.header,
              table.rows.map((r) => r.cells),
            )
          }
        />
      </div>
    </div>
  );
}
