/**
 * XLSForm import of a 500-question form (issue 19): build the .xlsx once, then time reading it and
 * converting it to SurveyJS JSON. Measured, not asserted; the target is under 1 s.
 */
import { performance } from "node:perf_hooks";
import { readXlsformWorkbook, writeWorkbook } from "../server/xlsform/workbook.ts";
import { convertXlsform } from "../shared/xlsform/import.ts";
import type { Cell } from "../shared/xlsform/sheets.ts";

const survey: Cell[][] = [["type", "name", "label", "hint", "required", "relevant", "constraint"]];
const choices: Cell[][] = [["list_name", "name", "label"]];
for (const n of ["one", "two", "three", "four", "five"]) choices.push(["scale", n, `Answer ${n}`]);
for (let i = 0; i < 500; i += 1) {
  if (i % 50 === 0)
    survey.push(["begin_group", `section_${i / 50}`, `Section ${i / 50 + 1}`, null, null, null, null]);
  const kind = i % 4;
  const row: Cell[] =
    kind === 0
      ? ["integer", `q${i}`, `How many times, question ${i}?`, "A number", "yes", null, ". >= 0 and . < 1000"]
      : kind === 1
        ? [
            "select_one scale",
            `q${i}`,
            `How much do you agree, question ${i}?`,
            null,
            null,
            `\${q${i - 1}} > 2`,
            null,
          ]
        : kind === 2
          ? [
              "select_multiple scale",
              `q${i}`,
              `Which apply, question ${i}?`,
              null,
              null,
              `selected(\${q${i - 1}}, 'two')`,
              "count-selected(.) <= 3",
            ]
          : [
              "text",
              `q${i}`,
              `Tell us more, question ${i}`,
              null,
              null,
              `not(\${q${i - 3}} = 0)`,
              "string-length(.) < 500",
            ];
  survey.push(row);
  if (i % 50 === 49) survey.push(["end_group", null, null, null, null, null, null]);
}
const file = await writeWorkbook({
  survey,
  choices,
  settings: [
    ["form_title", "form_id"],
    ["Bench", "bench"],
  ],
});

const times: number[] = [];
let converted = 0;
for (let run = 0; run < 7; run += 1) {
  const started = performance.now();
  const result = convertXlsform(await readXlsformWorkbook(file));
  times.push(performance.now() - started);
  converted = result.report.converted;
}
times.sort((a, b) => a - b);
console.log(
  `XLSForm import of a 500-question form (${(file.byteLength / 1024).toFixed(0)} kB .xlsx, ${converted} rows converted)`,
);
console.log(
  `read + convert, median of 7: ${times[3]?.toFixed(0)} ms (min ${times[0]?.toFixed(0)} ms, max ${times[6]?.toFixed(0)} ms); target < 1000 ms`,
);
