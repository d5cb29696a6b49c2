/**
 * `npm run export-xlsform -- survey.json form.xlsx [form_id] [version]`: writes a SurveyJS survey as an
 * XLSForm and prints what has no XLSForm equivalent as JSON `{ "lost": [...] }`.
 */
import { readFile, writeFile } from "node:fs/promises";
import { writeWorkbook } from "../server/xlsform/workbook.ts";
import { toXlsform } from "../shared/xlsform/export.ts";

const [input, output, formId = "survey", version = "1"] = process.argv.slice(2);
if (!input || !output) {
  console.error("Usage: npm run export-xlsform -- survey.json form.xlsx [form_id] [version]");
  process.exit(2);
}
const definition: unknown = JSON.parse(await readFile(input, "utf8"));
const { sheets, lost } = toXlsform(definition, { formId, version });
await writeFile(output, await writeWorkbook(sheets));
console.log(JSON.stringify({ lost }, null, 2));
