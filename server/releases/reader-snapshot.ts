import type { ReleaseCell, ReleaseSnapshot } from "../../shared/contract/releases.ts";

/**
 * A reader's copy of a release's figures (docs/decisions/0071): what everyone but the analysts gets.
 * A withheld figure says only that it is withheld, never why, and the checklist keeps its rules but
 * names no figure and counts none per rule; the copy says how many figures are withheld in all.
 *
 * Why: a figure withheld as "too few people" is known to be 1 to k − 1. Two such figures in a total
 * whose other parts are published are then each known exactly when their sum is 2 (or k − 1 figures
 * summing to k − 1), and an arrival or a withdrawal between two releases gives back one person's
 * answer. Without the reasons a withheld figure may be 0 or any number a reader cannot bound by the
 * rule that hid it (test/server/intruder/nonnegative-bounds.test.ts).
 */
export function readersCopy(snapshot: ReleaseSnapshot): ReleaseSnapshot {
  const withheldCount = snapshot.checklist.reduce((n, item) => n + item.withheld.length, 0);
  return {
    ...snapshot,
    tables: snapshot.tables.map((table) => ({
      ...table,
      rows: table.rows.map((row) => ({
        ...row,
        cells: Object.fromEntries(Object.entries(row.cells).map(([key, cell]) => [key, withoutReason(cell)])),
      })),
    })),
    checklist: snapshot.checklist.map((item) => ({ ...item, withheld: [] })),
    // Which releases and shown figures the check compared with is the analysts' to know: some were
    // never published.
    checkedAgainst: [],
    withheldCount,
  };
}

function withoutReason(cell: ReleaseCell): ReleaseCell {
  return cell.published ? cell : { published: false };
}
