import { unzipSync } from "fflate";
import readXlsxFile from "read-excel-file/universal";
import writeXlsxFile from "write-excel-file/universal";
import type { Cell, SheetRows, XlsformSheets } from "../../shared/xlsform/sheets.ts";

/**
 * The spreadsheet edges of the XLSForm converter: bytes in, plain rows out, and back. The reading is
 * bounded before any XML is parsed: the file's size, then the sizes its zip directory declares (fflate
 * never inflates an entry past its declared size), so a zip bomb, a huge sheet or a file that is not a
 * spreadsheet is refused quickly with a plain reason. See docs/decisions/0029-xlsform.md.
 */

export const MAX_XLSFORM_BYTES = 2 * 1024 * 1024;
export const MAX_UNPACKED_BYTES = 24 * 1024 * 1024;
const MAX_ENTRIES = 500;

export class WorkbookError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = "WorkbookError";
  }
}

/** Refuses what is not a reasonably sized .xlsx, from its zip directory alone. */
export function checkWorkbookBytes(bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_XLSFORM_BYTES) {
    throw new WorkbookError(`The file is larger than ${MAX_XLSFORM_BYTES / 1024 / 1024} MB.`, true);
  }
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new WorkbookError("This is not an Excel workbook (.xlsx). Save the form as .xlsx and try again.");
  }
  let total = 0;
  let entries = 0;
  let hasWorkbook = false;
  try {
    unzipSync(bytes, {
      filter(file) {
        entries += 1;
        total += file.originalSize;
        if (file.name === "xl/workbook.xml") hasWorkbook = true;
        return false; // read the directory only: nothing is inflated here
      },
    });
  } catch {
    throw new WorkbookError("This file is damaged or is not an Excel workbook (.xlsx).");
  }
  if (entries > MAX_ENTRIES || total > MAX_UNPACKED_BYTES) {
    throw new WorkbookError(
      `The workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, far more than any form needs.`,
      true,
    );
  }
  if (!hasWorkbook)
    throw new WorkbookError("This is not an Excel workbook (.xlsx). Save the form as .xlsx and try again.");
}

/** The survey, choices and settings sheets as plain rows (sheet names compared without case). */
export async function readXlsformWorkbook(bytes: Uint8Array): Promise<XlsformSheets> {
  checkWorkbookBytes(bytes);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    const copy = bytes.slice().buffer as ArrayBuffer;
    sheets = (await readXlsxFile(copy)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch {
    throw new WorkbookError(
      "The workbook could not be read. Open it in a spreadsheet program, save it as .xlsx and try again.",
    );
  }
  const out: XlsformSheets = {};
  for (const { sheet, data } of sheets) {
    const key = sheet.trim().toLowerCase();
    if (key === "survey" || key === "choices" || key === "settings") out[key] = data as SheetRows;
  }
  return out;
}

/** Writes sheets (first row: headers) as an .xlsx file. */
export async function writeWorkbook(sheets: Record<string, Cell[][]>): Promise<Uint8Array> {
  const blob = await writeXlsxFile(
    Object.entries(sheets).map(([sheet, rows]) => ({
      sheet,
      data: rows.map((row) =>
        row.map((cell) =>
          cell === null || cell === undefined ? null : { value: cell instanceof Date ? cell : cell },
        ),
      ),
    })) as never,
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
