import type { DueParticipant, DueWave, FollowUpSchedule } from "../contract/follow-ups.ts";

/**
 * Follow-up arithmetic, the same on the server (which gives dates) and on a tablet (which turns them
 * into "due", "overdue" … against its own clock, so a due list cached days ago still reads right).
 */
const DAY_MS = 86_400_000;

export interface FollowUpWindow {
  wave: number;
  opensAt: string;
  dueAt: string;
  closesAt: string;
}

/** Wave n (from 1) is due `offsetsDays[n - 1]` days after the baseline, open `graceDays` either side. */
export function followUpWindows(baselineAt: string, schedule: FollowUpSchedule): FollowUpWindow[] {
  const baseline = Date.parse(baselineAt);
  if (Number.isNaN(baseline)) return [];
  return schedule.offsetsDays.map((offset, index) => {
    const due = baseline + offset * DAY_MS;
    return {
      wave: index + 1,
      opensAt: new Date(due - schedule.graceDays * DAY_MS).toISOString(),
      dueAt: new Date(due).toISOString(),
      closesAt: new Date(due + schedule.graceDays * DAY_MS).toISOString(),
    };
  });
}

/** Quarterly follow-ups for `years` years: 91, 182, 274, 365 … days. */
export function quarterlyOffsets(years: number): number[] {
  return Array.from({ length: Math.max(0, Math.floor(years * 4)) }, (_, i) =>
    Math.round(((i + 1) * 365.25) / 4),
  );
}

export const followUpStatuses = ["overdue", "due", "upcoming", "complete", "stopped", "declined"] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

/**
 * Where one wave stands at `now`. A stopped interview counts as done: a person who stopped in distress
 * is not approached again for the same wave. A declined wave is done too; the next wave may be asked.
 */
export function waveStatus(
  wave: Pick<DueWave, "opensAt" | "closesAt" | "ending">,
  now: Date,
): FollowUpStatus {
  switch (wave.ending) {
    case "completed":
      return "complete";
    case "stopped":
      return "stopped";
    case "declined":
      return "declined";
    case null:
      break;
  }
  const at = now.getTime();
  if (at < Date.parse(wave.opensAt)) return "upcoming";
  if (at <= Date.parse(wave.closesAt)) return "due";
  return "overdue";
}

export interface DueEntry {
  participant: DueParticipant;
  wave: DueWave;
  status: FollowUpStatus;
}

export interface DueSummary {
  overdue: DueEntry[];
  due: DueEntry[];
  /** Opening within `horizonDays`. */
  upcoming: DueEntry[];
  done: number;
}

/**
 * The list a researcher works from: one entry per participant, the wave to do next, and how many
 * waves are done. The wave to do next is the latest one whose window has opened and that is not done
 * (a wave that opened supersedes a missed one before it), or else the next one to open.
 */
export function summariseDue(participants: DueParticipant[], now: Date, horizonDays = 30): DueSummary {
  const summary: DueSummary = { overdue: [], due: [], upcoming: [], done: 0 };
  const horizon = now.getTime() + horizonDays * DAY_MS;
  for (const participant of participants) {
    let opened: DueEntry | undefined;
    let upcoming: DueEntry | undefined;
    for (const wave of [...participant.waves].sort((a, b) => a.wave - b.wave)) {
      const status = waveStatus(wave, now);
      if (status === "complete" || status === "stopped" || status === "declined") summary.done += 1;
      else if (status === "upcoming") upcoming ??= { participant, wave, status };
      else opened = { participant, wave, status };
    }
    const next = opened ?? upcoming;
    if (!next) continue;
    if (next.status === "overdue") summary.overdue.push(next);
    else if (next.status === "due") summary.due.push(next);
    else if (Date.parse(next.wave.opensAt) <= horizon) summary.upcoming.push(next);
  }
  const byClosing = (a: DueEntry, b: DueEntry) => a.wave.closesAt.localeCompare(b.wave.closesAt);
  summary.overdue.sort(byClosing);
  summary.due.sort(byClosing);
  summary.upcoming.sort((a, b) => a.wave.opensAt.localeCompare(b.wave.opensAt));
  return summary;
}
