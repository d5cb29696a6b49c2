import { Worker } from "node:worker_threads";
import type { ChecklistItem, ReleaseCell, ReleaseTable } from "../../shared/contract/releases.ts";
import { type CheckBudget, type CheckOptions, CheckTooLarge } from "../../shared/disclosure/check-release.ts";
import type { CheckRead } from "./release-check-read.ts";
import type { FiguresInput, Interview } from "./release-figures.ts";

/**
 * Runs one release check (building the figures and every output check) in its own worker thread
 * (docs/decisions/0034), so the server keeps answering other requests while a large release is
 * audited. One worker is kept warm per process and runs the checks one after another; the budget is
 * enforced inside (`CheckTooLarge`), and the thread is also ended if it outlives the time budget by 10 s.
 */
export interface ReleaseCheckTask {
  /** With `read`, its interviews, answers, pairs and earlier releases are read by the worker. */
  input: FiguresInput;
  /** The SQLite file the worker reads from itself (docs/decisions/0047), and what to read. */
  read?: { file: string } & CheckRead;
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
      /** When the worker read the data: the interviews checked and the earlier releases checked against. */
      read?: { interviews: Interview[]; earlier: { id: string; title: string; publishedAt: string }[] };
    }
  | { ok: false; tooLarge: boolean; empty?: boolean; error: string };

/** The worker found no counted interview to check. */
export class NothingToCheck extends Error {}

/** The server runs its TypeScript through tsx, whose loader a worker does not inherit: register it. */
const WORKER_BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import("tsx/esm/api").then(({ register }) => {
  register();
  process.setSourceMapsEnabled(false);
  return import(workerData.entry);
});
`;

/** The one warm worker of this process, kept between checks (started on the first check). */
let warm: Worker | null = null;

function startWorker(): Worker {
  // Built (dist/server/, plain Node) the worker is a file beside this one; from source it goes through tsx.
  const worker = import.meta.url.endsWith(".js")
    ? new Worker(new URL("./release-check-worker.js", import.meta.url))
    : new Worker(WORKER_BOOTSTRAP, {
        eval: true,
        workerData: { entry: new URL("./release-check-worker.ts", import.meta.url).href },
      });
  // An idle worker does not keep the process alive.
  worker.unref();
  return worker;
}

/** The warm worker's thread id, or null when none is running (for tests and the benchmark). */
export const releaseCheckWorkerId = (): number | null => warm?.threadId ?? null;

/** Ends the warm worker (tests; a server stopping). The next check starts a new one. */
export async function stopReleaseCheckWorker(): Promise<void> {
  const worker = warm;
  warm = null;
  if (worker) await worker.terminate();
}

/**
 * Runs one check in the warm worker (docs/decisions/0044: started once per process, not per check,
 * so neither the thread nor its modules are started again). The caller runs one check at a time. A
 * worker that fails, stops or outlives the time budget by 10 s is ended and replaced at the next check.
 */
export function checkInWorker(task: ReleaseCheckTask): Promise<Extract<ReleaseCheckReply, { ok: true }>> {
  const worker = warm ?? startWorker();
  warm = worker;
  return new Promise((resolve, reject) => {
    let settled = false;
    const cleanUp = () => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      worker.unref();
    };
    const discard = () => {
      if (warm === worker) warm = null;
      void worker.terminate();
    };
    const finish = (f: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
      cleanUp();
      if (!keep) discard();
      f();
    };
    const onMessage = (reply: ReleaseCheckReply) =>
      finish(() => {
        if (reply.ok) resolve(reply);
        else if (reply.tooLarge) reject(new CheckTooLarge("work"));
        else if (reply.empty) reject(new NothingToCheck(reply.error));
        else reject(new Error(`The release check failed: ${reply.error}`));
      }, true);
    const onError = (error: Error) => finish(() => reject(error), false);
    const onExit = (code: number) =>
      finish(() => reject(new Error(`The release check thread stopped (exit code ${code}).`)), false);
    const limit = task.budget.maxMs;
    const timer =
      limit !== undefined && Number.isFinite(limit)
        ? setTimeout(() => finish(() => reject(new CheckTooLarge("time")), false), limit + 10_000)
        : undefined;
    worker.on("message", onMessage);
    worker.once("error", onError);
    worker.once("exit", onExit);
    // While a check runs, the process waits for it.
    worker.ref();
    worker.postMessage(task);
  });
}
