import { parentPort } from "node:worker_threads";
import { CheckTooLarge, checkRelease, EarlierBasisCache } from "../../shared/disclosure/check-release.ts";
import { readInWorker } from "./release-check-read.ts";
import type { ReleaseCheckReply, ReleaseCheckTask } from "./release-check-thread.ts";
import { buildFiguresInSteps, type Figures } from "./release-figures.ts";

// A worker thread of one release check (docs/decisions/0034): builds the figures and runs every
// output check without pausing, so the server's own thread stays free meanwhile.
// The worker stays for the next check (docs/decisions/0044): one message, one reply, in turn. It keeps
// the part of each question's basis built from earlier releases (frozen) for the next check.
const cache = new EarlierBasisCache();
parentPort?.on("message", async (task: ReleaseCheckTask) => {
  let reply: ReleaseCheckReply;
  try {
    let input = task.input;
    let read: Extract<ReleaseCheckReply, { ok: true }>["read"];
    if (task.read) {
      // Read here, not on the server's thread (docs/decisions/0047).
      const data = await readInWorker(task.read.file, task.read);
      if (!data) {
        parentPort?.postMessage({ ok: false, tooLarge: false, empty: true, error: "no interviews" });
        return;
      }
      input = { ...input, ...data };
      read = {
        interviews: data.interviews,
        earlier: data.earlier.map((e) => ({ id: e.id, title: e.title, publishedAt: e.publishedAt })),
      };
    }
    const steps = buildFiguresInSteps(input);
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
      ...(read ? { read } : {}),
    };
  } catch (error) {
    reply =
      error instanceof CheckTooLarge
        ? { ok: false, tooLarge: true, error: error.message }
        : { ok: false, tooLarge: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
