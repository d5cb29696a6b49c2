import { describe, expect, it } from "vitest";
import { standingText, trainingDay } from "../../shared/training/training-standing.ts";

describe("training standing in words", () => {
  it("gives refresher dates as a person writes them, not as stored", () => {
    const text = standingText({
      kind: "safeguarding",
      required: true,
      expiresOn: "2027-08-09",
      state: "current",
    });
    expect(text).toBe("Current, refresher due 9 August 2027");
    expect(text).not.toMatch(/\d{4}-\d\d-\d\d/);
    expect(
      standingText({ kind: "safeguarding", required: true, expiresOn: "2026-12-01", state: "lapsed" }),
    ).toBe("Lapsed: refresher was due 1 December 2026");
    expect(standingText({ kind: "safeguarding", required: true, expiresOn: null, state: "missing" })).toBe(
      "Never recorded",
    );
  });

  it("reads today's date the same way and never moves it a day", () => {
    expect(trainingDay("2026-12-07")).toBe("7 December 2026");
    expect(trainingDay(null)).toBe("not recorded");
  });
});
