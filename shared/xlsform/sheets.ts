/**
 * The plain shape an XLSForm arrives in once a spreadsheet library has read it: each sheet as rows of
 * cells, the first row the column headers. Row numbers in reports are the spreadsheet's own (header = 1).
 */
export type Cell = string | number | boolean | Date | null | undefined;
export type SheetRows = Cell[][];

export interface XlsformSheets {
  survey?: SheetRows;
  choices?: SheetRows;
  settings?: SheetRows;
}

export interface RowNote {
  sheet: "survey" | "choices" | "settings";
  /** The spreadsheet row (the header row is 1). */
  row: number;
  name?: string;
  /** The column the note is about, when it is one cell of the row. */
  column?: string;
  expression?: string;
  message: string;
}

/**
 * The import report, exactly as `npm run import-xlsform` prints it. `converted` counts the survey
 * sheet's rows that are in the result (with or without a change); `changed` says what a converted row
 * lost or how it differs; `notConverted` lists each row, or each cell of a converted row, that is not in
 * the result, and why.
 */
export interface ImportReport {
  converted: number;
  changed: RowNote[];
  notConverted: RowNote[];
}

/** One cell as text: numbers as written, dates as ISO dates, empty as "". */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  if (typeof cell === "boolean") return cell ? "yes" : "no";
  return String(cell).trim();
}

/** A sheet as records keyed by lower-cased header, each with its spreadsheet row number. */
export interface SheetRecord {
  row: number;
  cells: Map<string, string>;
}

export function readRecords(rows: SheetRows): { headers: string[]; records: SheetRecord[] } {
  const headers = (rows[0] ?? []).map((h) => normaliseHeader(cellText(h)));
  const records: SheetRecord[] = [];
  for (let i = 1; i < rows.length; i += 1) {
    const cells = new Map<string, string>();
    const row = rows[i] ?? [];
    headers.forEach((header, column) => {
      const text = cellText(row[column]);
      if (header && text) cells.set(header, text);
    });
    records.push({ row: i + 1, cells });
  }
  return { headers, records };
}

const ALIASES: Record<string, string> = {
  relevance: "relevant",
  "constraint message": "constraint_message",
  "required message": "required_message",
  "read only": "read_only",
  readonly: "read_only",
  "choice filter": "choice_filter",
  "repeat count": "repeat_count",
  calculate: "calculation",
  caption: "label",
  "list name": "list_name",
  value: "name",
};

function normaliseHeader(header: string): string {
  const [base = "", ...rest] = header.split("::");
  const key = base.trim().toLowerCase();
  const canonical = ALIASES[key] ?? key.replace(/^bind::/, "");
  return rest.length ? `${canonical}::${rest.join("::").trim()}` : canonical;
}
