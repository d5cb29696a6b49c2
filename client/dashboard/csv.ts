import { spreadsheetSafe } from "../../shared/spreadsheet-cell.ts";

/**
 * A table as CSV (RFC 4180): every field quoted when it needs to be, CRLF line ends. These files are
 * for spreadsheets, so every cell that a spreadsheet would run as a formula is neutralised.
 */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const field = (value: string | number) => {
    const safe = spreadsheetSafe(String(value));
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return [header, ...rows].map((row) => row.map(field).join(",")).join("\r\n");
}

const NUMBER = String.raw`[-−]?\d[\d,]*(?:\.\d+)?%?`;
const INTERVAL = new RegExp(`^(${NUMBER}) to (${NUMBER})$`);

/** "2.42 to 2.72" as ["2.42", "2.72"]; null for anything else. */
export function parseInterval(cell: string | number): [string, string] | null {
  const m = INTERVAL.exec(String(cell).trim());
  return m?.[1] !== undefined && m[2] !== undefined ? [m[1], m[2]] : null;
}

/**
 * A table's confidence intervals as separate lower and upper columns, so a spreadsheet reads them as
 * numbers. A column whose header names an interval ("95% CI") becomes "<header> lower" and
 * "<header> upper" (a cell that is not an interval, such as "not shown", goes in the lower column
 * and leaves the upper empty). In a two-column figure/value table, a row whose value is an interval
 * becomes two rows, "<figure>, lower" and "<figure>, upper".
 */
export function splitIntervals(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): { header: string[]; rows: (string | number)[][] } {
  const intervalColumns = header.flatMap((h, i) => (/\bCI\b|interval/i.test(h) && i > 0 ? [i] : []));
  if (intervalColumns.length > 0) {
    const split = (row: ReadonlyArray<string | number>) =>
      row.flatMap((cell, i): (string | number)[] => {
        if (!intervalColumns.includes(i)) return [cell];
        const parsed = parseInterval(cell);
        return parsed ?? [cell, ""];
      });
    return {
      header: header.flatMap((h, i) => (intervalColumns.includes(i) ? [`${h} lower`, `${h} upper`] : [h])),
      rows: rows.map(split),
    };
  }
  if (header.length === 2) {
    return {
      header: [...header],
      rows: rows.flatMap((row) => {
        const [label, value] = row;
        const parsed = value === undefined ? null : parseInterval(value);
        return parsed
          ? [
              [`${label}, lower`, parsed[0]],
              [`${label}, upper`, parsed[1]],
            ]
          : [[...row]];
      }),
    };
  }
  return { header: [...header], rows: rows.map((r) => [...r]) };
}

export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
