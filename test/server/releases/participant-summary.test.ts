import { describe, expect, it } from "vitest";
import { generateSummary, opening } from "../../../server/releases/participant-summary.ts";
import type { ReleaseRow, ReleaseSnapshot, ReleaseTable } from "../../../shared/contract/releases.ts";

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

type Cells = Record<string, number | null>;
const cells = (values: Cells): ReleaseRow["cells"] =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      v === null ? { published: false } : { published: true, value: v },
    ]),
  );
const indicator = (title: string, kind: "scale" | "yes_no" = "scale") => ({
  key: `s/${title}`,
  question: title,
  title,
  kind,
  direction: "higherIsBetter" as const,
});
function table(kind: "indicator" | "change", title: string, values: Cells, percentLabels: string[] = []) {
  return {
    id: `${title}:${kind}`,
    kind,
    title,
    outcomeId: null,
    indicator: indicator(title, title.startsWith("Did") ? "yes_no" : "scale"),
    breakdown: "overall",
    change: kind === "change" ? { fromWave: 0, toWave: 1 } : null,
    columns: percentLabels.map((label, i) => ({
      key: `p${i}`,
      label: `${label} (%)`,
      kind: "percent",
      of: "answered",
    })),
    rows: [{ key: "all", label: "Everyone", area: null, wave: null, cells: cells(values) }],
  } as ReleaseTable;
}
const summaryOf = (...tables: ReleaseTable[]) =>
  generateSummary("Participant interview", { tables, checklist: [] } as unknown as ReleaseSnapshot, "now")
    .text;

describe("the participant summary's sentences", () => {
  it("ends a sentence on a quoted question without a second stop", () => {
    const text = summaryOf(table("indicator", "Do workers listen to what you want?", { answered: 250 }));
    expect(text).toContain("250 people answered “Do workers listen to what you want?”");
    expect(text).not.toContain("?”.");
  });

  it("gives a number on a scale of numbers as 'out of' the scale, not a bare number in quotes", () => {
    const text = summaryOf(
      table("indicator", "How safe do you feel", { answered: 250, p0: 10, p1: 20, p2: 40, p3: 20, p4: 10 }, [
        "1",
        "2",
        "3",
        "4",
        "5",
      ]),
    );
    expect(text).toContain("The most common answer was 3 out of 5: about 40 in every 100 people.");
    expect(text).toContain("answered “How safe do you feel”.");
  });

  it("says answers went up or down only when the likely range of the change is all on one side of zero", () => {
    const q = "Do workers listen to what you want?";
    expect(summaryOf(table("change", q, { n: 80, change: 0.3, lower: 0.1, upper: 0.5 }))).toContain(
      "On average, their answers went up.",
    );
    expect(summaryOf(table("change", q, { n: 80, change: -0.3, lower: -0.5, upper: -0.1 }))).toContain(
      "On average, their answers went down.",
    );
    for (const unclear of [
      { n: 80, change: 0.2, lower: -0.1, upper: 0.5 },
      { n: 80, change: 0.2, lower: null, upper: null },
    ]) {
      const text = summaryOf(table("change", q, unclear));
      expect(text).toContain("Their answers did not clearly go up or down.");
      expect(text).not.toMatch(/went (up|down)/);
    }
  });

  it("says more or fewer said yes for a yes-or-no question", () => {
    const q = "Did you help make your support plan?";
    expect(summaryOf(table("change", q, { n: 84, change: 0.2, lower: 0.05, upper: 0.3 }))).toContain(
      "More of them said yes the second time.",
    );
  });
});
