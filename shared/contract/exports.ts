/**
 * Exports of one survey's responses, all versions together, as files R, pandas, SPSS and Excel read
 * without cleaning. See docs/decisions/0007-exports.md.
 */
export const exportFiles = [
  "responses-wide.csv",
  "responses-long.csv",
  "responses-wide-excel.csv",
  "responses-long-excel.csv",
  "codebook.csv",
  "responses.json",
  "datapackage.zip",
] as const;
export type ExportFile = (typeof exportFiles)[number];

export const exportFileLabels: Record<ExportFile, string> = {
  "responses-wide.csv": "CSV for R, pandas or SPSS, one row per response (exact)",
  "responses-long.csv": "CSV for R, pandas or SPSS, one row per answer (long, exact)",
  "responses-wide-excel.csv": "CSV for Excel, one row per response (safe to open in a spreadsheet)",
  "responses-long-excel.csv": "CSV for Excel, one row per answer (safe to open in a spreadsheet)",
  "codebook.csv": "Codebook (CSV)",
  "responses.json": "JSON",
  "datapackage.zip": "Frictionless data package (zip: both CSVs, codebook, datapackage.json)",
};

/** Which responses: rejected ones and withdrawn participants' are never exported. */
export const exportStatuses = ["all", "approved"] as const;
export type ExportStatus = (typeof exportStatuses)[number];

/** `GET /api/exports/…` query as the server reads it: every status when none is asked for. */
export type ExportQuery = {
  areaId?: string | undefined;
  wave?: number | undefined;
  status: ExportStatus;
};

/** How the CSV files write a missing answer: R's read.csv and pandas both read it as missing. */
export const MISSING_VALUE = "NA";

/**
 * What an export writes in place of an answer that does not fit its question's type (free text in a
 * number question, text that is not one of a choice question's codes) for everyone but the data
 * manager: such text is where a name or an address turns up (issue 14, finding 3).
 */
export const WITHHELD_VALUE = "[withheld]";

/** The number of responses in an export, sent before the body so a client can show progress. */
export const EXPORT_RESPONSES_HEADER = "x-export-responses";

export interface ExportableSurvey {
  id: string;
  title: string;
  versions: number[];
  /** Exportable responses in the caller's scope: not rejected, not withdrawn. */
  responses: number;
}

export interface ExportableSurveysResponse {
  surveys: ExportableSurvey[];
  /** True when free-text answers are left out for the caller's role. */
  freeTextWithheld: boolean;
  /** True when answers that do not fit their question's type are left out (everyone but the data manager). */
  misfitsWithheld: boolean;
}
