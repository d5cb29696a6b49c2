import { z } from "zod";
import { CalendarDate } from "./assignments.ts";
import {
  DEFAULT_REFRESHER_MONTHS,
  REFRESHER_NOTICE_DAYS,
  REQUIRED_TRAINING,
  trainingKindLabels,
  trainingKinds,
} from "./training-constants.ts";

/**
 * Training records for the people who do fieldwork, with the day each refresher is due. Fieldwork
 * asks `GET /api/me/readiness` before an interview starts and warns (it does not block) when required
 * training has lapsed or was never recorded.
 */
export const TrainingKind = z.enum(trainingKinds);
export type TrainingKind = z.infer<typeof TrainingKind>;

export {
  DEFAULT_REFRESHER_MONTHS,
  REFRESHER_NOTICE_DAYS,
  REQUIRED_TRAINING,
  trainingKindLabels,
  trainingKinds,
};

export const RecordTrainingRequest = z
  .strictObject({
    userId: z.string().min(1).max(64),
    kind: TrainingKind,
    completedOn: CalendarDate,
    expiresOn: CalendarDate.nullable(),
    note: z.string().trim().max(1000),
  })
  .refine((r) => r.expiresOn === null || r.expiresOn > r.completedOn, {
    message: "The refresher must be due after the training was completed.",
    path: ["expiresOn"],
  });
export type RecordTrainingRequest = z.infer<typeof RecordTrainingRequest>;

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

export const TrainingQuery = z.strictObject({
  areaId: z.string().min(1).max(64).optional(),
  userId: z.string().min(1).max(64).optional(),
});

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
