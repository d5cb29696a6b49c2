import { describe, expect, it } from "vitest";
import { changeReadings } from "../../../client/releases/change-sentences.ts";
import type { ReleaseCell, ReleaseRow, ReleaseTable } from "../../../shared/contract/releases.ts";
import { CHANGE_COLUMNS } from "./change-columns.ts";

const shown = (value: number): ReleaseCell => ({ published: true, value });
const held: ReleaseCell = { published: false };

function row(
  key: string,
  label: string,
  change: ReleaseCell,
  lower: ReleaseCell,
  upper: ReleaseCell,
): ReleaseRow {
  return {
    key,
    label,
    area: key === "all" ? null : key,
    wave: null,
    cells: { n: shown(22), before: shown(2.3), after: shown(3.1), change, lower, upper },
  };
}

function changeTable(
  kind: "scale" | "yes_no" | "number",
  direction: "higherIsBetter" | "lowerIsBetter" | null,
  rows: ReleaseRow[],
): ReleaseTable {
  return {
    id: "say:change",
    kind: "change",
    title: "How much say — change for the same people from first interview to follow-up 1",
    outcomeId: "coproduce",
    indicator: { key: "interview/say", question: "say", title: "How much say do you get?", kind, direction },
    breakdown: "area",
    change: { fromWave: 0, toWave: 1 },
    columns: CHANGE_COLUMNS,
    rows,
  };
}

describe("what a release's change for the same people means, in words", () => {
  it("reads each row from its published change and range, improvement only where the range says so", () => {
    const readings = changeReadings(
      changeTable("scale", "higherIsBetter", [
        row("east", "Eastfield", shown(0.8), shown(0.4), shown(1.3)),
        row("south", "Southport", shown(0.3), shown(-0.1), shown(0.8)),
        row("all", "Everyone", shown(0.7), shown(0.5), shown(1)),
      ]),
    );
    expect(readings.map((r) => r.who)).toEqual(["Eastfield", "Southport", "Everyone"]);
    expect(readings[0]?.sentence).toBe(
      "On average people's answers were 0.8 points higher at follow-up 1 than at the first interview; we are " +
        "fairly sure (95% confidence) the true change is between 0.4 and 1.3, so this is a clear improvement.",
    );
    expect(readings[1]?.sentence).toContain("could be chance");
    expect(readings[1]?.sentence).not.toContain("improvement");
    expect(readings[2]?.sentence).toContain("between 0.5 and 1.0, so this is a clear improvement");
  });

  it("says nothing of a row whose change or either end of its range is withheld", () => {
    const readings = changeReadings(
      changeTable("scale", "higherIsBetter", [
        row("east", "Eastfield", held, shown(0.4), shown(1.3)),
        row("north", "Northtown", shown(0.9), held, shown(1.4)),
        row("south", "Southport", shown(0.5), shown(0.1), held),
        row("all", "Everyone", shown(0.7), shown(0.5), shown(1)),
      ]),
    );
    expect(readings.map((r) => r.who)).toEqual(["Everyone"]);
  });

  it("calls a change better or worse only when the question says which way is better", () => {
    const [unsaid] = changeReadings(
      changeTable("scale", null, [row("all", "Everyone", shown(-0.7), shown(-1), shown(-0.5))]),
    );
    expect(unsaid?.sentence).toContain("so it clearly went down");
    const [fewerNights] = changeReadings(
      changeTable("number", "lowerIsBetter", [row("all", "Everyone", shown(-1.5), shown(-2.5), shown(-0.5))]),
    );
    expect(fewerNights?.sentence).toContain("1.5 lower");
    expect(fewerNights?.sentence).not.toContain("points");
    expect(fewerNights?.sentence).toContain("clear improvement");
  });

  it("reads nothing into a table that is not a change", () => {
    const table = changeTable("scale", "higherIsBetter", [
      row("all", "Everyone", shown(0.7), shown(0.5), shown(1)),
    ]);
    expect(changeReadings({ ...table, kind: "indicator", change: null })).toEqual([]);
  });
});
