import type { Kysely } from "kysely";
import type { FollowUpState } from "../../shared/contract/assignments.ts";
import {
  assignedWindow,
  type FollowUpWindow,
  followUpState,
  scheduledWindow,
} from "../../shared/follow-ups/follow-up-state.ts";
import type { Database } from "../db/schema.ts";
import {
  type AssignmentRow,
  type FollowUpScope,
  loadAssignments,
  loadBaselines,
  loadInterviews,
  loadSchedules,
  loadWithdrawn,
} from "./follow-ups.repository.ts";

/** One participant's interview of one wave of one survey: done, expected, or assigned. */
export interface FollowUp {
  participantCode: string;
  surveyId: string;
  wave: number;
  /** Where it was done; else the assignment's area; else the baseline's. */
  areaId: string;
  window: FollowUpWindow | null;
  state: FollowUpState;
  assignment: AssignmentRow | null;
}

const key = (code: string, surveyId: string, wave: number) => `${code}|${surveyId}|${wave}`;

/**
 * Every follow-up the scope knows of, with its state on `today`: interviews that took place (any
 * wave), the waves a survey's follow-up schedule expects after each baseline, and assignments.
 * Follow-ups whose area is outside the scope are left out.
 */
export async function loadFollowUps(
  db: Kysely<Database>,
  scope: FollowUpScope,
  today: string,
): Promise<FollowUp[]> {
  const [schedules, baselines, interviews, assignments] = await Promise.all([
    loadSchedules(db),
    loadBaselines(db, scope),
    loadInterviews(db, scope),
    loadAssignments(db, { ...scope, ofAreaParticipants: true }),
  ]);

  interface Draft {
    participantCode: string;
    surveyId: string;
    wave: number;
    baselineAreaId: string | null;
    scheduled: FollowUpWindow | null;
    doneAreaId: string | null;
    completed: boolean;
    declined: boolean;
    assignment: AssignmentRow | null;
  }
  const drafts = new Map<string, Draft>();
  const draft = (code: string, surveyId: string, wave: number): Draft => {
    const k = key(code, surveyId, wave);
    let d = drafts.get(k);
    if (!d) {
      d = {
        participantCode: code,
        surveyId,
        wave,
        baselineAreaId: null,
        scheduled: null,
        doneAreaId: null,
        completed: false,
        declined: false,
        assignment: null,
      };
      drafts.set(k, d);
    }
    return d;
  };

  // Baselines cluster on the same days (fieldwork happens in sessions), so each day's windows are
  // worked out once per survey: date arithmetic was most of this function's time on 20,000 baselines.
  const windows = new Map<string, (FollowUpWindow | null)[]>();
  for (const b of baselines) {
    const schedule = schedules.get(b.surveyId);
    const baselineOn = b.baselineAt.slice(0, 10);
    draft(b.participantCode, b.surveyId, 0).baselineAreaId ??= b.areaId;
    if (!schedule) continue;
    const windowKey = `${b.surveyId}|${baselineOn}`;
    let dayWindows = windows.get(windowKey);
    if (!dayWindows) {
      dayWindows = schedule.offsetsDays.map((_, i) => scheduledWindow(schedule, baselineOn, i + 1));
      windows.set(windowKey, dayWindows);
    }
    for (let wave = 1; wave <= dayWindows.length; wave++) {
      const d = draft(b.participantCode, b.surveyId, wave);
      if (d.baselineAreaId === null) {
        d.baselineAreaId = b.areaId;
        d.scheduled = dayWindows[wave - 1] ?? null;
      }
    }
  }
  for (const i of interviews) {
    const d = draft(i.participantCode, i.surveyId, i.wave);
    if (i.ending === "declined") d.declined = true;
    else d.completed = true;
    if (d.doneAreaId === null || i.ending !== "declined") d.doneAreaId = i.areaId;
  }
  for (const a of assignments) {
    const d = draft(a.participantCode, a.surveyId, a.wave);
    d.assignment = a;
    if (a.status === "declined") d.declined = true;
  }

  const withdrawn = await loadWithdrawn(
    db,
    [...drafts.values()].filter((d) => !d.completed).map((d) => d.participantCode),
  );
  const followUps: FollowUp[] = [];
  for (const d of drafts.values()) {
    const areaId = d.doneAreaId ?? d.assignment?.areaId ?? d.baselineAreaId;
    if (areaId === null || (scope.areaId !== null && areaId !== scope.areaId)) continue;
    const window = d.assignment ? assignedWindow(d.assignment.dueOn, d.scheduled) : d.scheduled;
    const state = followUpState(
      { completed: d.completed, declined: d.declined, withdrawn: withdrawn.has(d.participantCode), window },
      today,
    );
    followUps.push({
      participantCode: d.participantCode,
      surveyId: d.surveyId,
      wave: d.wave,
      areaId,
      window,
      state,
      assignment: d.assignment,
    });
  }
  return followUps;
}
