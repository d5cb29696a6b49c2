import { isLocaleKey, languageName } from "../survey/locales.ts";
import type { TranslatableString } from "./translations.ts";

/**
 * Translations as a spreadsheet-friendly CSV (issue 18, decision 0038), so a translator without an
 * account can help: one row per text, a column per language. UTF-8 with a byte-order mark so Excel
 * reads the accents and scripts right; CRLF line ends; quotes where a cell needs them. A cell that a
 * spreadsheet would take for a formula (starting `=`, `+`, `-`, `@`, tab or CR) is written with a
 * leading apostrophe, and read back without it.
 */

export const CSV_BOM = "\uFEFF";
const KEY = "id";
const WHERE = "question";
const WHAT = "what it is";
const FORMULA_START = /^[=+\-@\t\r]/;

function neutralise(cell: string): string {
  return FORMULA_START.test(cell) || cell.startsWith("'") ? `'${cell}` : cell;
}

function restore(cell: string): string {
  return cell.startsWith("'") && (FORMULA_START.test(cell.slice(1)) || cell[1] === "'")
    ? cell.slice(1)
    : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A language column's heading: its name and, in brackets, its code ("polski (pl)"). */
export function languageHeading(locale: string): string {
  return `${languageName(locale, "en")} (${locale})`;
}

/** The code in a language column's heading: "polski (pl)" or a bare "pl". */
export function localeOfHeading(heading: string): string | null {
  const match = /\(([^()]+)\)\s*$/.exec(heading) ?? /^\s*([^\s()]+)\s*$/.exec(heading);
  const code = match?.[1]?.trim() ?? "";
  return code !== "default" && isLocaleKey(code) ? code : null;
}

export function translationsToCsv(strings: TranslatableString[], main: string, locales: string[]): string {
  const rows: string[][] = [[KEY, WHERE, WHAT, languageHeading(main), ...locales.map(languageHeading)]];
  for (const s of strings) {
    rows.push([s.key, s.where, s.label, s.source, ...locales.map((l) => s.texts[l] ?? "")]);
  }
  return `${CSV_BOM}${rows.map((row) => row.map((c) => quote(neutralise(c))).join(",")).join("\r\n")}\r\n`;
}

export interface CsvProblem {
  /** 1-based row as a spreadsheet numbers it (the heading is row 1); 0 when it is about the whole file. */
  row: number;
  /** The column's heading, or "" when it is about the row. */
  column: string;
  message: string;
}

/** Parses RFC 4180 CSV (commas, quotes, newlines inside quotes; CRLF or LF). */
export function parseCsv(text: string, limits = { rows: 20_000, columns: 60 }): string[][] | CsvProblem {
  const input = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    cell = "";
    rows.push(row);
    row = [];
  };
  while (i < input.length) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
      if (row.length >= limits.columns) {
        return {
          row: rows.length + 1,
          column: "",
          message: `A row has more than ${limits.columns} columns.`,
        };
      }
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i += 1;
      endRow();
      if (rows.length > limits.rows) {
        return { row: rows.length, column: "", message: `The file has more than ${limits.rows} rows.` };
      }
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (quoted) {
    return {
      row: rows.length + 1,
      column: "",
      message: 'A quoted cell is not closed: a double quote (") is missing.',
    };
  }
  if (cell !== "" || row.length > 0) endRow();
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

export interface CsvTranslation {
  key: string;
  locale: string;
  text: string;
  /** The main-language wording in the file's row: what the translator translated from. */
  translatedFrom: string;
}

export interface ReadTranslations {
  translations: CsvTranslation[];
  locales: string[];
  problems: CsvProblem[];
}

/**
 * Reads a translations CSV against the survey's texts. Every cell it cannot use is a problem with its
 * row and column; an empty cell leaves that translation as it is (deleting is done in the editor).
 */
export function readTranslationsCsv(
  text: string,
  strings: TranslatableString[],
  main: string,
): ReadTranslations {
  const parsed = parseCsv(text);
  if (!Array.isArray(parsed)) return { translations: [], locales: [], problems: [parsed] };
  const [header, ...body] = parsed;
  const problems: CsvProblem[] = [];
  if (!header)
    return {
      translations: [],
      locales: [],
      problems: [{ row: 0, column: "", message: "The file is empty." }],
    };
  const heading = header.map((h) => restore(h).trim());
  const keyColumn = heading.indexOf(KEY);
  if (keyColumn === -1) {
    problems.push({ row: 1, column: "", message: `The first row needs a column headed “${KEY}”.` });
    return { translations: [], locales: [], problems };
  }
  let sourceColumn = -1;
  const languageColumns: { index: number; locale: string; heading: string }[] = [];
  heading.forEach((h, index) => {
    if (index === keyColumn || h === WHERE || h === WHAT || h === "") return;
    const locale = localeOfHeading(h);
    if (locale === null) {
      problems.push({
        row: 1,
        column: h,
        message: "This heading does not name a language, like “Polish (pl)”.",
      });
      return;
    }
    if (locale === main) {
      sourceColumn = index;
      return;
    }
    if (languageColumns.some((c) => c.locale === locale)) {
      problems.push({ row: 1, column: h, message: "This language has two columns." });
      return;
    }
    languageColumns.push({ index, locale, heading: h });
  });
  const byKey = new Map(strings.map((s) => [s.key, s]));
  const seen = new Set<string>();
  const translations: CsvTranslation[] = [];
  body.forEach((cells, i) => {
    const rowNumber = i + 2;
    if (cells.every((c) => c.trim() === "")) return;
    if (cells.length > heading.length) {
      problems.push({
        row: rowNumber,
        column: "",
        message: "This row has more cells than the first row has headings.",
      });
      return;
    }
    const key = (cells[keyColumn] ?? "").trim();
    const s = byKey.get(key);
    if (!s) {
      problems.push({
        row: rowNumber,
        column: KEY,
        message:
          key === "" ? "The id is empty." : "No text in the survey has this id (it may have been removed).",
      });
      return;
    }
    if (seen.has(key)) {
      problems.push({ row: rowNumber, column: KEY, message: "This id is in the file twice." });
      return;
    }
    seen.add(key);
    const translatedFrom = sourceColumn === -1 ? s.source : restore(cells[sourceColumn] ?? "");
    for (const column of languageColumns) {
      const cell = restore(cells[column.index] ?? "");
      if (cell.trim() === "") continue;
      if (cell.length > 10_000) {
        problems.push({
          row: rowNumber,
          column: column.heading,
          message: "This text is longer than 10,000 characters.",
        });
        continue;
      }
      translations.push({ key, locale: column.locale, text: cell, translatedFrom });
    }
  });
  return { translations, locales: languageColumns.map((c) => c.locale), problems };
}
