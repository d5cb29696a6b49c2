/**
 * The training kinds and their rules as plain values, without zod, so the fieldwork route can show a
 * training warning without loading the schemas (docs/decisions/0020). training.ts builds the schemas
 * on these and re-exports them.
 */
export const trainingKinds = ["safeguarding", "distress_protocol", "interview_practice"] as const;
export type TrainingKindName = (typeof trainingKinds)[number];

export const trainingKindLabels: Record<TrainingKindName, string> = {
  safeguarding: "Safeguarding",
  distress_protocol: "Distress protocol",
  interview_practice: "Interview practice",
};

/** Needed before fieldwork; interview practice is recommended and its refresher is shown, not required. */
export const REQUIRED_TRAINING: readonly TrainingKindName[] = ["safeguarding", "distress_protocol"];
/** A refresher this close is shown as coming up. */
export const REFRESHER_NOTICE_DAYS = 30;
/** When no refresher date is given: a year after completion. */
export const DEFAULT_REFRESHER_MONTHS = 12;
