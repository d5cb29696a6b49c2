import { parentPort } from "node:worker_threads";
import { ValidatorCache } from "./validator-cache.ts";
import type { ValidationReply, ValidationTask } from "./validator-pool.ts";

// A worker thread of the ValidatorPool: its own survey-core Models, one task at a time.
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
