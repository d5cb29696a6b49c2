import { describe, expect, it } from "vitest";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { nameableQuestions } from "../../../shared/survey/nameable-questions.ts";

const asked = (definition: Record<string, unknown>) =>
  [...nameableQuestions(createSurveyModel(definition))].sort();

const text = (name: string, more: Record<string, unknown> = {}) => ({ type: "text", name, ...more });

describe("questions asked whatever the answers", () => {
  it("leaves out a question shown only after an answer: its own condition, its panel's or its page's", () => {
    expect(
      asked({
        pages: [
          {
            elements: [
              { type: "boolean", name: "uses" },
              text("own", { visibleIf: "{uses} = true" }),
              text("enabled", { enableIf: "{uses} = true" }),
              { type: "panel", name: "p", visibleIf: "{uses} = true", elements: [text("in_panel")] },
              { type: "panel", name: "plain", elements: [text("in_plain_panel")] },
              text("hidden", { visible: false }),
            ],
          },
          { visibleIf: "{uses} = true", elements: [text("on_page")] },
          { elements: [text("last")] },
        ],
      }),
    ).toEqual(["in_plain_panel", "last", "uses"]);
  });

  it("keeps a question shown only once consent is given, and nothing that reads another answer too", () => {
    expect(
      asked({
        pages: [
          { elements: [{ type: "boolean", name: "consent" }] },
          {
            visibleIf: "{consent} = true",
            elements: [text("after_consent"), { type: "boolean", name: "uses" }],
          },
          { visibleIf: "{consent} = true and {uses} = true", elements: [text("after_both")] },
          { visibleIf: "false", elements: [text("never")] },
        ],
      }),
    ).toEqual(["after_consent", "consent", "uses"]);
  });

  it("leaves out answers worked out from other answers, and a data name one conditional question shares", () => {
    expect(
      asked({
        elements: [
          text("a"),
          text("from_a", { defaultValueExpression: "{a}" }),
          text("set", { setValueIf: "{a} = 1", setValueExpression: "2" }),
          text("by_trigger"),
          text("shared_plain", { valueName: "shared" }),
          text("shared_conditional", { valueName: "shared", visibleIf: "{a} = 1" }),
        ],
        triggers: [{ type: "setvalue", expression: "{a} = 1", setToName: "by_trigger", setValue: 2 }],
      }),
    ).toEqual(["a"]);
  });

  it("leaves out a question with a rule of the survey's own on its answer", () => {
    expect(
      asked({
        elements: [
          { type: "radiogroup", name: "plain", choices: ["yes", "no"], isRequired: true },
          { type: "rating", name: "scale", rateMin: 1, rateMax: 5 },
          {
            type: "radiogroup",
            name: "checked",
            choices: ["yes", "no"],
            validators: [{ type: "expression", expression: "{checked} <> 'yes'" }],
          },
          text("pattern", { validators: [{ type: "regex", regex: "^[0-9]+$" }] }),
          text("ranged", { inputType: "number", min: 0, max: 92 }),
          text("ranged_by_answer", { inputType: "number", maxValueExpression: "{scale} * 10" }),
          text("required_if", { requiredIf: "{plain} = 'yes'" }),
        ],
      }),
    ).toEqual(["plain", "scale"]);
  });

  it("names nothing when an answer can end the survey or jump over questions", () => {
    for (const trigger of [
      { type: "complete", expression: "{a} = 1" },
      { type: "skip", expression: "{a} = 1", gotoName: "c" },
    ]) {
      expect(
        asked({ elements: [text("a"), text("b"), text("c")], triggers: [trigger] }),
        trigger.type,
      ).toEqual([]);
    }
  });
});
