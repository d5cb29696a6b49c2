import { describe, expect, it } from "vitest";
import { hiddenSentence } from "../../client/dashboard/format.ts";
import type { SuppressionReason } from "../../shared/contract/outcomes.ts";

/**
 * Issue 15 (Evaluator): a narrow filter once gave "Not shown: left out of this filtered view
 * answered." Every hidden figure is one whole sentence for a person, whatever the reason.
 */
describe("why a figure is not shown, in a sentence", () => {
  const reasons: SuppressionReason[] = ["below_threshold", "complement", "left_out"];

  it("says a filtered-out figure is left out, and what to do, in a sentence of its own", () => {
    const s = hiddenSentence({ suppressed: true, reason: "left_out" }, 5, "answered");
    expect(s).toBe(
      "Not shown: with these filters this figure would give away a group of fewer than 5 people, so it is left out. Remove a filter to see it.",
    );
    expect(s).not.toMatch(/view answered/);
  });

  it("gives every reason as a sentence that starts with “Not shown:” and ends with a full stop", () => {
    for (const reason of reasons) {
      const s = hiddenSentence({ suppressed: true, reason }, 5, "answered");
      expect(s, reason).toMatch(/^Not shown: [^.]+(\.[^.]+)*\.$/);
      expect(s, reason).not.toMatch(/[a-z]+_[a-z]+/);
    }
  });
});
