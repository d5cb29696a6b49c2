import { describe, expect, it } from "vitest";
import { RecordTrainingRequest } from "../../../shared/contract/training.schema.ts";
import { addDays, addMonths, trainingStandings } from "../../../shared/contract/training.ts";

describe("trainingStandings", () => {
  it("takes the latest refresher of each kind and says whether it is current, due soon, lapsed or missing", () => {
    const records = [
      { kind: "safeguarding" as const, expiresOn: "2026-11-25" },
      { kind: "safeguarding" as const, expiresOn: "2027-06-01" },
      { kind: "distress_protocol" as const, expiresOn: "2026-11-25" },
    ];
    expect(trainingStandings(records, "2026-11-26")).toEqual([
      { kind: "safeguarding", required: true, expiresOn: "2027-06-01", state: "current" },
      { kind: "distress_protocol", required: true, expiresOn: "2026-11-25", state: "lapsed" },
      { kind: "interview_practice", required: false, expiresOn: null, state: "missing" },
    ]);
  });

  it("counts a refresher due today or within 30 days as due soon, not lapsed", () => {
    const standing = (expiresOn: string) =>
      trainingStandings([{ kind: "safeguarding", expiresOn }], "2026-11-26")[0]?.state;
    expect(standing("2026-11-26")).toBe("due_soon");
    expect(standing("2026-12-26")).toBe("due_soon");
    expect(standing("2026-12-27")).toBe("current");
  });

  it("requires nothing of roles that do no fieldwork", () => {
    expect(trainingStandings([], "2026-11-26", []).every((s) => !s.required)).toBe(true);
  });
});

describe("calendar arithmetic", () => {
  it("adds days and months in UTC, keeping the 31st inside short months", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2027-11-10", 12)).toBe("2028-11-10");
    expect(addMonths("2028-02-29", 12)).toBe("2029-02-28");
  });
});

describe("RecordTrainingRequest", () => {
  it("wants the refresher after the completion", () => {
    const base = { userId: "u", kind: "safeguarding", completedOn: "2026-05-01", note: "" };
    expect(RecordTrainingRequest.safeParse({ ...base, expiresOn: "2026-05-01" }).success).toBe(false);
    expect(RecordTrainingRequest.safeParse({ ...base, expiresOn: "2027-05-01" }).success).toBe(true);
    expect(RecordTrainingRequest.safeParse({ ...base, expiresOn: null }).success).toBe(true);
  });
});
