import type { TrainingStanding } from "../contract/training.ts";

// A refresher date ("2027-08-09") is a calendar day: read and shown in UTC so it never moves a day.
const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** "9 August 2027" for "2027-08-09"; anything that is not a date is shown as it came. */
export function trainingDay(isoDate: string | null): string {
  if (isoDate === null) return "not recorded";
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : day.format(date);
}

/** "Current, refresher due 9 August 2027", "Lapsed: refresher was due …", "Never recorded". */
export function standingText(standing: TrainingStanding): string {
  switch (standing.state) {
    case "current":
      return `Current, refresher due ${trainingDay(standing.expiresOn)}`;
    case "due_soon":
      return `Refresher due soon: ${trainingDay(standing.expiresOn)}`;
    case "lapsed":
      return `Lapsed: refresher was due ${trainingDay(standing.expiresOn)}`;
    case "missing":
      return "Never recorded";
  }
}
