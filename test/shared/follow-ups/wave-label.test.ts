import { describe, expect, it } from "vitest";
import { waveInSentence, waveLabel } from "../../../shared/follow-ups/wave-label.ts";

describe("a wave in words", () => {
  it("calls wave 0 the first interview and later waves follow-ups, as releases do", () => {
    expect(waveLabel(0)).toBe("First interview");
    expect(waveLabel("0")).toBe("First interview");
    expect(waveLabel(2)).toBe("Follow-up 2");
  });

  it("names the first interview with its article inside a sentence", () => {
    expect(`than at ${waveInSentence(0)}`).toBe("than at the first interview");
    expect(`at ${waveInSentence("2")}`).toBe("at follow-up 2");
  });
});
