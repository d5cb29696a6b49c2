import { describe, expect, it } from "vitest";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import {
  administrationModeFor,
  finishAnswers,
  issuesForEnding,
  withCanonicalEnding,
} from "../../../shared/fieldwork/endings.ts";

const item = (overrides: Partial<SyncItem>): SyncItem => ({
  id: "00000000-0000-4000-8000-000000000000",
  surveyId: "s",
  surveyVersion: 1,
  participantCode: "ABCD-EFGH",
  wave: 0,
  areaId: "a",
  startedAt: "2026-11-26T09:00:00.000Z",
  completedAt: "2026-11-26T09:30:00.000Z",
  administrationMode: "read_aloud",
  data: {},
  ...overrides,
});

describe("finishAnswers", () => {
  it("keeps only the decline when consent is no", () => {
    expect(finishAnswers({ consent: false, mood: 3 }, false)).toEqual({
      ending: "declined",
      data: { consent: false },
    });
    expect(finishAnswers({ consent: false }, true)).toEqual({ ending: "declined", data: { consent: false } });
  });

  it("keeps a stopped interview's answers once consent was given, and nothing before", () => {
    expect(finishAnswers({ consent: true, mood: 2 }, true)).toEqual({
      ending: "stopped",
      data: { consent: true, mood: 2 },
    });
    expect(finishAnswers({}, true)).toBeNull();
  });

  it("completes an interview that reached the end", () => {
    expect(finishAnswers({ consent: true, mood: 4 }, false)).toEqual({
      ending: "completed",
      data: { consent: true, mood: 4 },
    });
  });
});

describe("administrationModeFor", () => {
  it("calls a read-aloud interview with a hand-over mixed", () => {
    expect(administrationModeFor("read_aloud", true)).toBe("mixed");
    expect(administrationModeFor("read_aloud", false)).toBe("read_aloud");
    expect(administrationModeFor("self_completed", true)).toBe("self_completed");
  });
});

describe("withCanonicalEnding", () => {
  it("leaves out the default ending so old and new tablets hash the same", () => {
    expect(withCanonicalEnding(item({ ending: "completed" }))).not.toHaveProperty("ending");
    expect(withCanonicalEnding(item({ ending: "stopped" }))).toHaveProperty("ending", "stopped");
  });
});

describe("issuesForEnding", () => {
  const issues = [
    { question: "mood", message: "Response required." },
    { question: "housing", message: "This answer is not one of the choices." },
  ];
  it("drops issues of unreached questions for a stopped interview only", () => {
    const data = { consent: true, housing: "castle" };
    expect(issuesForEnding(item({ ending: "stopped", data }), issues)).toEqual([issues[1]]);
    expect(issuesForEnding(item({ data }), issues)).toEqual(issues);
  });

  it("flags a decline that carries answers", () => {
    expect(issuesForEnding(item({ ending: "declined", data: { consent: false } }), [])).toEqual([]);
    expect(issuesForEnding(item({ ending: "declined", data: { consent: false, mood: 1 } }), [])).toHaveLength(
      1,
    );
    expect(issuesForEnding(item({ ending: "declined", data: { consent: true } }), [])).toHaveLength(1);
  });
});
