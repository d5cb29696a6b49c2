import { describe, expect, it } from "vitest";
import { suppressBreakdown, suppressFigure } from "../../../shared/stats/suppress.ts";

describe("suppressFigure", () => {
  it("publishes a figure about at least k participants unchanged", () => {
    expect(suppressFigure({ n: 5, mean: 3.2 })).toEqual({ n: 5, mean: 3.2, suppressed: false });
  });

  it("replaces a figure about fewer than k participants by a marker that carries no number", () => {
    expect(suppressFigure({ n: 4, mean: 3.2 })).toEqual({ suppressed: true, reason: "below_threshold" });
    expect(suppressFigure({ n: 0 })).toEqual({ suppressed: true, reason: "below_threshold" });
  });

  it("uses the configured threshold", () => {
    expect(suppressFigure({ n: 9 }, 10)).toMatchObject({ suppressed: true });
    expect(suppressFigure({ n: 3 }, 3)).toMatchObject({ suppressed: false });
  });

  it("refuses a threshold or count that is not a whole number of people", () => {
    expect(() => suppressFigure({ n: 3 }, 0)).toThrow(RangeError);
    expect(() => suppressFigure({ n: 2.5 })).toThrow(RangeError);
  });
});

describe("suppressBreakdown", () => {
  const cells = (...ns: number[]) => ns.map((n, i) => ({ key: `area-${i + 1}`, n, mean: n / 2 }));
  const suppressedKeys = (result: ReturnType<typeof suppressBreakdown>) =>
    result.cells.filter((cell) => cell.suppressed).map((cell) => [cell.key, cell.suppressed && cell.reason]);

  it("publishes every cell when all have at least k participants", () => {
    const result = suppressBreakdown(cells(12, 7, 5));
    expect(result.cells.every((cell) => !cell.suppressed)).toBe(true);
    expect(result.total).toEqual({ suppressed: false, n: 24 });
  });

  it("hides a lone small cell and the next-smallest so the total cannot give it back", () => {
    const result = suppressBreakdown(cells(12, 3, 20, 8));
    expect(suppressedKeys(result)).toEqual([
      ["area-2", "below_threshold"],
      ["area-4", "complement"],
    ]);
    expect(result.total).toEqual({ suppressed: false, n: 43 });
  });

  it("drops every figure of a hidden cell, not just its count", () => {
    const result = suppressBreakdown(cells(12, 3, 20, 8));
    expect(result.cells[1]).toEqual({ key: "area-2", suppressed: true, reason: "below_threshold" });
    expect(result.cells[0]).toEqual({ key: "area-1", n: 12, mean: 6, suppressed: false });
  });

  it("needs no complement when two small cells already hide at least k between them", () => {
    expect(suppressedKeys(suppressBreakdown(cells(12, 3, 20, 4)))).toEqual([
      ["area-2", "below_threshold"],
      ["area-4", "below_threshold"],
    ]);
  });

  it("adds a complement when the small cells together hold fewer than k, since each could be read off", () => {
    // With 1 and 1 hidden, the total minus the rest is 2, and hidden cells are never empty: both are 1.
    expect(suppressedKeys(suppressBreakdown(cells(12, 1, 20, 1, 9)))).toEqual([
      ["area-2", "below_threshold"],
      ["area-4", "below_threshold"],
      ["area-5", "complement"],
    ]);
  });

  it("publishes empty cells, which reveal no one, and never picks one as the complement", () => {
    const result = suppressBreakdown(cells(0, 2, 15, 9));
    expect(result.cells[0]).toMatchObject({ key: "area-1", n: 0, suppressed: false });
    expect(suppressedKeys(result)).toEqual([
      ["area-2", "below_threshold"],
      ["area-4", "complement"],
    ]);
  });

  it("picks the first of equally small cells as the complement", () => {
    expect(suppressedKeys(suppressBreakdown(cells(9, 2, 9)))).toEqual([
      ["area-1", "complement"],
      ["area-2", "below_threshold"],
    ]);
  });

  it("suppresses the total instead when the small cell is the only non-empty one", () => {
    const result = suppressBreakdown(cells(0, 3, 0));
    expect(suppressedKeys(result)).toEqual([["area-2", "below_threshold"]]);
    expect(result.total).toEqual({ suppressed: true, reason: "below_threshold" });
  });

  it("uses the configured threshold", () => {
    expect(suppressedKeys(suppressBreakdown(cells(12, 8, 30), 10))).toEqual([
      ["area-1", "complement"],
      ["area-2", "below_threshold"],
    ]);
  });

  it("refuses cells that share a key, since a reader could not tell them apart", () => {
    expect(() =>
      suppressBreakdown([
        { key: "a", n: 5 },
        { key: "a", n: 6 },
      ]),
    ).toThrow(RangeError);
  });
});
