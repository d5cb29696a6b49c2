import { describe, expect, it } from "vitest";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { VersionValidator } from "../../../shared/survey/version-validator.ts";
import { corpus } from "./differential-corpus.ts";
import { differentialSuite } from "./differential-suite.ts";

/** The differential suite (differential-suite.ts), first half of the corpus; the second is in differential-2.test.ts. */
differentialSuite(0, 2);

const corpusSurveys = corpus();

describe("the corpus", () => {
  it("covers every question type survey-core ships that takes an answer, and every trigger kind", () => {
    const types = new Set<string>();
    const triggers = new Set<string>();
    for (const { definition } of corpusSurveys) {
      const model = createSurveyModel(definition);
      for (const q of model.getAllQuestions(false, false, true)) types.add(q.getType());
      for (const t of model.triggers) triggers.add(t.getType());
    }
    for (const type of [
      "text",
      "comment",
      "radiogroup",
      "checkbox",
      "dropdown",
      "tagbox",
      "boolean",
      "rating",
      "ranking",
      "imagepicker",
      "html",
      "file",
      "signaturepad",
      "image",
      "expression",
      "matrix",
      "matrixdropdown",
      "matrixdynamic",
      "paneldynamic",
      "multipletext",
    ])
      expect(types, type).toContain(type);
    for (const kind of [
      "visibletrigger",
      "setvaluetrigger",
      "copyvaluetrigger",
      "runexpressiontrigger",
      "completetrigger",
      "skiptrigger",
    ])
      expect(triggers, kind).toContain(kind);
  });

  it("has surveys the compiled plan covers", () => {
    const compiled = corpusSurveys.filter(
      ({ definition }) => new VersionValidator(definition).compiled.supported,
    );
    expect(compiled.map((s) => s.name)).toEqual(
      expect.arrayContaining(["legacy-questions", "top-level-elements"]),
    );
  });
});
