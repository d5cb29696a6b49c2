import { parentPort } from "node:worker_threads";
import { installFastPropertyReads } from "./survey-core-fast-path.ts";
import { ValidatorCache } from "./validator-cache.ts";
import type { ValidationReply, ValidationTask } from "./validator-pool.ts";

// A worker thread of the ValidatorPool: its own survey-core Models, one task at a time.
if (!installFastPropertyReads()) {
  console.warn(
    "survey-core is not the version the validation fast path was written for; validating without it.",
  );
}
const cache = new ValidatorCache();

parentPort?.on("message", (task: ValidationTask) => {
  let reply: ValidationReply;
  try {
    reply = {
      id: task.id,
      results: cache.validateAllNow(task.surveyId, task.version, task.definition, task.answers),
    };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
