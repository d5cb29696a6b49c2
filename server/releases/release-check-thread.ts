import { Worker } from "node:worker_threads";
import type { ChecklistItem, ReleaseCell, ReleaseTable } from "../../shared/contract/releases.ts";
import { type CheckBudget, type CheckOptions, CheckTooLarge } from "../../shared/disclosure/check-release.ts";
import type { FiguresInput } from "./release-figures.ts";

/**
 * Runs one release check (building the figures and every output check) in its own worker thread
 * (docs/decisions/0034), so the server keeps answering other requests while a large release is
 * audited. The worker is started for the check and ended after it; the budget is enforced inside
 * (`CheckTooLarge`), and the thread is also ended if it outlives the time budget by 10 s.
 */
export interface ReleaseCheckTask {
  input: FiguresInput;
  options: CheckOptions;
  switches: { secondary?: boolean; crossRelease?: boolean };
  budget: CheckBudget;
}

export type ReleaseCheckReply =
  | {
      ok: true;
      tables: ReleaseTable[];
      dataAsOf: string | null;
      cells: Map<string, ReleaseCell>;
      checklist: ChecklistItem[];
    }
  | { ok: false; tooLarge: boolean; error: string };

/** The server runs its TypeScript through tsx, whose loader a worker does not inherit: register it. */
const WORKER_BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import("tsx/esm/api").then(({ register }) => {
  register();
  process.setSourceMapsEnabled(false);
  return import(workerData.entry);
});
`;

export function checkInWorker(task: ReleaseCheckTask): Promise<Extract<ReleaseCheckReply, { ok: true }>> {
  // Built (dist/server/, plain Node) the worker is a file beside this one; from source it goes through tsx.
  const worker = import.meta.url.endsWith(".js")
    ? new Worker(new URL("./release-check-worker.js", import.meta.url))
    : new Worker(WORKER_BOOTSTRAP, {
        eval: true,
        workerData: { entry: new URL("./release-check-worker.ts", import.meta.url).href },
      });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const limit = task.budget.maxMs;
    const timer =
      limit !== undefined && Number.isFinite(limit)
        ? setTimeout(() => finish(() => reject(new CheckTooLarge("time"))), limit + 10_000)
        : undefined;
    worker.once("message", (reply: ReleaseCheckReply) =>
      finish(() => {
        if (reply.ok) resolve(reply);
        else if (reply.tooLarge) reject(new CheckTooLarge("work"));
        else reject(new Error(`The release check failed: ${reply.error}`));
      }),
    );
    worker.once("error", (error) => finish(() => reject(error)));
    worker.once("exit", (code) =>
      finish(() => reject(new Error(`The release check thread stopped (exit code ${code}).`))),
    );
    worker.postMessage(task);
  });
}
