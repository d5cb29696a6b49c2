import { afterEach, expect, it } from "vitest";
import { ValidatorCache } from "../../server/fieldwork/validator-cache.ts";
import { ValidatorPool } from "../../server/fieldwork/validator-pool.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { readFixtureSurvey, TEST_SURVEY_ID } from "../helpers/test-app.ts";

// The server validates on worker threads; what they answer must be what validation in-process answers.
let pool: ValidatorPool | undefined;
afterEach(async () => {
  await pool?.close();
});

const definition = JSON.stringify(readFixtureSurvey());
const answers = Array.from({ length: 30 }, (_, i) =>
  i % 3 === 0 ? { consent: true, accommodation: "castle", say_in_support: 9 } : syncItem().data,
);

it("gives each interview the issues in-process validation gives, in order, across its threads", async () => {
  pool = new ValidatorPool(2);
  const expected = new ValidatorCache().validateAllNow(TEST_SURVEY_ID, 1, definition, answers);
  expect(await pool.validateAll(TEST_SURVEY_ID, 1, definition, answers)).toEqual(expected);
  expect(expected.filter((issues) => issues.length > 0)).toHaveLength(10);
}, 60_000);

it("fails the batch a dead worker held and starts a new worker for the next one", async () => {
  pool = new ValidatorPool(1);
  await pool.validateAll(TEST_SURVEY_ID, 1, definition, answers.slice(0, 2));
  const held = pool.validateAll(TEST_SURVEY_ID, 1, definition, answers);
  await (
    pool as unknown as { workers: { worker: { terminate(): Promise<number> } }[] }
  ).workers[0]?.worker.terminate();
  await expect(held).rejects.toThrow(/exited/);
  expect(await pool.validateAll(TEST_SURVEY_ID, 1, definition, answers.slice(0, 3))).toHaveLength(3);
}, 60_000);
