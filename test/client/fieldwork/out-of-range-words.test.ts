import { describe, expect, it } from "vitest";
import { loadSanitiser } from "../../../client/fieldwork/html-sanitiser.ts";
import { createInterviewModel } from "../../../client/fieldwork/interview-model.ts";

const definition = {
  pages: [
    {
      name: "services",
      elements: [
        { type: "text", name: "nights", inputType: "number", min: 0, max: 100, title: "How many nights?" },
      ],
    },
  ],
};

describe("a number out of range in an interview", () => {
  it("says what the answer must be, not what 'the value' should not be", async () => {
    const model = createInterviewModel(definition, await loadSanitiser());
    const question = model.getQuestionByName("nights");
    question.value = 999;
    question.validate(true);
    expect(question.errors.map((e) => e.getText())).toEqual(["The answer must be 100 or less."]);
    question.value = -1;
    question.validate(true);
    expect(question.errors.map((e) => e.getText())).toEqual(["The answer must be 0 or more."]);
  });
});
