import type { TrainingStanding } from "../contract/training.ts";

/** "Current until 10 Nov 2027", "Lapsed on …", "Never recorded". */
export function standingText(standing: TrainingStanding): string {
  switch (standing.state) {
    case "current":
      return `Current, refresher due ${standing.expiresOn}`;
    case "due_soon":
      return `Refresher due soon: ${standing.expiresOn}`;
    case "lapsed":
      return `Lapsed: refresher was due ${standing.expiresOn}`;
    case "missing":
      return "Never recorded";
  }
}
