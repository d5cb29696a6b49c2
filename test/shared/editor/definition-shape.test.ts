import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { definitionShapeIssues } from "../../../shared/editor/definition-shape.ts";

/** The shape check (issue 14, finding 8) must never refuse a survey survey-core reads well. */

const root = join(import.meta.dirname, "../../..");
const files = [
  "surveys/instruments",
  "test/fixtures/surveys",
  "test/fixtures/surveys/corpus",
  "test/fixtures/surveys/imports",
].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(dir, f)),
);

describe("definitionShapeIssues", () => {
  it.each(files)("accepts %s", (file) => {
    const json = JSON.parse(readFileSync(join(root, file), "utf8"));
    expect(definitionShapeIssues(json.definition ?? json)).toEqual([]);
  });

  it("names the place of a null anywhere survey-core builds objects or values", () => {
    expect(
      definitionShapeIssues({ pages: [{ elements: [{ type: "matrix", name: "m", rows: [null] }] }] }),
    ).toEqual([
      {
        path: ["pages", 0, "elements", 0, "rows", 0],
        message: "Each item of “rows” must be a value or an object; this one is null.",
      },
    ]);
    expect(definitionShapeIssues({ triggers: [{ type: "visible", questions: [null] }] })[0]?.path).toEqual([
      "triggers",
      0,
      "questions",
    ]);
    expect(
      definitionShapeIssues({ elements: [{ type: "rating", name: "r", rateMax: 1e9 }] })[0]?.path,
    ).toEqual(["elements", 0, "rateMax"]);
  });

  it("refuses a type that names one of Object's own members instead of crashing on it", () => {
    // survey-core's class lookup is a plain object: `constructor` finds Object itself, not a class.
    for (const type of ["constructor", "__proto__", "Constructor"]) {
      const question = definitionShapeIssues({ pages: [{ elements: [{ type, name: "a", title: "A" }] }] });
      expect(question[0]?.path).toEqual(["pages", 0, "elements", 0, "type"]);
      const trigger = definitionShapeIssues({ triggers: [{ type, expression: "{a} = 1" }] });
      expect(trigger[0]?.path).toEqual(["triggers", 0, "type"]);
      const validator = definitionShapeIssues({
        elements: [{ type: "text", name: "b", validators: [{ type, text: "x" }] }],
      });
      expect(validator[0]?.path).toEqual(["elements", 0, "validators", 0, "type"]);
    }
  });
});
