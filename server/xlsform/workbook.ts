import { Unzip, UnzipInflate, unzipSync, zipSync } from "fflate";
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
const TOO_BIG = `The workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, far more than any form needs.`;

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
    throw new WorkbookError(TOO_BIG, true);
  }
  if (!hasWorkbook)
    throw new WorkbookError("This is not an Excel workbook (.xlsx). Save the form as .xlsx and try again.");
}

/**
 * Inflates the workbook's XML parts ourselves, a few kB of input at a time, counting what comes out, and
 * stops as soon as the total passes the limit: a zip whose directory lies about its sizes cannot make us
 * decode gigabytes (fflate would decode a lying entry to its end, only dropping what overflows). The
 * parts go back into a zip without compression, which the spreadsheet library then reads cheaply.
 */
export function inflateBounded(bytes: Uint8Array, limit = MAX_UNPACKED_BYTES): Uint8Array {
  const parts: Record<string, Uint8Array[]> = {};
  let total = 0;
  const unzip = new Unzip((file) => {
    if (!/\.(xml|rels)$/i.test(file.name)) return;
    const chunks: Uint8Array[] = [];
    parts[file.name] = chunks;
    file.ondata = (error, chunk) => {
      if (error) throw error;
      total += chunk.byteLength;
      if (total > limit) throw new WorkbookError(TOO_BIG, true);
      chunks.push(chunk);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const STEP = 4096;
  try {
    for (let at = 0; at < bytes.byteLength; at += STEP) {
      unzip.push(bytes.subarray(at, Math.min(at + STEP, bytes.byteLength)), at + STEP >= bytes.byteLength);
    }
  } catch (error) {
    if (error instanceof WorkbookError) throw error;
    throw new WorkbookError("This file is damaged or is not an Excel workbook (.xlsx).");
  }
  const files: Record<string, Uint8Array> = {};
  for (const [name, chunks] of Object.entries(parts)) {
    const joined = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let offset = 0;
    for (const c of chunks) {
      joined.set(c, offset);
      offset += c.byteLength;
    }
    files[name] = joined;
  }
  return zipSync(files, { level: 0 });
}

/** The survey, choices and settings sheets as plain rows (sheet names compared without case). */
export async function readXlsformWorkbook(bytes: Uint8Array): Promise<XlsformSheets> {
  checkWorkbookBytes(bytes);
  const stored = inflateBounded(bytes);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    const copy = stored.buffer as ArrayBuffer;
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
