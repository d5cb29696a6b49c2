import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { benchSurveyDefinition } from "../../scripts/bench-interview.ts";
import { seededRandom, syntheticAnswers } from "../../server/demo/synthetic-answers.ts";
import {
  installFastPropertyReads,
  uninstallFastPropertyReads,
} from "../../server/fieldwork/survey-core-fast-path.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { validateAnswers } from "../../shared/survey/validate-answers.ts";
import { readFixtureSurvey } from "../helpers/test-app.ts";

afterEach(() => uninstallFastPropertyReads());

const instruments = join(import.meta.dirname, "../../surveys/instruments");
const definitions: [string, Record<string, unknown>][] = [
  ["fixture", readFixtureSurvey()],
  ["bench", benchSurveyDefinition()],
  ...readdirSync(instruments)
    .filter((f) => f.endsWith(".json"))
    .map((f): [string, Record<string, unknown>] => [
      f,
      JSON.parse(readFileSync(join(instruments, f), "utf8")).definition,
    ]),
];

/** Interviews of every kind: complete, with gaps, with wrong values, empty. */
function interviews(definition: Record<string, unknown>): Record<string, unknown>[] {
  const fields = surveyFields(createSurveyModel(definition));
  const random = seededRandom(7);
  const out: Record<string, unknown>[] = [{}, { consent: false }];
  for (let i = 0; i < 60; i += 1) {
    const data = syntheticAnswers(fields, random, random());
    if (i % 5 === 0) for (const field of fields.slice(0, 3)) delete data[field.name];
    if (i % 7 === 0 && fields[1]) data[fields[1].name] = "not-a-choice";
    if (i % 11 === 0) data.not_a_question = 1;
    out.push(data);
  }
  return out;
}

/** Through a survey-core Model, as the validation workers do for versions the plan does not cover. */
function validateAll(definition: Record<string, unknown>, data: Record<string, unknown>[]) {
  const model = createSurveyModel(definition);
  return data.map((answers) => validateAnswers(model, answers));
}

it("installs on the survey-core this was written for", () => {
  expect(installFastPropertyReads()).toBe(true);
});

it("gives exactly the issues survey-core gives without it, for every instrument", () => {
  for (const [name, definition] of definitions) {
    const data = interviews(definition);
    const plain = validateAll(definition, data);
    installFastPropertyReads();
    const fast = validateAll(definition, data);
    uninstallFastPropertyReads();
    expect(fast, name).toEqual(plain);
    expect(
      plain.some((issues) => issues.length > 0),
      name,
    ).toBe(true);
  }
});
