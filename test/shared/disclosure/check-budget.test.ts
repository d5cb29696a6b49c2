import { describe, expect, it } from "vitest";
import {
  type CheckCell,
  CheckTooLarge,
  checkRelease,
  checkReleaseInSlices,
} from "../../../shared/disclosure/check-release.ts";

/** Rows × answers of counts, with row totals and answer totals, each a sum of atoms (row, answer). */
function table(counts: number[][]): CheckCell[] {
  const cells: CheckCell[] = [];
  const cols = counts[0]?.length ?? 0;
  const add = (rowKey: string, columnKey: string, atoms: [number, number][]) =>
    cells.push({
      tableId: "t",
      rowKey,
      columnKey,
      kind: "count",
      value: atoms.reduce((s, [r, c]) => s + (counts[r]?.[c] ?? 0), 0),
      label: `${rowKey}/${columnKey}`,
      identity: `${rowKey}/${columnKey}`,
      vectors: [{ system: "q", terms: atoms.map(([r, c]) => [r * 100 + c, 1] as const) }],
      dependsOn: [],
    });
  counts.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) add(`r${r}`, `c${c}`, [[r, c]]);
    add(
      `r${r}`,
      "total",
      row.map((_, c) => [r, c]),
    );
  });
  for (let c = 0; c < cols; c++)
    add(
      "all",
      `c${c}`,
      counts.map((_, r) => [r, c]),
    );
  return cells;
}

const counts = [...Array(8).keys()].map((r) => [...Array(6).keys()].map((c) => ((r * 7 + c * 3) % 9) + 1));

describe("the output checks' budget", () => {
  it("gives up past the work budget instead of answering", () => {
    expect(() => checkRelease(table(counts), [], undefined, {}, undefined, { maxWork: 100 })).toThrow(
      CheckTooLarge,
    );
    expect(() => checkRelease(table(counts), [], undefined, {}, undefined, { maxMs: -1 })).toThrow(
      CheckTooLarge,
    );
  });

  it("in slices, lets other work run while it checks and answers exactly as in one go", async () => {
    const whole = checkRelease(table(counts), []);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const sliced = await checkReleaseInSlices(table(counts), [], undefined, {}, undefined, {}, 0);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect([...sliced.cells]).toEqual([...whole.cells]);
    expect(sliced.checklist).toEqual(whole.checklist);
    expect([...whole.cells.values()].some((c) => !c.published)).toBe(true);
  });

  it("in slices, gives up past the budget", async () => {
    await expect(
      checkReleaseInSlices(table(counts), [], undefined, {}, undefined, { maxWork: 100 }, 0),
    ).rejects.toBeInstanceOf(CheckTooLarge);
  });
});
