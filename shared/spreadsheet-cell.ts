/**
 * Spreadsheet formula injection (issue 14, finding 7): Excel, LibreOffice and Google Sheets run a cell
 * that starts with `=`, `+`, `-` or `@` as a formula, and a leading tab or carriage return can hide such
 * a start. A cell meant for a spreadsheet that starts with one of them gets a leading apostrophe, which
 * the spreadsheet takes as "this is text" and does not show. A plain number (`-3`, `+1.5`, `-2e3`) is
 * left alone so that it stays a number. Files read by R or pandas must not use this: they stay exact.
 */
const TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/;

export function spreadsheetSafe(text: string): string {
  return TRIGGER.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
