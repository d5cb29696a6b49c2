/**
 * `npm run import-xlsform -- form.xlsx out.json`: converts an XLSForm to SurveyJS JSON, writes it to
 * out.json and prints the report as JSON `{ "converted": n, "changed": [...], "notConverted": [...] }`.
 * Exits non-zero only when nothing could be read (no file, not a workbook, no survey sheet). People
 * script against this interface: keep it exactly.
 */
import { readFile, writeFile } from "node:fs/promises";
import { readXlsformWorkbook, WorkbookError } from "../server/xlsform/workbook.ts";
import { convertXlsform, XlsformError } from "../shared/xlsform/import.ts";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("Usage: npm run import-xlsform -- form.xlsx out.json");
  process.exit(2);
}
try {
  const bytes = new Uint8Array(await readFile(input));
  const result = convertXlsform(await readXlsformWorkbook(bytes));
  await writeFile(output, `${JSON.stringify(result.survey, null, 2)}\n`);
  const { converted, changed, notConverted } = result.report;
  console.log(JSON.stringify({ converted, changed, notConverted }, null, 2));
} catch (error) {
  if (error instanceof WorkbookError || error instanceof XlsformError) {
    console.error(error.message);
    process.exit(1);
  }
  if (error instanceof Error && "code" in error && (error as NodeJS.ErrnoException).code === "ENOENT") {
    console.error(`There is no file “${input}”.`);
    process.exit(1);
  }
  throw error;
}
