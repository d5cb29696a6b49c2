import { parentPort } from "node:worker_threads";
import { CheckTooLarge, checkRelease, EarlierBasisCache } from "../../shared/disclosure/check-release.ts";
import type { ReleaseCheckReply, ReleaseCheckTask } from "./release-check-thread.ts";
import { buildFiguresInSteps, type Figures } from "./release-figures.ts";

// A worker thread of one release check (docs/decisions/0034): builds the figures and runs every
// output check without pausing, so the server's own thread stays free meanwhile.
// The worker stays for the next check (docs/decisions/0044): one message, one reply, in turn. It keeps
// the part of each question's basis built from earlier releases (frozen) for the next check.
const cache = new EarlierBasisCache();
parentPort?.on("message", (task: ReleaseCheckTask) => {
  let reply: ReleaseCheckReply;
  try {
    const steps = buildFiguresInSteps(task.input);
    let step = steps.next();
    while (!step.done) step = steps.next();
    const figures: Figures = step.value;
    const result = checkRelease(
      figures.cells,
      figures.earlier,
      task.options,
      task.switches,
      figures.side,
      task.budget,
      cache,
    );
    reply = {
      ok: true,
      tables: figures.tables,
      dataAsOf: figures.dataAsOf,
      cells: result.cells,
      checklist: result.checklist,
    };
  } catch (error) {
    reply =
      error instanceof CheckTooLarge
        ? { ok: false, tooLarge: true, error: error.message }
        : { ok: false, tooLarge: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
