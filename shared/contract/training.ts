/**
 * Training records for the people who do fieldwork, with the day each refresher is due. Fieldwork
 * asks `GET /api/me/readiness` before an interview starts and warns (it does not block) when required
 * training has lapsed or was never recorded.
 *
 * Types, constants and the rules both sides run; no zod (the request schemas the server checks are in
 * `training.schema.ts`), so any page may import from here without loading it (decision 0052).
 */
export const trainingKinds = ["safeguarding", "distress_protocol", "interview_practice"] as const;
export type TrainingKind = (typeof trainingKinds)[number];

export const trainingKindLabels: Record<TrainingKind, string> = {
  safeguarding: "Safeguarding",
  distress_protocol: "Distress protocol",
  interview_practice: "Interview practice",
};

/** Needed before fieldwork; interview practice is recommended and its refresher is shown, not required. */
export const REQUIRED_TRAINING: readonly TrainingKind[] = ["safeguarding", "distress_protocol"];
/** A refresher this close is shown as coming up. */
export const REFRESHER_NOTICE_DAYS = 30;
/** When no refresher date is given: a year after completion. */
export const DEFAULT_REFRESHER_MONTHS = 12;

/** `POST /api/training`: the refresher, when given, is due after the training was completed. */
export interface RecordTrainingRequest {
  userId: string;
  kind: TrainingKind;
  /** YYYY-MM-DD */
  completedOn: string;
  /** YYYY-MM-DD, or null for a year after completion. */
  expiresOn: string | null;
  note: string;
}

export interface TrainingRecord {
  id: string;
  userId: string;
  userName: string;
  kind: TrainingKind;
  completedOn: string;
  expiresOn: string;
  note: string;
  recordedAt: string;
  recordedByName: string;
}

export interface TrainingResponse {
  today: string;
  records: TrainingRecord[];
}

/** `GET /api/training` query: one area's records, or one person's. */
export interface TrainingQuery {
  areaId?: string | undefined;
  userId?: string | undefined;
}

/** Where one kind of training stands for a person today. */
export interface TrainingStanding {
  kind: TrainingKind;
  required: boolean;
  /** The latest refresher date on record, or null if this training was never recorded. */
  expiresOn: string | null;
  state: "current" | "due_soon" | "lapsed" | "missing";
}

export interface Readiness {
  today: string;
  /** False when any required training is lapsed or missing. */
  ready: boolean;
  /** False for roles that do no fieldwork: nothing is required of them. */
  applies: boolean;
  training: TrainingStanding[];
}

/** The standing of each kind from a person's records (any order), as of `today` (YYYY-MM-DD). */
export function trainingStandings(
  records: readonly { kind: TrainingKind; expiresOn: string }[],
  today: string,
  required: readonly TrainingKind[] = REQUIRED_TRAINING,
): TrainingStanding[] {
  const soon = addDays(today, REFRESHER_NOTICE_DAYS);
  return trainingKinds.map((kind) => {
    const latest = records
      .filter((r) => r.kind === kind)
      .map((r) => r.expiresOn)
      .sort()
      .at(-1);
    const state: TrainingStanding["state"] =
      latest === undefined ? "missing" : latest < today ? "lapsed" : latest <= soon ? "due_soon" : "current";
    return { kind, required: required.includes(kind), expiresOn: latest ?? null, state };
  });
}

/** YYYY-MM-DD plus whole days, in UTC. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus whole months, in UTC; the 31st of a short month falls back to its last day. */
export function addMonths(day: string, months: number): string {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(date, last))).toISOString().slice(0, 10);
}
