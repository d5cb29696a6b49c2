import { describe, expect, it } from "vitest";
import {
  assignedWindow,
  followUpState,
  scheduledWindow,
} from "../../../shared/follow-ups/follow-up-state.ts";

const open = { completed: false, withdrawn: false, declined: false };

describe("followUpState", () => {
  it("puts what was done before anything else: completed, then withdrawn, then declined", () => {
    const window = { opensOn: "2026-01-01", closesOn: "2026-01-31" };
    expect(followUpState({ completed: true, withdrawn: true, declined: true, window }, "2026-06-01")).toBe(
      "completed",
    );
    expect(followUpState({ ...open, withdrawn: true, declined: true, window }, "2026-06-01")).toBe(
      "withdrawn",
    );
    expect(followUpState({ ...open, declined: true, window }, "2026-06-01")).toBe("declined");
  });

  it("reads the window: not due yet before it opens, due while open (both ends included), overdue after", () => {
    const window = { opensOn: "2026-11-04", closesOn: "2026-12-02" };
    expect(followUpState({ ...open, window }, "2026-11-03")).toBe("upcoming");
    expect(followUpState({ ...open, window }, "2026-11-04")).toBe("due");
    expect(followUpState({ ...open, window }, "2026-12-02")).toBe("due");
    expect(followUpState({ ...open, window }, "2026-12-03")).toBe("overdue");
    expect(followUpState({ ...open, window: null }, "2026-12-03")).toBe("due");
  });
});

describe("scheduledWindow", () => {
  const schedule = { offsetsDays: [90, 180], graceDays: 14 };

  it("places wave n offsetsDays[n-1] days after the baseline, open graceDays either side", () => {
    expect(scheduledWindow(schedule, "2026-08-20", 1)).toEqual({
      opensOn: "2026-11-04",
      closesOn: "2026-12-02",
    });
    expect(scheduledWindow(schedule, "2026-08-20", 2)).toEqual({
      opensOn: "2027-02-02",
      closesOn: "2027-03-02",
    });
  });

  it("has no window for the baseline or for a wave the schedule does not have", () => {
    expect(scheduledWindow(schedule, "2026-08-20", 0)).toBeNull();
    expect(scheduledWindow(schedule, "2026-08-20", 3)).toBeNull();
  });

  it("crosses a leap day correctly", () => {
    expect(scheduledWindow({ offsetsDays: [1], graceDays: 0 }, "2028-02-28", 1)).toEqual({
      opensOn: "2028-02-29",
      closesOn: "2028-02-29",
    });
  });
});

describe("assignedWindow", () => {
  it("treats the assigned date as a deadline, open from the scheduled opening if that is earlier", () => {
    const scheduled = { opensOn: "2026-11-04", closesOn: "2026-12-02" };
    expect(assignedWindow("2026-12-20", scheduled)).toEqual({
      opensOn: "2026-11-04",
      closesOn: "2026-12-20",
    });
    expect(assignedWindow("2026-10-01", scheduled)).toEqual({ opensOn: null, closesOn: "2026-10-01" });
    expect(assignedWindow("2026-10-01", null)).toEqual({ opensOn: null, closesOn: "2026-10-01" });
    expect(assignedWindow(null, scheduled)).toBe(scheduled);
  });
});
