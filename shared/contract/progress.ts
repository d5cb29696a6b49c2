/**
 * Fieldwork progress per area, survey and wave against the area's target. Each participant counts
 * once per wave, in one state (see `followUpStates`): `completed` is everyone with a stored interview
 * for that wave that was completed or stopped early (rejected ones aside). The other states are of
 * follow-ups expected but not done: those due under the survey's follow-up schedule for participants
 * with a baseline in the area, and those assigned to a researcher. These are operational counts for
 * coordinators, not research statistics, so small numbers are not suppressed.
 */
export interface ProgressQuery {
  areaId?: string | undefined;
  surveyId?: string | undefined;
}

export interface ProgressRow {
  areaId: string;
  areaName: string;
  surveyId: string;
  surveyTitle: string;
  wave: number;
  target: number | null;
  completed: number;
  due: number;
  overdue: number;
  upcoming: number;
  declined: number;
  withdrawn: number;
}

export interface ProgressResponse {
  today: string;
  rows: ProgressRow[];
}
