import { writeWorkbook } from "../../server/xlsform/workbook.ts";
import type { Cell, XlsformSheets } from "../../shared/xlsform/sheets.ts";

/** Builds a real .xlsx XLSForm with the spreadsheet library, from plain rows. */
export function xlsxOf(sheets: XlsformSheets | Record<string, Cell[][] | undefined>): Promise<Uint8Array> {
  const present = Object.fromEntries(
    Object.entries(sheets).filter(([, rows]) => rows !== undefined),
  ) as Record<string, Cell[][]>;
  return writeWorkbook(present);
}
