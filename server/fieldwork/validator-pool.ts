import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AnswerIssue } from "../../shared/contract/sync.ts";
import { VersionValidator } from "../../shared/survey/version-validator.ts";
import { type Answers, ValidatorCache } from "./validator-cache.ts";

/**
 * A version that compiles to a validation plan (shared/survey/validation-plan.ts, every instrument
 * does) is validated in this thread: about 0.05 ms an interview, less than handing the answers to
 * another thread and back would cost, and no worker needs to exist (each costs tens of MB).
 *
 * A version that does not compile needs survey-core itself (milliseconds per interview, all of it
 * synchronous JavaScript), so its batches go to worker threads, one per core, started when first
 * needed: a batch is split across them and the main thread stays free to parse requests and write
 * to the database meanwhile. Each worker keeps its own validator per version. A worker that dies is
 * replaced on the next batch, and the batch it held fails like any other surprise (the tablet retries).
 */

export interface ValidationTask {
  id: number;
  surveyId: string;
  version: number;
  definition: string;
  answers: readonly Answers[];
}

export type ValidationReply = { id: number; results: AnswerIssue[][] } | { id: number; error: string };

interface Pending {
  resolve(results: AnswerIssue[][]): void;
  reject(error: Error): void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * The server runs its TypeScript through tsx, whose loader a worker thread does not inherit on Node 20,
 * so each worker registers tsx itself. It then turns source maps off again: with them on, Node reads and
 * keeps survey-core's 13 MB source map in every thread that loads it (~35 MB of heap each), and a
 * validation worker's stack traces are never shown to anyone.
 */
const WORKER_BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import("tsx/esm/api").then(({ register }) => {
  register();
  process.setSourceMapsEnabled(false);
  return import(workerData.entry);
});
`;

/**
 * A validation worker holds a few Models and one batch's answers at a time. A small young generation
 * makes V8 collect garbage often instead of growing the heap to tens of MB per thread.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

/** Fewer interviews than this per worker are not worth a message round trip. */
const MIN_SHARE = 2;

export class ValidatorPool extends ValidatorCache {
  private readonly workers: (PoolWorker | undefined)[];
  /** Versions that do not compile: the main thread keeps no validator (nor Model) for them. */
  private readonly needSurveyCore = new Set<string>();
  private nextTask = 0;
  private nextWorker = 0;

  constructor(readonly threads = availableParallelism()) {
    super();
    this.workers = new Array(Math.max(1, threads)).fill(undefined);
  }

  override async validateAll(
    surveyId: string,
    version: number,
    definition: string,
    answers: readonly Answers[],
  ): Promise<AnswerIssue[][]> {
    if (answers.length === 0) return [];
    if (this.compiles(surveyId, version, definition)) {
      return this.validateAllNow(surveyId, version, definition, answers);
    }
    const shares = Math.max(1, Math.min(this.workers.length, Math.floor(answers.length / MIN_SHARE)));
    const size = Math.ceil(answers.length / shares);
    const parts: Promise<AnswerIssue[][]>[] = [];
    for (let start = 0; start < answers.length; start += size) {
      parts.push(this.run({ surveyId, version, definition, answers: answers.slice(start, start + size) }));
    }
    return (await Promise.all(parts)).flat();
  }

  /** How many worker threads are running now (none until a version needs survey-core). */
  get runningWorkers(): number {
    return this.workers.filter((w) => w !== undefined).length;
  }

  private compiles(surveyId: string, version: number, definition: string): boolean {
    const key = `${surveyId}@${version}`;
    const cached = this.cached(key);
    if (cached) return cached.compiled.supported;
    if (this.needSurveyCore.has(key)) return false;
    const validator = new VersionValidator(JSON.parse(definition));
    if (!validator.compiled.supported) {
      this.needSurveyCore.add(key);
      return false;
    }
    this.remember(key, validator);
    return true;
  }

  override async close(): Promise<void> {
    const running = this.workers.filter((w): w is PoolWorker => w !== undefined);
    this.workers.fill(undefined);
    await Promise.all(running.map((w) => w.worker.terminate()));
  }

  private run(task: Omit<ValidationTask, "id">): Promise<AnswerIssue[][]> {
    const slot = this.nextWorker;
    this.nextWorker = (this.nextWorker + 1) % this.workers.length;
    const poolWorker = this.workers[slot] ?? this.start(slot);
    this.nextTask += 1;
    const id = this.nextTask;
    return new Promise((resolve, reject) => {
      poolWorker.pending.set(id, { resolve, reject });
      poolWorker.worker.ref();
      poolWorker.worker.postMessage({ ...task, id } satisfies ValidationTask);
    });
  }

  private start(slot: number): PoolWorker {
    // Built (dist/server/, plain Node) the worker is a file beside this one; from source it goes through tsx.
    const worker = import.meta.url.endsWith(".js")
      ? new Worker(new URL("./validation-worker.js", import.meta.url), { resourceLimits: WORKER_LIMITS })
      : new Worker(WORKER_BOOTSTRAP, {
          eval: true,
          workerData: { entry: new URL("./validation-worker.ts", import.meta.url).href },
          resourceLimits: WORKER_LIMITS,
        });
    const poolWorker: PoolWorker = { worker, pending: new Map() };
    // An idle pool must not keep the process alive; a worker with work in flight does.
    worker.unref();
    worker.on("message", (reply: ValidationReply) => {
      const pending = poolWorker.pending.get(reply.id);
      if (!pending) return;
      poolWorker.pending.delete(reply.id);
      if (poolWorker.pending.size === 0) worker.unref();
      if ("error" in reply) pending.reject(new Error(`validation failed: ${reply.error}`));
      else pending.resolve(reply.results);
    });
    const fail = (error: Error) => {
      if (this.workers[slot] === poolWorker) this.workers[slot] = undefined;
      for (const pending of poolWorker.pending.values()) pending.reject(error);
      poolWorker.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`validation worker exited with code ${code}`)));
    this.workers[slot] = poolWorker;
    return poolWorker;
  }
}

/** What the server uses: a pool where there is more than one core, else validation in this thread. */
export function createValidators(): ValidatorCache {
  return availableParallelism() > 1 ? new ValidatorPool() : new ValidatorCache();
}
