import type { Draft } from "./editor.ts";

/** One row (or one cell of a row) in an XLSForm import report; the row is the spreadsheet's own. */
export interface XlsformRowNote {
  sheet: "survey" | "choices" | "settings";
  row: number;
  name?: string;
  column?: string;
  expression?: string;
  message: string;
}

export interface XlsformImportReport {
  converted: number;
  changed: XlsformRowNote[];
  notConverted: XlsformRowNote[];
}

/** `POST /api/editor/xlsform`: the new draft and what the import did with each row. */
export interface XlsformImportResponse {
  draft: Draft;
  report: XlsformImportReport;
}

/** `GET /api/editor/surveys/:id/xlsform-report`: what the XLSForm export of a version leaves out. */
export interface XlsformExportReport {
  lost: { name: string; message: string }[];
}
