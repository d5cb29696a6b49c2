import { describe, expect, it } from "vitest";
import type { DueParticipant, DueWave } from "../../../shared/contract/follow-ups.ts";
import {
  followUpWindows,
  quarterlyOffsets,
  summariseDue,
  waveStatus,
} from "../../../shared/follow-ups/due-waves.ts";

const NOW = new Date("2026-11-26T10:00:00.000Z");

function wave(n: number, opensAt: string, closesAt: string, ending: DueWave["ending"] = null): DueWave {
  return {
    wave: n,
    opensAt,
    dueAt: opensAt,
    closesAt,
    doneAt: ending ? "2026-11-01T00:00:00.000Z" : null,
    ending,
    lastRescheduledAt: null,
    assignedToId: null,
    assignedDueOn: null,
  };
}

function participant(code: string, waves: DueWave[]): DueParticipant {
  return {
    participantCode: code,
    surveyId: "s",
    areaId: "a",
    baselineAt: "2026-01-01T00:00:00.000Z",
    lastInterviewerId: "u",
    waves,
  };
}

describe("followUpWindows", () => {
  it("puts each wave its offset after the baseline, open the grace period either side", () => {
    expect(followUpWindows("2026-01-01T09:00:00.000Z", { offsetsDays: [90, 180], graceDays: 7 })).toEqual([
      {
        wave: 1,
        opensAt: "2026-03-25T09:00:00.000Z",
        dueAt: "2026-04-01T09:00:00.000Z",
        closesAt: "2026-04-08T09:00:00.000Z",
      },
      {
        wave: 2,
        opensAt: "2026-06-23T09:00:00.000Z",
        dueAt: "2026-06-30T09:00:00.000Z",
        closesAt: "2026-07-07T09:00:00.000Z",
      },
    ]);
  });

  it("gives nothing for a baseline date it cannot read", () => {
    expect(followUpWindows("not a date", { offsetsDays: [90], graceDays: 7 })).toEqual([]);
  });

  it("makes quarterly offsets a quarter of a year apart", () => {
    expect(quarterlyOffsets(1)).toEqual([91, 183, 274, 365]);
    expect(quarterlyOffsets(0)).toEqual([]);
  });
});

describe("waveStatus", () => {
  const open = "2026-11-20T00:00:00.000Z";
  const close = "2026-12-04T00:00:00.000Z";
  it("reads the window against the tablet's clock", () => {
    expect(waveStatus(wave(1, open, close), NOW)).toBe("due");
    expect(waveStatus(wave(1, "2026-12-01T00:00:00.000Z", "2026-12-30T00:00:00.000Z"), NOW)).toBe("upcoming");
    expect(waveStatus(wave(1, "2026-10-01T00:00:00.000Z", "2026-10-30T00:00:00.000Z"), NOW)).toBe("overdue");
  });

  it("counts a completed, stopped or declined wave as done whatever the window", () => {
    expect(waveStatus(wave(1, open, close, "completed"), NOW)).toBe("complete");
    expect(waveStatus(wave(1, open, close, "stopped"), NOW)).toBe("stopped");
    expect(waveStatus(wave(1, open, close, "declined"), NOW)).toBe("declined");
  });
});

describe("summariseDue", () => {
  it("lists each participant once, at the wave to do next", () => {
    const missedThenOpen = participant("A", [
      wave(1, "2026-08-01T00:00:00.000Z", "2026-08-30T00:00:00.000Z"),
      wave(2, "2026-11-20T00:00:00.000Z", "2026-12-04T00:00:00.000Z"),
    ]);
    const missed = participant("B", [
      wave(1, "2026-10-01T00:00:00.000Z", "2026-10-30T00:00:00.000Z"),
      wave(2, "2027-04-01T00:00:00.000Z", "2027-04-30T00:00:00.000Z"),
    ]);
    const soon = participant("C", [wave(1, "2026-12-10T00:00:00.000Z", "2026-12-30T00:00:00.000Z")]);
    const later = participant("D", [wave(1, "2027-06-10T00:00:00.000Z", "2027-06-30T00:00:00.000Z")]);
    const done = participant("E", [
      wave(1, "2026-10-01T00:00:00.000Z", "2026-10-30T00:00:00.000Z", "completed"),
    ]);
    const summary = summariseDue([missedThenOpen, missed, soon, later, done], NOW);
    expect(summary.due.map((e) => [e.participant.participantCode, e.wave.wave])).toEqual([["A", 2]]);
    expect(summary.overdue.map((e) => [e.participant.participantCode, e.wave.wave])).toEqual([["B", 1]]);
    expect(summary.upcoming.map((e) => e.participant.participantCode)).toEqual(["C"]);
    expect(summary.done).toBe(1);
  });
});
