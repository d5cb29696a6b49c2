import { describe, expect, it } from "vitest";
import { parseInterval, splitIntervals, toCsv } from "../../client/dashboard/csv.ts";
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

/** Issue 15: a confidence interval in one text cell cannot be used in a spreadsheet. */
describe("a dashboard table's confidence intervals as CSV", () => {
  it("splits an interval column into lower and upper columns", () => {
    const table = splitIntervals(
      ["Wave", "n", "Mean", "95% CI"],
      [
        ["Baseline", "29", "2.28", "1.96 to 2.60"],
        ["Hidden", "fewer than 5", "", "not shown"],
        ["Follow-up 1", "22", "-0.50", "-1.20 to 0.20"],
      ],
    );
    expect(table.header).toEqual(["Wave", "n", "Mean", "95% CI lower", "95% CI upper"]);
    expect(table.rows).toEqual([
      ["Baseline", "29", "2.28", "1.96", "2.60"],
      ["Hidden", "fewer than 5", "", "not shown", ""],
      ["Follow-up 1", "22", "-0.50", "-1.20", "0.20"],
    ]);
    const csv = parseCsvStrict(`${toCsv(table.header, table.rows)}\r\n`).map((row) => row.map((c) => c.text));
    expect(csv[1]).toEqual(["Baseline", "29", "2.28", "1.96", "2.60"]);
    expect(csv[3]).toEqual(["Follow-up 1", "22", "-0.50", "-1.20", "0.20"]);
  });

  it("splits percentage intervals too", () => {
    const table = splitIntervals(
      ["Answer", "People", "Share", "95% CI"],
      [["Yes", "12", "40%", "24.6% to 57.7%"]],
    );
    expect(table.rows).toEqual([["Yes", "12", "40%", "24.6%", "57.7%"]]);
  });

  it("makes two rows of an interval in a figure/value table and leaves other rows alone", () => {
    const table = splitIntervals(
      ["Figure", "Value"],
      [
        ["Mean change", "1.38"],
        ["95% CI of the mean change", "0.83 to 1.93"],
        ["Paired t-test", "t(20) = 5.26, p = < 0.001"],
      ],
    );
    expect(table.rows).toEqual([
      ["Mean change", "1.38"],
      ["95% CI of the mean change, lower", "0.83"],
      ["95% CI of the mean change, upper", "1.93"],
      ["Paired t-test", "t(20) = 5.26, p = < 0.001"],
    ]);
  });

  it("leaves text that only looks like a range, and keeps neutralising formulas", () => {
    expect(parseInterval("Follow-up 1 to 2")).toBeNull();
    expect(parseInterval("=1 to 2")).toBeNull();
    const table = splitIntervals(["Area", "95% CI"], [['=HYPERLINK("x")', "1.00 to 2.00"]]);
    expect(toCsv(table.header, table.rows)).not.toMatch(/^=|\n=/m);
  });
});
