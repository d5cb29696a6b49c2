import type {
  AdministrationMode,
  PublishedSurveySummary,
  SurveyVersion,
  SyncItem,
} from "../../shared/contract/index.ts";

/** What the researcher chose on the "start interview" step. */
export interface InterviewSetup {
  participantCode: string;
  wave: number;
  areaId: string;
  administrationMode: AdministrationMode;
}

/**
 * An interview in progress. The id is made on this device when the interview starts, so that
 * however many times the finished interview is sent, the server sees one response.
 */
export interface RunningInterview extends InterviewSetup {
  id: string;
  startedAt: string;
  survey: PublishedSurveySummary;
  version: SurveyVersion;
}

export function completeInterview(interview: RunningInterview, data: Record<string, unknown>): SyncItem {
  return {
    id: interview.id,
    surveyId: interview.version.surveyId,
    surveyVersion: interview.version.version,
    participantCode: interview.participantCode,
    wave: interview.wave,
    areaId: interview.areaId,
    startedAt: interview.startedAt,
    completedAt: new Date().toISOString(),
    administrationMode: interview.administrationMode,
    data,
  };
}
