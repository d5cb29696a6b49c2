import { describe, expect, it } from "vitest";
import { mergeDrafts } from "../../../shared/editor/merge.ts";
import { normaliseSurvey, type SurveyJson } from "../../../shared/editor/survey-json.ts";

function s(title: string, ...elements: [string, string][]): SurveyJson {
  return normaliseSurvey({
    title,
    pages: [{ name: "p1", elements: elements.map(([name, t]) => ({ type: "comment", name, title: t })) }],
  });
}
const titles = (x: SurveyJson) => x.pages[0]?.elements.map((e) => `${e.name}:${String(e.title)}`);

describe("merging two people's edits", () => {
  const base = s("Survey", ["a", "A"], ["b", "B"], ["c", "C"]);

  it("takes each side's change where only that side changed, without asking", () => {
    const mine = s("Survey", ["a", "A mine"], ["b", "B"], ["c", "C"]);
    const theirs = s("Survey 2", ["a", "A"], ["b", "B theirs"], ["c", "C"], ["d", "D"]);
    const result = mergeDrafts(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(titles(result.survey)).toEqual(["a:A mine", "b:B theirs", "c:C", "d:D"]);
    expect(result.survey.title).toBe("Survey 2");
    expect(result.takenFromTheirs).toBe(3);
  });

  it("reports a question both changed differently, keeps mine until told otherwise", () => {
    const mine = s("Survey", ["a", "A mine"], ["b", "B"], ["c", "C"]);
    const theirs = s("Survey", ["a", "A theirs"], ["b", "B"], ["c", "C"]);
    const result = mergeDrafts(base, mine, theirs);
    expect(result.conflicts).toEqual([
      expect.objectContaining({ id: "question:a", mine: expect.objectContaining({ title: "A mine" }) }),
    ]);
    expect(titles(result.survey)?.[0]).toBe("a:A mine");
    const chosen = mergeDrafts(base, mine, theirs, { "question:a": "theirs" });
    expect(titles(chosen.survey)?.[0]).toBe("a:A theirs");
    expect(chosen.conflicts).toHaveLength(1); // still listed, so the choice can be changed back
  });

  it("applies their deletion of a question I did not touch, and asks when I changed it", () => {
    const theirs = s("Survey", ["a", "A"], ["c", "C"]);
    expect(titles(mergeDrafts(base, base, theirs).survey)).toEqual(["a:A", "c:C"]);
    const mine = s("Survey", ["a", "A"], ["b", "B mine"], ["c", "C"]);
    const result = mergeDrafts(base, mine, theirs);
    expect(result.conflicts.map((c) => c.id)).toEqual(["question:b"]);
    expect(titles(result.survey)).toEqual(["a:A", "b:B mine", "c:C"]);
  });

  it("places a question they added after the one it followed for them", () => {
    const mine = s("Survey", ["c", "C"], ["a", "A"], ["b", "B"]);
    const theirs = s("Survey", ["a", "A"], ["new", "N"], ["b", "B"], ["c", "C"]);
    expect(titles(mergeDrafts(base, mine, theirs).survey)).toEqual(["c:C", "a:A", "new:N", "b:B"]);
  });

  it("keeps what both added the same way once", () => {
    const both = s("Survey", ["a", "A"], ["b", "B"], ["c", "C"], ["d", "D"]);
    const result = mergeDrafts(base, both, both);
    expect(titles(result.survey)).toEqual(["a:A", "b:B", "c:C", "d:D"]);
    expect(result.conflicts).toEqual([]);
  });
});
