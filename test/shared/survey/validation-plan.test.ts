import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { benchSurveyDefinition } from "../../../scripts/bench-interview.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { validateAnswers } from "../../../shared/survey/validate-answers.ts";
import { compileValidationPlan } from "../../../shared/survey/validation-plan.ts";
import { VersionValidator } from "../../../shared/survey/version-validator.ts";
import { everyFeature, unsupported } from "./plan-definitions.ts";

const root = join(import.meta.dirname, "../../..");
const compile = (definition: unknown) => compileValidationPlan(definition, createSurveyModel(definition));

describe("which versions compile to a validation plan", () => {
  it("compiles every instrument, the fixture and the benchmark's survey", () => {
    const instruments = join(root, "surveys/instruments");
    const definitions = [
      JSON.parse(readFileSync(join(root, "test/fixtures/surveys/wellbeing-check.json"), "utf8")),
      benchSurveyDefinition(),
      everyFeature,
      ...readdirSync(instruments).map(
        (f) => JSON.parse(readFileSync(join(instruments, f), "utf8")).definition,
      ),
    ];
    for (const definition of definitions) expect(compile(definition)).toMatchObject({ supported: true });
  });

  for (const [feature, definition] of unsupported) {
    it(`leaves a version with ${feature} to survey-core`, () => {
      const compiled = compile(definition);
      expect(compiled.supported).toBe(false);
      expect(compiled.supported ? "" : compiled.reason).not.toBe("");
    });
  }

  it("validates an unsupported version with survey-core, issues and all", () => {
    const definition = unsupported.find(([feature]) => feature === "a validator")?.[1] ?? {};
    const validator = new VersionValidator(definition);
    expect(validator.compiled.supported).toBe(false);
    expect(validator.validate({ a: "0" })).toEqual(
      validateAnswers(createSurveyModel(definition), { a: "0" }),
    );
    expect(validator.validate({ a: "0" })).toEqual([{ question: "a", message: expect.stringMatching(/1/) }]);
  });

  it("hands an interview with a value no question takes to survey-core", () => {
    const validator = new VersionValidator(everyFeature);
    const data = { consent: "yes", housing: "castle", visits: 3 };
    expect(validator.validate(data)).toEqual(validateAnswers(createSurveyModel(everyFeature), data));
    expect(validator.validate(data).map((i) => i.question)).toContain("housing");
  });
});
