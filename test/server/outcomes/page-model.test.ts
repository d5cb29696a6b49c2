import { describe, expect, it } from "vitest";
import type { BucketRow } from "../../../server/outcomes/aggregates/indicator-values.repository.ts";
import type { IndicatorDef } from "../../../server/outcomes/indicator-catalogue.ts";
import {
  addLanguageBreakdown,
  attrition,
  indicatorDetail,
} from "../../../server/outcomes/page/outcome-page-model.ts";
import { protectIndicator } from "../../../server/outcomes/protection/protection.ts";
import type { OutcomePageResponse } from "../../../shared/contract/outcomes.ts";

/**
 * The outcome page's model without a database (docs/decisions/0056): rows in, the page out. The page
 * service reads these rows from the aggregates; here they are written by hand.
 */

const def: IndicatorDef = {
  key: "interview/housed",
  surveyId: "interview",
  surveyTitle: "Interview",
  question: "housed",
  title: "Are you housed?",
  kind: "yes_no",
  direction: "higherIsBetter",
  outcome: "housing",
  field: { name: "housed", type: "boolean", title: "Are you housed?" },
};
const areas = [
  { id: "north", name: "Northtown" },
  { id: "south", name: "Southport" },
];

/** Yes/no answers per area and wave: [area, wave, yes, no, skipped]. */
function rows(cells: [string, number, number, number, number][]): BucketRow[] {
  const out: BucketRow[] = [];
  const row = (areaId: string, wave: number, status: string, key: number, n: number): BucketRow => ({
    outcome: "housing",
    surveyId: "interview",
    question: "housed",
    areaId,
    wave,
    status,
    choice: null,
    key,
    n,
    sum: key * n,
    sumsq: key * key * n,
  });
  for (const [area, wave, yes, no, skipped] of cells) {
    if (yes) out.push(row(area, wave, "answered", 1, yes));
    if (no) out.push(row(area, wave, "answered", 0, no));
    if (skipped) out.push(row(area, wave, "skipped", Number.NaN, skipped));
  }
  return out;
}

const input = (k: number, data: BucketRow[]) => ({
  def,
  rows: data,
  exact: null,
  pairs: { ways: [], changes: [], areas: areas.map((a) => a.id) },
  leftOut: new Set<string>(),
  areas,
  waves: [0, 1],
  area: null,
  wave: null,
  k,
  change: { unavailable: "one_wave" as const },
});

describe("the outcome page model (no database)", () => {
  const data = rows([
    ["north", 0, 6, 4, 1],
    ["north", 1, 7, 3, 0],
    ["south", 0, 2, 8, 2],
    ["south", 1, 1, 0, 0],
  ]);

  it("builds an indicator's figures from its rows: the summary, and the breakdowns by area and by wave", () => {
    const d = indicatorDetail(input(1, data));
    expect(d.summary).toMatchObject({ suppressed: false, n: 31 });
    expect(d.byArea.rows.map((r) => [r.label, r.suppressed ? "hidden" : r.n])).toEqual([
      ["Northtown", 20],
      ["Southport", 11],
    ]);
    expect(d.byWave.rows.map((r) => [r.label, r.suppressed ? "hidden" : r.n])).toEqual([
      ["0", 20],
      ["1", 11],
    ]);
    expect(d.completeness?.notAnswered).toMatchObject({ shown: true, skipped: 3 });
  });

  it("at k = 1 (the exact view) hides nothing, and its three tables agree with what k = 1 means", () => {
    const tables = protectIndicator(def, data, ["north", "south"], [0, 1], 1);
    for (const table of [tables.counts, tables.values, tables.completeness])
      expect(table.cells.filter((c) => c.suppressed)).toEqual([]);
    // At k = 5 the one-answer cell (south, wave 1) and the small bars and skips are hidden as before.
    const five = protectIndicator(def, data, ["north", "south"], [0, 1], 5);
    expect(five.counts.cells.some((c) => c.suppressed && c.row === "south" && c.column === "1")).toBe(true);
    expect(five.values.cells.filter((c) => c.suppressed).length).toBeGreaterThan(
      five.counts.cells.filter((c) => c.suppressed).length,
    );
    const d = indicatorDetail({ ...input(5, data), area: "south", wave: 1 });
    expect(d.summary.suppressed).toBe(true);
  });

  it("adds a row per language from each language's page, named in plain English; a question not asked in a language has no answers", () => {
    const whole = indicatorDetail(input(1, data));
    const polish = indicatorDetail(input(1, rows([["north", 0, 2, 1, 0]])));
    const page = (indicators: OutcomePageResponse["indicators"]) =>
      ({ indicators }) as unknown as OutcomePageResponse;
    const indicators = [whole];
    addLanguageBreakdown(
      indicators,
      [
        { language: "pl", page: page([polish]) },
        { language: "en-easy", page: page([]) },
      ],
      null,
      null,
    );
    expect(whole.byLanguage?.rows.map((r) => [r.key, r.label, r.suppressed ? "hidden" : r.n])).toEqual([
      ["pl", "Polish", 3],
      ["en-easy", "English (Easy Read)", 0],
    ]);
    expect(whole.byLanguage?.total).toMatchObject({ n: 31 });
  });

  it("counts interviews per wave and those retained from a participant's baseline", () => {
    const interview = (areaId: string, wave: number, n: number): BucketRow => ({
      outcome: "",
      surveyId: "interview",
      question: "",
      areaId,
      wave,
      status: "answered",
      choice: null,
      key: 0,
      n,
      sum: 0,
      sumsq: 0,
    });
    const cells = [interview("north", 0, 10), interview("south", 0, 5), interview("north", 1, 8)];
    const retained = [{ surveyId: "interview", areaId: "north", toWave: 1, n: 6 }];
    expect(attrition([def], [], cells, retained, null)).toEqual([
      {
        surveyId: "interview",
        surveyTitle: "Interview",
        wave: 0,
        participants: 15,
        retained: 15,
        baseline: 15,
      },
      {
        surveyId: "interview",
        surveyTitle: "Interview",
        wave: 1,
        participants: 8,
        retained: 6,
        baseline: 15,
      },
    ]);
  });
});
