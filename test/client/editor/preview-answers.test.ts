import { describe, expect, it } from "vitest";
import { proposeSurveyId } from "../../../client/editor/EditorHome.tsx";
import { fillToReach } from "../../../client/editor/preview-answers.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";

const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true },
        { type: "comment", name: "optional", title: "Anything to add?" },
        {
          type: "radiogroup",
          name: "support_now",
          title: "Are you getting support?",
          isRequired: true,
          choices: ["yes", "no"],
        },
        {
          type: "rating",
          name: "later",
          title: "Only if consent",
          isRequired: true,
          visibleIf: "{consent} = false",
        },
      ],
    },
    {
      name: "p2",
      elements: [
        {
          type: "boolean",
          name: "plan",
          title: "Did staff help you make a plan?",
          visibleIf: "{support_now} = 'no'",
        },
        { type: "checkbox", name: "who", title: "Who helped?", choices: ["gp", "worker"] },
        {
          type: "text",
          name: "count",
          title: "How many?",
          visibleIf: "{who} contains 'worker' and {consent} = true",
        },
      ],
    },
  ],
};

describe("the preview fills what the edited question needs to be seen (issue 15)", () => {
  it("answers the question's own condition, then earlier required questions", () => {
    const model = createSurveyModel(definition);
    const filled = fillToReach(model, "plan", 1);
    // Required and visible on page 1; "optional" is not required; "later" stays hidden once consent is Yes.
    expect(model.data).toEqual({ consent: true, support_now: "no" });
    expect(filled).toEqual(["Are you getting support?", "Are you happy to take part?"]);
    expect(model.getQuestionByName("plan")?.isVisible).toBe(true);
  });

  it("never changes an answer already given, and handles “includes” with “and”", () => {
    const model = createSurveyModel(definition);
    model.setValue("support_now", "yes");
    fillToReach(model, "count", 1);
    expect(model.getValue("support_now")).toBe("yes");
    expect(model.getValue("who")).toEqual(["worker"]);
    expect(model.getQuestionByName("count")?.isVisible).toBe(true);
  });

  it("changes its own answer when the condition is changed, as the rule builder does one choice at a time", () => {
    const fills = new Map<string, unknown>();
    const first = createSurveyModel({
      pages: [
        { elements: [{ type: "radiogroup", name: "stay", choices: ["own", "hostel"] }] },
        { elements: [{ type: "radiogroup", name: "safe", choices: ["a"], visibleIf: "{stay} = 'own'" }] },
      ],
    });
    fillToReach(first, "safe", 1, fills);
    expect(first.getValue("stay")).toBe("own");
    // The editor then picks the answer they meant; the preview rebuilds with the answers so far.
    const next = createSurveyModel({
      pages: [
        { elements: [{ type: "radiogroup", name: "stay", choices: ["own", "hostel"] }] },
        { elements: [{ type: "radiogroup", name: "safe", choices: ["a"], visibleIf: "{stay} = 'hostel'" }] },
      ],
    });
    next.data = first.data;
    expect(fillToReach(next, "safe", 1, fills)).toEqual(["stay"]);
    expect(next.getQuestionByName("safe")?.isVisible).toBe(true);
    // An answer the editor chose in the preview is theirs: it is never changed.
    next.setValue("stay", "own");
    expect(fillToReach(next, "safe", 1, fills)).toEqual([]);
    expect(next.getValue("stay")).toBe("own");
  });

  it("fills nothing for a question on the first page with no condition", () => {
    const model = createSurveyModel(definition);
    expect(fillToReach(model, "consent", 0)).toEqual([]);
    expect(model.data).toEqual({});
  });
});

describe("a new survey's short name", () => {
  it("is proposed from its name, and empty before there is one", () => {
    expect(proposeSurveyId("")).toBe("");
    expect(proposeSurveyId("What matters to you, 2027?")).toBe("what-matters-to-you-2027");
    expect(proposeSurveyId("  Café «Ça va?»  ")).toBe("cafe-ca-va");
  });
});
