import type { ReleaseCell, ReleaseColumn, ReleaseTable } from "../../shared/contract/releases.ts";
import { releaseBreakdownLabels } from "../../shared/contract/releases.ts";
import { cellText, valueText, WITHHELD_TEXT } from "./format.ts";

export interface DisplayTable {
  header: string[];
  rows: { key: string; cells: string[] }[];
}

/**
 * A release table as people read it: a share sits in its count's cell ("12 (27%)") and a likely
 * range in its average's cell ("2.7, likely 2.4 to 3.0"), so a table fits a tablet or an A4 page
 * without scrolling sideways. Withheld figures say "withheld" and give no number (never why: 0071); a
 * share or range that is withheld on its own says so beside the figure it belongs to.
 */
export function displayTable(table: ReleaseTable): DisplayTable {
  const byKey = new Map(table.columns.map((c) => [c.key, c]));
  // A share belongs with the count it is `of`; a likely range with the average just before it (the
  // contract points both average and range at the count they are about, so order tells which).
  const partOf = (c: ReleaseColumn): ReleaseColumn | undefined => {
    if (c.kind === "percent") {
      const owner = c.of ? byKey.get(c.of) : undefined;
      return owner?.kind === "count" || owner?.kind === "total" ? owner : undefined;
    }
    if (c.kind === "lower" || c.kind === "upper") {
      const before = table.columns.slice(0, table.columns.indexOf(c));
      return before.findLast((b) => b.kind === "mean");
    }
    return undefined;
  };
  const shown = table.columns.filter((c) => !partOf(c));
  const parts = (owner: ReleaseColumn) => table.columns.filter((c) => partOf(c) === owner);
  const header = [
    table.breakdown && table.breakdown !== "overall" ? releaseBreakdownLabels[table.breakdown] : "Who",
    ...shown.map((c) => {
      const extra = parts(c);
      if (c.kind === "mean" && extra.length > 0) return `${c.label} (likely range)`;
      if (extra.some((p) => p.kind === "percent")) return `${c.label} (share)`;
      return c.label;
    }),
  ];
  const rows = table.rows.map((row) => ({
    key: row.key,
    cells: [
      row.label,
      ...shown.map((c) => {
        const cell = row.cells[c.key];
        const main = cellText(c, cell);
        if (!cell?.published) return main;
        const extra = parts(c);
        if (extra.length === 0) return main;
        if (c.kind === "mean") {
          const lower = extra.find((p) => p.kind === "lower");
          const upper = extra.find((p) => p.kind === "upper");
          const lo = lower ? row.cells[lower.key] : undefined;
          const hi = upper ? row.cells[upper.key] : undefined;
          if (lo?.published && hi?.published)
            return `${main} (${valueText("lower", lo.value)} to ${valueText("upper", hi.value)})`;
          return `${main} (range ${withheldPart(lo ?? hi)})`;
        }
        const share = extra.find((p) => p.kind === "percent");
        const s = share ? row.cells[share.key] : undefined;
        if (s?.published) return `${main} (${valueText("percent", s.value)})`;
        return `${main} (share ${withheldPart(s)})`;
      }),
    ],
  }));
  return { header, rows };
}

function withheldPart(cell: ReleaseCell | undefined): string {
  if (!cell || cell.published) return "not given";
  return WITHHELD_TEXT;
}
