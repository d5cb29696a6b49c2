/**
 * The contract types the offline layer stores. Re-exported in one place so that the IndexedDB records
 * name exactly what is sent; a change to the contract shows up here at compile time.
 */
export type {
  AdministrationMode,
  AnswerIssue,
  Problem,
  PublishedSurveySummary,
  RaiseConcernRequest,
  RescheduleRequest,
  SubmitDebriefRequest,
  SurveyVersion,
  SyncItem,
} from "../../shared/contract/index.ts";

import type { AdministrationMode } from "../../shared/contract/index.ts";

/** What the researcher chose before the interview: who, which wave, where, and how it is given. */
export interface InterviewSetupFields {
  participantCode: string;
  wave: number;
  areaId: string;
  administrationMode: AdministrationMode;
  /** The participant's language (issue 18); absent in drafts from before languages: the main one. */
  language?: string;
}
