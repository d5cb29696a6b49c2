import { describe, expect, it } from "vitest";
import { opening } from "../../../server/releases/participant-summary.ts";

// The summary is read by participants: a survey's title is a name, so it is quoted, never dropped
// into the sentence as if it were a phrase ("Thank you for taking part in Participant interview.").
describe("the participant summary's opening", () => {
  it("thanks people in a sentence that reads for any title, and quotes the title", () => {
    const text = opening("Participant interview");
    expect(text).toBe(
      "Thank you for taking part in our research. Here is some of what people told us in “Participant interview”.",
    );
    expect(text).not.toMatch(/taking part in Participant interview/);
  });

  it("says nothing about a survey it cannot name", () => {
    expect(opening(null)).toBe(
      "Thank you for taking part in our research. Here is some of what people told us.",
    );
    expect(opening("  ")).toBe(opening(null));
  });
});
