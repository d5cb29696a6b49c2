import type { OutboxState } from "../../shared/fieldwork/outbox-state.ts";
import type {
  AnswerIssue,
  InterviewSetupFields,
  Problem,
  PublishedSurveySummary,
  RaiseConcernRequest,
  RescheduleRequest,
  SubmitDebriefRequest,
  SurveyVersion,
  SyncItem,
} from "./contract.ts";

/** Which researcher put something on this tablet: drafts and debriefs belong to them. */
export interface Owner {
  ownerId: string;
  ownerName: string;
}

export type InterviewView = "interviewer" | "show_card" | "hand_over";

/**
 * An interview in progress, saved after every answer. It carries the exact survey version it was
 * started on, so it can be resumed with no connection even if the tablet's caches are cleared.
 */
export interface DraftRecord extends Owner {
  id: string;
  survey: PublishedSurveySummary;
  version: SurveyVersion;
  setup: InterviewSetupFields;
  startedAt: string;
  updatedAt: string;
  /** "readiness": before consent; "questions": the survey itself. */
  stage: "readiness" | "questions";
  data: Record<string, unknown>;
  /** SurveyJS's index of the visible page the interview is on. */
  pageNo: number;
  view: InterviewView;
  /** Any part was handed over for self-completion (makes a read-aloud interview "mixed"). */
  handedOver: boolean;
}

/** What the server said about an item: a stored receipt, or why it refused. */
export type Receipt =
  | { outcome: "accepted" | "duplicate"; receivedAt: string }
  | { outcome: "conflict"; receivedAt: string; revision: number }
  | { outcome: "needs_review"; receivedAt: string; issues: AnswerIssue[] }
  | { outcome: "refused"; problem: Problem };

interface QueuedBase extends Owner {
  id: string;
  queuedAt: string;
  state: OutboxState;
  attempts: number;
  /** Why the last try did not store it, in words for the researcher. */
  lastError: string | null;
  receipt: Receipt | null;
  /** When it reached the server (or was refused), for tidying up old receipts. */
  settledAt: string | null;
}

/** A finished interview. Once it is on the server its answers are removed from the tablet. */
export interface InterviewRecord extends QueuedBase {
  kind: "interview";
  surveyTitle: string;
  item: SyncItem;
}

export interface ConcernRecord extends QueuedBase {
  kind: "concern";
  body: RaiseConcernRequest;
}

export interface DebriefRecord extends QueuedBase {
  kind: "debrief";
  body: SubmitDebriefRequest;
}

export interface RescheduleRecord extends QueuedBase {
  kind: "reschedule";
  surveyTitle: string;
  body: RescheduleRequest;
}

export type OutboxRecord = InterviewRecord | ConcernRecord | DebriefRecord | RescheduleRecord;
