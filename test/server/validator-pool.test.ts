import { afterEach, expect, it } from "vitest";
import { ValidatorCache } from "../../server/fieldwork/validator-cache.ts";
import { ValidatorPool } from "../../server/fieldwork/validator-pool.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { readFixtureSurvey, TEST_SURVEY_ID } from "../helpers/test-app.ts";

// A version that compiles to a validation plan is validated in the server's own thread; one that
// needs survey-core goes to worker threads. Either way, what comes back must be what in-process
// validation gives.
let pool: ValidatorPool | undefined;
afterEach(async () => {
  await pool?.close();
});

const compiled = JSON.stringify(readFixtureSurvey());
/** The fixture with a survey-core validator on one question: the plan does not model validators. */
const needsSurveyCore = JSON.stringify(withValidator(readFixtureSurvey()));
const answers = Array.from({ length: 30 }, (_, i) =>
  i % 3 === 0 ? { consent: true, accommodation: "castle", say_in_support: 9, visits: 2 } : syncItem().data,
);

function withValidator(definition: Record<string, unknown>): Record<string, unknown> {
  const pages = definition.pages as { elements: Record<string, unknown>[] }[];
  for (const element of pages[1]?.elements ?? []) {
    if (element.name === "visits") element.validators = [{ type: "numeric", minValue: 0, maxValue: 20 }];
  }
  return definition;
}

it("validates a version that compiles in this thread, starting no worker", async () => {
  pool = new ValidatorPool(2);
  const expected = new ValidatorCache().validateAllNow(TEST_SURVEY_ID, 1, compiled, answers);
  expect(await pool.validateAll(TEST_SURVEY_ID, 1, compiled, answers)).toEqual(expected);
  expect(expected.filter((issues) => issues.length > 0)).toHaveLength(10);
  expect(pool.runningWorkers).toBe(0);
});

it("gives each interview of a version that needs survey-core the issues in-process validation gives, in order, across its threads", async () => {
  pool = new ValidatorPool(2);
  const data = answers.map((a, i) => (i % 4 === 1 ? { ...a, visits: 25 } : a));
  const expected = new ValidatorCache().validateAllNow(TEST_SURVEY_ID, 2, needsSurveyCore, data);
  expect(await pool.validateAll(TEST_SURVEY_ID, 2, needsSurveyCore, data)).toEqual(expected);
  expect(pool.runningWorkers).toBe(2);
  // The validator's own message, from survey-core in a worker thread.
  expect(expected.flat().filter((issue) => issue.question === "visits").length).toBeGreaterThan(3);
}, 60_000);

it("fails the batch a dead worker held and starts a new worker for the next one", async () => {
  pool = new ValidatorPool(1);
  await pool.validateAll(TEST_SURVEY_ID, 2, needsSurveyCore, answers.slice(0, 2));
  const held = pool.validateAll(TEST_SURVEY_ID, 2, needsSurveyCore, answers);
  await (
    pool as unknown as { workers: { worker: { terminate(): Promise<number> } }[] }
  ).workers[0]?.worker.terminate();
  await expect(held).rejects.toThrow(/exited/);
  expect(await pool.validateAll(TEST_SURVEY_ID, 2, needsSurveyCore, answers.slice(0, 3))).toHaveLength(3);
}, 60_000);
