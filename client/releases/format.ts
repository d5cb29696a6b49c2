import type {
  ReleaseCell,
  ReleaseColumn,
  ReleaseColumnKind,
  ReleaseStatus,
  WithheldReason,
} from "../../shared/contract/releases.ts";
import { withheldReasonLabels } from "../../shared/contract/releases.ts";

/**
 * How a release words its figures. The checks have already rounded every published value (counts and
 * percentages whole, averages and likely ranges to one decimal); this only prints them. A withheld
 * cell never has a number to print: it says why it is withheld, and for too few people, the threshold.
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

export function withheldText(reason: WithheldReason, k: number): string {
  if (reason === "below_k") return `withheld: fewer than ${k} people`;
  return `withheld: ${withheldReasonLabels[reason].toLowerCase()}`;
}

export function cellText(column: ReleaseColumn, cell: ReleaseCell | undefined, k: number): string {
  if (!cell) return "not given";
  return cell.published ? valueText(column.kind, cell.value) : withheldText(cell.reason, k);
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
