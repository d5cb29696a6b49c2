import { describe, expect, it } from "vitest";
import { toCsv } from "../../client/dashboard/csv.ts";
import { parseCsvStrict } from "../helpers/strict-csv.ts";

/** Issue 14, finding 7: the dashboard's "download CSV" tables are opened in spreadsheets. */
describe("a dashboard table as CSV", () => {
  it("neutralises every cell a spreadsheet would run as a formula", () => {
    const cells = [
      '-1+HYPERLINK("https://evil.example","click")',
      "=SUM(A1:A9)",
      "+44 1234",
      "@cmd",
      "\tTAB",
      "\rCR",
      "-",
    ];
    const csv = toCsv(
      ["area"],
      cells.map((c) => [c]),
    );
    const read = parseCsvStrict(`${csv}\r\n`)
      .slice(1)
      .map((row) => row[0]?.text ?? "");
    expect(read).toHaveLength(cells.length);
    for (const [i, text] of read.entries()) {
      expect(/^[=+\-@\t\r]/.test(text), `${JSON.stringify(cells[i])} reads as ${JSON.stringify(text)}`).toBe(
        false,
      );
      // The text is kept, behind the apostrophe that makes a spreadsheet take it as text.
      expect(text).toBe(`'${cells[i]}`);
    }
  });

  it("keeps numbers, negative ones too, as numbers", () => {
    expect(
      toCsv(
        ["n", "change"],
        [
          [12, -1.5],
          ["-3", "0.25"],
        ],
      ),
    ).toBe("n,change\r\n12,-1.5\r\n-3,0.25");
  });
});
