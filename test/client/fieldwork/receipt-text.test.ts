import { describe, expect, it } from "vitest";
import { stateText } from "../../../client/fieldwork/receipt-text.ts";
import { makeProblem, type ProblemCode } from "../../../shared/contract/problems.ts";
import { interviewRecord } from "../offline/records.ts";

/** The outbox says what happened to each interview in words a researcher reads on the tablet. */
describe("the outbox's words for the provenance refusals and flags (decision 0025)", () => {
  const refusals: ProblemCode[] = [
    "participant_other_area",
    "interview_id_unavailable",
    "device_required_in_area",
    "device_other_person",
  ];

  it.each(refusals)("says %s in plain words, that the interview is kept, and names no code", (code) => {
    const text = stateText(
      interviewRecord({ state: "refused", receipt: { outcome: "refused", problem: makeProblem(code) } }),
    );
    expect(text.label).toBe("Not accepted");
    expect(text.tone).toBe("error");
    expect(text.detail).toMatch(/kept on this tablet|kept here|Nothing on it is lost/);
    expect(text.detail).not.toMatch(/_|\bid\b|area_id|device|token|uuid/i);
  });

  it("tells the researcher to check the tablet's clock when only the date or follow-up was flagged", () => {
    const flagged = (question: string) =>
      stateText(
        interviewRecord({
          state: "needs_review",
          receipt: {
            outcome: "needs_review",
            receivedAt: "2026-11-26T10:00:00.000Z",
            issues: [{ question, message: "…" }],
          },
        }),
      ).detail;
    expect(flagged("completedAt")).toMatch(/date or follow-up number looked wrong/);
    expect(flagged("completedAt")).not.toMatch(/answers did not pass/);
    expect(flagged("say_in_support")).toMatch(/answers did not pass/);
    expect(flagged("say_in_support")).not.toMatch(/clock/);
  });
});
