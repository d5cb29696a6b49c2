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
