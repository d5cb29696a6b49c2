import type { DueParticipant, DueWave, SurveyFollowUpSchedule } from "../../shared/contract/follow-ups.ts";
import { followUpWindows } from "../../shared/follow-ups/due-waves.ts";
import type { AssignmentFact, InterviewFact, RescheduleFact } from "./due-list.repository.ts";

/**
 * Builds each participant's follow-up waves from their interviews. The baseline is the first wave-0
 * interview that was not declined (a declined baseline starts nothing). For each later wave the best
 * interview counts: a completed one over a stopped one over a declined one, the latest among equals.
 */
export function buildDueList(
  schedules: SurveyFollowUpSchedule[],
  interviews: InterviewFact[],
  reschedules: RescheduleFact[],
  assignments: AssignmentFact[],
): DueParticipant[] {
  const scheduleOf = new Map(schedules.map((s) => [s.surveyId, s]));
  const byParticipant = new Map<string, InterviewFact[]>();
  for (const interview of interviews) {
    const key = keyOf(interview);
    const list = byParticipant.get(key);
    if (list) list.push(interview);
    else byParticipant.set(key, [interview]);
  }
  const rescheduledAt = new Map(reschedules.map((r) => [`${keyOf(r)}#${r.wave}`, r.at]));
  const assigned = new Map(assignments.map((a) => [`${keyOf(a)}#${a.wave}`, a]));

  const participants: DueParticipant[] = [];
  for (const list of byParticipant.values()) {
    const first = list[0];
    const schedule = first && scheduleOf.get(first.surveyId);
    if (!first || !schedule) continue;
    const baseline = list.find((i) => i.wave === 0 && i.ending !== "declined");
    if (!baseline) continue;
    const latest = list.reduce((a, b) => (b.completedAt > a.completedAt ? b : a), first);
    const waves: DueWave[] = followUpWindows(baseline.completedAt, schedule).map((window) => {
      const done = best(list.filter((i) => i.wave === window.wave));
      const key = `${keyOf(first)}#${window.wave}`;
      const assignment = assigned.get(key);
      return {
        ...window,
        doneAt: done?.completedAt ?? null,
        ending: done?.ending ?? null,
        lastRescheduledAt: rescheduledAt.get(key) ?? null,
        assignedToId: assignment?.researcherId ?? null,
        assignedDueOn: assignment?.dueOn ?? null,
      };
    });
    participants.push({
      participantCode: first.participantCode,
      surveyId: first.surveyId,
      areaId: baseline.areaId,
      baselineAt: baseline.completedAt,
      lastInterviewerId: latest.submittedBy,
      waves,
    });
  }
  return participants.sort(
    (a, b) => a.participantCode.localeCompare(b.participantCode) || a.surveyId.localeCompare(b.surveyId),
  );
}

function keyOf(fact: { participantCode: string; surveyId: string }): string {
  return `${fact.participantCode}|${fact.surveyId}`;
}

const rank = { completed: 3, stopped: 2, declined: 1 } as const;

function best(interviews: InterviewFact[]): InterviewFact | undefined {
  return interviews.reduce<InterviewFact | undefined>((kept, next) => {
    if (!kept) return next;
    const order = rank[next.ending] - rank[kept.ending];
    return order > 0 || (order === 0 && next.completedAt >= kept.completedAt) ? next : kept;
  }, undefined);
}
