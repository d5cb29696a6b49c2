import { MISSING_VALUE } from "../../shared/contract/exports.ts";
import { spreadsheetSafe } from "../../shared/spreadsheet-cell.ts";

/**
 * CSV as RFC 4180 writes it and R's read.csv and pandas read it: comma-separated, CRLF between records,
 * a field quoted when it holds a comma, a quote, CR or LF (or starts or ends with a space, which some
 * readers trim), quotes inside doubled. Missing is `NA`, unquoted. A NUL character, which no answer
 * means and which stops R reading, becomes U+FFFD.
 */
export function csvRecord(cells: (string | null)[], forSpreadsheets = false): string {
  return `${cells.map((cell) => csvField(cell, forSpreadsheets)).join(",")}\r\n`;
}

/**
 * With `forSpreadsheets`, a cell a spreadsheet would run as a formula is neutralised (issue 14,
 * finding 7); the files for R and pandas are written without it, exactly as the answers were given.
 */
function csvField(cell: string | null, forSpreadsheets: boolean): string {
  if (cell === null) return MISSING_VALUE;
  const whole = cell.includes("\u0000") ? cell.replaceAll("\u0000", "\uFFFD") : cell;
  const text = forSpreadsheets ? spreadsheetSafe(whole) : whole;
  return /[",\r\n]|^\s|\s$/.test(text) || text === MISSING_VALUE ? `"${text.replaceAll('"', '""')}"` : text;
}
