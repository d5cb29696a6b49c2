import { describe, expect, it } from "vitest";
import { afterTitle, headlineText } from "../../client/dashboard/format.ts";

describe("a figure on the theory-of-change map in words", () => {
  it("says what the number is and how many answers it comes from, with no 'n ='", () => {
    expect(headlineText("scale", 3.2567, 50, 5)).toBe("average 3.26 from 50 answers");
    expect(headlineText("yes_no", 0.64, 50, 5)).toBe("64% yes from 50 answers");
    expect(headlineText("number", 2, 1, 5)).toBe("average 2.00 from 1 answer");
    expect(headlineText("scale", null, 7, 5)).toBe("7 answers (not shown: a group is smaller than 5)");
  });

  it("never puts a colon after a question mark or full stop", () => {
    expect(afterTitle("Do workers listen to what you want?", "average 3.26")).toBe(" Average 3.26");
    expect(afterTitle("Taking part has been good for me.", "no answers yet.")).toBe(" No answers yet.");
    expect(afterTitle("Trust in workers", "average 3.26")).toBe(": average 3.26");
  });
});
