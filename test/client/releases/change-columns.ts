import type { ReleaseColumn } from "../../../shared/contract/releases.ts";

/** The columns of a release's change table for the same people, as the release check writes them. */
export const CHANGE_COLUMNS: ReleaseColumn[] = [
  { key: "n", label: "People interviewed both times", kind: "count", of: null },
  { key: "before", label: "Average before", kind: "mean", of: "n" },
  { key: "after", label: "Average after", kind: "mean", of: "n" },
  { key: "change", label: "Average change", kind: "mean", of: "n" },
  { key: "lower", label: "Likely smallest change", kind: "lower", of: "n" },
  { key: "upper", label: "Likely largest change", kind: "upper", of: "n" },
];
