import type { FollowUpState } from "../contract/assignments.ts";
import { addDays } from "../contract/training.ts";

/**
 * Where one participant's follow-up (one survey, one wave) stands on a given day. Plain data in,
 * plain data out: the server uses it for progress counts and assignment lists alike, so both agree.
 *
 * What was done comes first: an interview that completed (or stopped early: it took place) makes the
 * follow-up completed whatever else is true; then a withdrawal; then a decline. Only a follow-up with
 * none of those is due, overdue or not due yet, by its window.
 */
export interface FollowUpFacts {
  completed: boolean;
  withdrawn: boolean;
  declined: boolean;
  window: FollowUpWindow | null;
}

/** Days, YYYY-MM-DD. `opensOn` null: open from the start (an assignment with a date but no schedule). */
export interface FollowUpWindow {
  opensOn: string | null;
  closesOn: string | null;
}

export function followUpState(facts: FollowUpFacts, today: string): FollowUpState {
  if (facts.completed) return "completed";
  if (facts.withdrawn) return "withdrawn";
  if (facts.declined) return "declined";
  const window = facts.window;
  if (window?.closesOn != null && today > window.closesOn) return "overdue";
  if (window?.opensOn != null && today < window.opensOn) return "upcoming";
  return "due";
}

/** A follow-up schedule: wave n is due `offsetsDays[n - 1]` days after the baseline, open `graceDays` either side. */
export interface Schedule {
  offsetsDays: readonly number[];
  graceDays: number;
}

/** The window of wave `wave` (1, 2, …) for a baseline on `baselineOn`, or null if the schedule has no such wave. */
export function scheduledWindow(schedule: Schedule, baselineOn: string, wave: number): FollowUpWindow | null {
  const offset = schedule.offsetsDays[wave - 1];
  if (wave < 1 || offset === undefined) return null;
  const dueOn = addDays(baselineOn, offset);
  return { opensOn: addDays(dueOn, -schedule.graceDays), closesOn: addDays(dueOn, schedule.graceDays) };
}

/**
 * The window of an assigned follow-up: the date set when assigning is a deadline (open from now until
 * then, or from the scheduled opening if there is one); without a date, the scheduled window applies.
 */
export function assignedWindow(
  dueOn: string | null,
  scheduled: FollowUpWindow | null,
): FollowUpWindow | null {
  if (dueOn === null) return scheduled;
  return {
    opensOn: scheduled?.opensOn != null && scheduled.opensOn < dueOn ? scheduled.opensOn : null,
    closesOn: dueOn,
  };
}
