import { BENEFITS_NOTE, paymentMethodLabels } from "../../shared/contract/participation-plans.ts";
import type { RewardEntry } from "../../shared/contract/rewards.ts";
import { csvRecord } from "../exports/csv.ts";

/**
 * A person's reward statement as CSV, to open in a spreadsheet: one row per entry, oldest first, a
 * total row, and the benefits note. Amounts are pounds with two decimals. A cell that a spreadsheet
 * would run as a formula (starting =, +, -, @, tab or CR) gets a leading apostrophe.
 */
export function rewardStatementCsv(
  person: string,
  entries: readonly RewardEntry[],
  generatedOn: string,
): string {
  const rows = [...entries].sort(
    (a, b) => a.givenOn.localeCompare(b.givenOn) || a.recordedAt.localeCompare(b.recordedAt),
  );
  const pounds = (pence: number) => (pence / 100).toFixed(2);
  const hours = (h: number) => String(Math.round(h * 100) / 100);
  let csv = csvRecord([
    "date",
    "activity",
    "hours",
    "rate_per_hour_gbp",
    "reward_gbp",
    "payment_method",
    "area",
  ]);
  for (const e of rows) {
    csv += csvRecord(
      [
        e.givenOn,
        e.activity,
        hours(e.hours),
        pounds(e.pencePerHour),
        pounds(e.rewardPence),
        paymentMethodLabels[e.paymentMethod],
        e.areaId,
      ],
      true,
    );
  }
  const totalPence = rows.reduce((sum, e) => sum + e.rewardPence, 0);
  const totalHours = rows.reduce((sum, e) => sum + e.hours, 0);
  csv += csvRecord(["", "Total", hours(totalHours), "", pounds(totalPence), "", ""]);
  csv += csvRecord(["", `Statement for ${person}, made on ${generatedOn}.`, "", "", "", "", ""], true);
  csv += csvRecord(["", BENEFITS_NOTE, "", "", "", "", ""]);
  return csv;
}

/** A file name with safe characters only. */
export function statementFileName(generatedOn: string): string {
  return `reward-statement-${generatedOn}.csv`;
}
