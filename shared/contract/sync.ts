import type { Problem } from "./problems.ts";

/**
 * The sync contract between a tablet and the server. A tablet sends completed interviews in batches;
 * every item carries an id the tablet made when the interview started, so a resend is recognised.
 */
export const administrationModes = ["read_aloud", "self_completed", "mixed"] as const;
export type AdministrationMode = (typeof administrationModes)[number];

/**
 * How an interview ended. Absent means "completed", so tablets from before endings existed keep
 * working. "declined": consent was not given, and the answers are only `{ consent: false }`.
 * "stopped": ended early (e.g. distress); the answers given so far, without issues for the rest.
 * A readiness check that ended in "not today" is not a response at all (see `RescheduleRequest`).
 */
export const interviewEndings = ["completed", "declined", "stopped"] as const;
export type InterviewEnding = (typeof interviewEndings)[number];

export const MAX_SYNC_ITEMS = 100;
/** Bytes; a batch of 100 long interviews stays far below this. */
export const MAX_SYNC_BODY_BYTES = 5 * 1024 * 1024;

/** A matrix in a dynamic panel is 4 levels deep; nothing a survey makes goes near this. */
export const MAX_ANSWER_DEPTH = 12;

/**
 * The longest interview language the contract takes: BCP 47 asks that tags up to 35 characters work;
 * anything longer is not a language and refuses the request. The shape of a shorter one is checked per
 * interview by the server (`interview_language_invalid`), so one bad value does not hold up the batch.
 */
export const MAX_LANGUAGE_LENGTH = 35;

/** One interview as a tablet sends it. */
export interface SyncItem {
  /** Made on the tablet when the interview started (a UUID), so a resend is recognised. */
  id: string;
  surveyId: string;
  surveyVersion: number;
  participantCode: string;
  wave: number;
  areaId: string;
  startedAt: string;
  completedAt: string;
  administrationMode: AdministrationMode;
  /** Absent: "completed". */
  ending?: InterviewEnding | undefined;
  /**
   * The locale the participant was interviewed in (`survey.locale`: "pl", "ar", "en-easy"). Absent
   * from tablets older than languages: the survey version's main language (decision 0037).
   */
  language?: string | undefined;
  /**
   * Who made the interview (their person id), when a shared tablet uploads it for them (decision
   * 0049). Absent from older tablets: the uploader made it. The server records it only when it is a
   * researcher of the interview's area today; otherwise it records the uploader and flags the
   * interview for review. Not part of the content hash: a resend with or without it is the same.
   */
  interviewer?: string | undefined;
  /** The answers, at most `MAX_ANSWER_DEPTH` deep. */
  data: Record<string, unknown>;
}

/** At most `MAX_SYNC_ITEMS` interviews. */
export interface SyncRequest {
  deviceId?: string | undefined;
  items: SyncItem[];
}

/** Something in the answers that did not pass the survey's own rules. */
export interface AnswerIssue {
  /** The top-level question (its data name) the issue belongs to. */
  question: string;
  message: string;
  /**
   * Where inside that question, when the issue is nested: `support.staffHelpfulness` (a matrix row and
   * column, or a multiple-text item), `household[1].age` (a dynamic panel or dynamic matrix row).
   */
  path?: string;
}

/**
 * What happened to one item. Expected outcomes are values, not errors:
 * - accepted: stored, and it passed validation;
 * - duplicate: the same id with the same content was stored before; nothing new was stored;
 * - conflict: the same id with different content; kept as a new revision for review, nothing overwritten;
 * - needs_review: stored, but it failed validation; `issues` says why;
 * - rejected: not stored; `problem` says why (the tablet keeps the item).
 */
export type SyncOutcome =
  | { id: string; outcome: "accepted"; receivedAt: string }
  | { id: string; outcome: "duplicate"; receivedAt: string }
  | { id: string; outcome: "conflict"; receivedAt: string; revision: number }
  | { id: string; outcome: "needs_review"; receivedAt: string; issues: AnswerIssue[] }
  | { id: string; outcome: "rejected"; problem: Problem };

export type SyncOutcomeKind = SyncOutcome["outcome"];

export interface SyncResponse {
  results: SyncOutcome[];
}
