import { describe, expect, it } from "vitest";
import { checkDefinition } from "../../../shared/editor/check-definition.ts";
import {
  addPage,
  duplicateElement,
  moveByStep,
  moveElement,
  removeElement,
  removePage,
  uniqueName,
} from "../../../shared/editor/definition.ts";
import { newQuestion, questionTypes, slug } from "../../../shared/editor/question-types.ts";
import { normaliseSurvey } from "../../../shared/editor/survey-json.ts";

const survey = () =>
  normaliseSurvey({
    pages: [
      {
        name: "p1",
        elements: [
          { type: "comment", name: "a" },
          { type: "comment", name: "b" },
        ],
      },
      { name: "p2", elements: [{ type: "comment", name: "c" }] },
    ],
  });
const names = (s: ReturnType<typeof survey>) => s.pages.map((p) => p.elements.map((e) => e.name).join(","));

describe("survey structure edits", () => {
  it("brings root-level questions and unnamed pages into one shape", () => {
    expect(normaliseSurvey({ elements: [{ type: "text", name: "x" }] }).pages).toEqual([
      { name: "page1", elements: [{ type: "text", name: "x" }] },
    ]);
    expect(normaliseSurvey({ questions: [{ type: "text", name: "x" }] }).pages[0]?.elements).toHaveLength(1);
    expect(normaliseSurvey({ pages: [{ elements: [] }] }).pages[0]?.name).toBe("page1");
    expect(normaliseSurvey(null).pages).toEqual([{ name: "page1", elements: [] }]);
  });

  it("moves a question one step, across a page edge, or to any place, without touching the input", () => {
    const s = survey();
    const down = moveByStep(s, { page: 0, index: 0 }, 1);
    expect(names(down.survey)).toEqual(["b,a", "c"]);
    expect(down.at).toEqual({ page: 0, index: 1 });
    const across = moveByStep(down.survey, down.at, 1);
    expect(names(across.survey)).toEqual(["b", "a,c"]);
    expect(across.at).toEqual({ page: 1, index: 0 });
    expect(moveByStep(s, { page: 0, index: 0 }, -1).survey).toBe(s);
    expect(names(moveElement(s, { page: 1, index: 0 }, { page: 0, index: 0 }))).toEqual(["c,a,b", ""]);
    expect(names(s)).toEqual(["a,b", "c"]);
  });

  it("duplicates under a new unique name and removes", () => {
    const s = survey();
    const { survey: copied, at } = duplicateElement(s, { page: 0, index: 0 });
    expect(names(copied)).toEqual(["a,a_copy,b", "c"]);
    expect(at).toEqual({ page: 0, index: 1 });
    expect(names(duplicateElement(copied, { page: 0, index: 0 }).survey)).toEqual([
      "a,a_copy_2,a_copy,b",
      "c",
    ]);
    expect(names(removeElement(s, { page: 0, index: 1 }))).toEqual(["a", "c"]);
    expect(uniqueName(s, "p1")).toBe("p1_2");
  });

  it("adds pages and, removing one, keeps its questions on the page before", () => {
    const s = addPage(survey(), "More");
    expect(s.pages.map((p) => p.name)).toEqual(["p1", "p2", "page3"]);
    expect(names(removePage(survey(), 1))).toEqual(["a,b,c"]);
    expect(names(removePage(survey(), 0))).toEqual(["a,b,c"]);
    const single = normaliseSurvey({ pages: [{ name: "p", elements: [] }] });
    expect(removePage(single, 0)).toBe(single);
  });

  it("starts every question type as valid SurveyJS", () => {
    for (const type of questionTypes) {
      const def = { pages: [{ name: "p", elements: [newQuestion(type, `q_${type}`)] }] };
      const errors = checkDefinition(def).issues.filter((i) => i.severity === "error");
      expect(errors, type).toEqual([]);
    }
  });

  it("makes data names from wording", () => {
    expect(slug("How safe do you feel?")).toBe("how_safe_do_you_feel");
    expect(slug("3 months")).toBe("q_3_months");
    expect(slug("Café")).toBe("cafe");
    expect(slug("???")).toBe("q_item");
  });
});
