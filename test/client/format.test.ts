import { describe, expect, it } from "vitest";
import { formatDay } from "../../client/ui/format.ts";

describe("a calendar date in words", () => {
  it("reads a date as the day it names, whatever the time zone", () => {
    expect(formatDay("2026-12-06")).toBe("6 December 2026");
    expect(formatDay("2026-01-01")).toBe("1 January 2026");
  });

  it("shows anything that is not a date as it came", () => {
    expect(formatDay("soon")).toBe("soon");
  });
});
