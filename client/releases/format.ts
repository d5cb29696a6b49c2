import type {
  ReleaseCell,
  ReleaseColumn,
  ReleaseColumnKind,
  ReleaseSnapshot,
  ReleaseStatus,
} from "../../shared/contract/releases.ts";

/**
 * How a release words its figures. The checks have already rounded every published value (counts and
 * percentages whole, averages and likely ranges to one decimal); this only prints them. A withheld
 * cell has no number to print and says only "withheld", never why, for analysts too: the document is
 * what readers see (and print), and knowing which figures are "too few people" gives some of them back
 * (docs/decisions/0071). Analysts read each figure's reason in the checklist.
 */

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function valueText(kind: ReleaseColumnKind, value: number): string {
  switch (kind) {
    case "count":
    case "total":
      return whole.format(value);
    case "percent":
      return `${whole.format(value)}%`;
    case "mean":
    case "lower":
    case "upper":
      return oneDecimal.format(value);
  }
}

export const WITHHELD_TEXT = "withheld";

export function cellText(column: ReleaseColumn, cell: ReleaseCell | undefined): string {
  if (!cell) return "not given";
  return cell.published ? valueText(column.kind, cell.value) : WITHHELD_TEXT;
}

/** How many figures are withheld in all: a reader's copy says; an analyst's counts its checklist. */
export function withheldCount(snapshot: ReleaseSnapshot): number {
  return snapshot.withheldCount ?? snapshot.checklist.reduce((n, item) => n + item.withheld.length, 0);
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });

/** "6 December 2026"; dates are shown in the UK, where the work happens. */
export function dateText(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export const statusLabels: Record<ReleaseStatus, string> = {
  draft: "Draft: not checked yet",
  checked: "Checked: waiting for sign-off and publishing",
  published: "Published",
};
