import { describe, expect, it } from "vitest";
import type { DueParticipant, DueWave } from "../../../shared/contract/follow-ups.ts";
import { chooseWave } from "../../../shared/fieldwork/wave-choice.ts";

const now = new Date("2026-06-01T12:00:00Z");
const day = 86_400_000;

function wave(n: number, dueDaysFromNow: number, ending: DueWave["ending"] = null): DueWave {
  const due = now.getTime() + dueDaysFromNow * day;
  return {
    wave: n,
    opensAt: new Date(due - 14 * day).toISOString(),
    dueAt: new Date(due).toISOString(),
    closesAt: new Date(due + 14 * day).toISOString(),
    doneAt: ending ? now.toISOString() : null,
    ending,
    lastRescheduledAt: null,
    assignedToId: null,
    assignedDueOn: null,
  };
}

function participant(waves: DueWave[]): DueParticipant {
  return {
    participantCode: "ABCD-EFGH",
    surveyId: "s",
    areaId: "a",
    baselineAt: "2026-01-01T00:00:00Z",
    lastInterviewerId: "u",
    waves,
  };
}

describe("chooseWave", () => {
  it("offers the baseline for a code nobody knows", () => {
    expect(chooseWave([], undefined, now)).toEqual({ wave: 0, reason: "new", options: [0, 1] });
  });

  it("takes the wave due now from the due list", () => {
    const choice = chooseWave([], participant([wave(1, -2), wave(2, 90), wave(3, 180)]), now);
    expect(choice).toEqual({ wave: 1, reason: "due_list", options: [1, 2, 3] });
  });

  it("skips a wave the due list has open but this tablet already did and has not uploaded", () => {
    const choice = chooseWave([{ wave: 1 }], participant([wave(1, -2), wave(2, 90)]), now);
    expect(choice.wave).toBe(2);
    expect(choice.reason).toBe("due_list");
  });

  it("works from the tablet alone when the due list does not know the code", () => {
    expect(chooseWave([{ wave: 0 }, { wave: 1, ending: "stopped" }], undefined, now)).toEqual({
      wave: 2,
      reason: "tablet",
      options: [0, 1, 2],
    });
  });

  it("says when every planned wave is done", () => {
    const choice = chooseWave([], participant([wave(1, -90, "completed"), wave(2, -2, "completed")]), now);
    expect(choice).toEqual({ wave: 3, reason: "all_done", options: [1, 2, 3] });
  });
});
