import type { AdministrationMode } from "../../shared/contract/index.ts";

/** Typed against the contract, so a new mode there will not compile until it has a label here. */
export const administrationModeLabels: Record<AdministrationMode, string> = {
  read_aloud: "Read aloud by me",
  self_completed: "Self-completed by the participant",
  mixed: "Mixed: some read aloud, some self-completed",
};

export const administrationModeOptions = Object.entries(administrationModeLabels) as [
  AdministrationMode,
  string,
][];
