import { describe, expect, it } from "vitest";
import { displayTable } from "../../client/releases/display-table.ts";
import { chartsFor, notDrawnNote } from "../../client/releases/release-charts.ts";
import type { ReleaseCell, ReleaseTable } from "../../shared/contract/releases.ts";
import { CHANGE_COLUMNS } from "./releases/change-columns.ts";

const shown = (value: number): ReleaseCell => ({ published: true, value });
const held = (reason: "below_k" | "complement" | "depends_on_withheld"): ReleaseCell => ({
  published: false,
  reason,
});

const byArea: ReleaseTable = {
  id: "listen-area",
  kind: "indicator",
  title: "Do workers listen? — by area",
  outcomeId: "outcome-x",
  indicator: null,
  breakdown: "area",
  change: null,
  columns: [
    { key: "c0", label: "Never", kind: "count", of: null },
    { key: "p0", label: "Never (%)", kind: "percent", of: "c0" },
    { key: "c1", label: "Always", kind: "count", of: null },
    { key: "p1", label: "Always (%)", kind: "percent", of: "c1" },
    { key: "mean", label: "Average", kind: "mean", of: "answered" },
    { key: "lo", label: "Lowest likely", kind: "lower", of: "answered" },
    { key: "hi", label: "Highest likely", kind: "upper", of: "answered" },
  ],
  rows: [
    {
      key: "north",
      label: "Northtown",
      area: "north",
      wave: null,
      cells: {
        c0: shown(6),
        p0: shown(40),
        c1: shown(9),
        p1: shown(60),
        mean: shown(2.7),
        lo: shown(2.4),
        hi: shown(3),
      },
    },
    {
      key: "south",
      label: "Southport",
      area: "south",
      wave: null,
      cells: {
        c0: held("below_k"),
        p0: held("depends_on_withheld"),
        c1: shown(11),
        p1: held("complement"),
        mean: shown(3.1),
        lo: held("depends_on_withheld"),
        hi: held("depends_on_withheld"),
      },
    },
  ],
};

describe("a release table as people read it", () => {
  it("puts each share beside its count and each likely range beside its average", () => {
    const table = displayTable(byArea);
    expect(table.header).toEqual(["By area", "Never (share)", "Always (share)", "Average (likely range)"]);
    expect(table.rows[0]?.cells).toEqual(["Northtown", "6 (40%)", "9 (60%)", "2.7 (2.4 to 3.0)"]);
  });

  it("says a figure is withheld, gives no number for it, and never says which rule withheld it (0071)", () => {
    const cells = displayTable(byArea).rows[1]?.cells ?? [];
    expect(cells[1]).toBe("withheld");
    expect(cells[2]).toBe("11 (share withheld)");
    expect(cells[3]).toBe("3.1 (range withheld)");
    // The same words whether the copy is an analyst's (with reasons) or a reader's (without).
    const readers = {
      ...byArea,
      rows: byArea.rows.map((r) => ({
        ...r,
        cells: Object.fromEntries(
          Object.entries(r.cells).map(([k, c]) => [k, c.published ? c : { published: false as const }]),
        ),
      })),
    };
    expect(displayTable(readers)).toEqual(displayTable(byArea));
  });
});

describe("a change table", () => {
  it("puts the likely range with the average change, the last average before it", () => {
    const change: ReleaseTable = {
      ...byArea,
      id: "listen-change",
      kind: "change",
      breakdown: "overall",
      columns: CHANGE_COLUMNS,
      rows: [
        {
          key: "all",
          label: "Everyone",
          area: null,
          wave: null,
          cells: {
            n: shown(48),
            before: shown(2.5),
            after: shown(3),
            change: shown(0.5),
            lower: shown(0.2),
            upper: shown(0.8),
          },
        },
      ],
    };
    const table = displayTable(change);
    expect(table.header).toEqual([
      "Who",
      "People interviewed both times",
      "Average before",
      "Average after",
      "Average change (likely range)",
    ]);
    expect(table.rows[0]?.cells).toEqual(["Everyone", "48", "2.5", "3.0", "0.5 (0.2 to 0.8)"]);
  });
});

describe("a release table's charts", () => {
  it("draws one chart of answer shares per area, a withheld share as an empty bar marked withheld", () => {
    const charts = chartsFor(byArea);
    expect(charts.map((c) => c.caption)).toEqual(["Northtown", "Southport"]);
    const south = charts[1];
    expect(south?.bars.map((b) => [b.label, b.value, b.text])).toEqual([
      ["Never", 0, "withheld"],
      ["Always", 0, "withheld"],
    ]);
    expect(south?.description).toBe("Never: withheld; Always: withheld");
    expect(charts[0]?.bars.map((b) => b.value)).toEqual([0.4, 0.6]);
    expect(notDrawnNote(charts)).toBe(
      "No chart for Southport: every figure it would show is withheld. The table below shows what is published.",
    );
  });

  it("names every row whose chart would draw nothing, and says nothing when every chart draws", () => {
    const charts = chartsFor(byArea);
    const [north, south] = charts;
    if (!north || !south) throw new Error("two charts expected");
    expect(notDrawnNote([north])).toBeNull();
    const emptyNorth = { ...north, caption: "Northtown", bars: south.bars };
    expect(notDrawnNote([emptyNorth, south, { ...north, caption: "Eastfield" }])).toBe(
      "No chart for Northtown and Southport: every figure they would show is withheld. The table below shows what is published.",
    );
    expect(notDrawnNote([emptyNorth, south])).toBe(
      "No charts: every figure they would show is withheld. The table below shows what is published.",
    );
    expect(notDrawnNote([{ ...south, caption: null }])).toBe(
      "No chart: every figure it would show is withheld. The table below shows what is published.",
    );
  });

  it("scales a chart of counts by the published figures only", () => {
    const participation: ReleaseTable = {
      ...byArea,
      id: "participation",
      kind: "participation",
      columns: [{ key: "n", label: "Interviews", kind: "count", of: null }],
      rows: [
        { key: "a", label: "Northtown", area: "a", wave: 0, cells: { n: shown(30) } },
        { key: "b", label: "Southport", area: "b", wave: 0, cells: { n: shown(15) } },
        { key: "c", label: "Eastfield", area: "c", wave: 0, cells: { n: held("below_k") } },
      ],
    };
    const [chart] = chartsFor(participation);
    expect(chart?.bars.map((b) => [b.label, b.value, b.text])).toEqual([
      ["Northtown", 1, "30"],
      ["Southport", 0.5, "15"],
      ["Eastfield", 0, "withheld"],
    ]);
    expect(chart?.description).toContain("Eastfield: withheld");
    expect(chart?.description).not.toContain("fewer than");
  });
});
