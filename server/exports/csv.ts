import { MISSING_VALUE } from "../../shared/contract/exports.ts";

/**
 * CSV as RFC 4180 writes it and R's read.csv and pandas read it: comma-separated, CRLF between records,
 * a field quoted when it holds a comma, a quote, CR or LF (or starts or ends with a space, which some
 * readers trim), quotes inside doubled. Missing is `NA`, unquoted. A NUL character, which no answer
 * means and which stops R reading, becomes U+FFFD.
 */
export function csvRecord(cells: (string | null)[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

function csvField(cell: string | null): string {
  if (cell === null) return MISSING_VALUE;
  const text = cell.includes("\u0000") ? cell.replaceAll("\u0000", "\uFFFD") : cell;
  return /[",\r\n]|^\s|\s$/.test(text) || text === MISSING_VALUE ? `"${text.replaceAll('"', '""')}"` : text;
}
