import { pathToFileURL } from "node:url";
import type { Model } from "survey-core";
import {
  installFastPropertyReads,
  uninstallFastPropertyReads,
} from "../server/fieldwork/survey-core-fast-path.ts";
import { createSurveyModel } from "../shared/survey/model.ts";
import { validateAnswers } from "../shared/survey/validate-answers.ts";
import { VersionValidator } from "../shared/survey/version-validator.ts";
import { benchInterviews, benchSurveyDefinition } from "./bench-interview.ts";

/**
 * How long the server takes to validate one stored 40-question interview against its version, on one
 * thread: the median and 90th percentile over many different interviews, three ways — a reused
 * survey-core Model as shipped, the same with the workers' fast path, and the version's compiled
 * validation plan (what the server uses for every version that compiles). CPU time, not wall time, so
 * other work on the machine inflates it less.
 */

export interface ValidateFigures {
  interviews: number;
  buildModelMs: number;
  /** Building the Model and compiling the plan from it, once per version. */
  compileMs: number;
  plain: { medianMs: number; p90Ms: number };
  fastPath: { medianMs: number; p90Ms: number };
  compiled: { medianMs: number; p90Ms: number };
}

export function benchValidate(count = 2_000): ValidateFigures {
  const definition = benchSurveyDefinition();
  const answers = benchInterviews(count, 42, "bench-area").map((item) => item.data);

  let started = process.cpuUsage();
  createSurveyModel(definition);
  const buildModelMs = cpuMs(process.cpuUsage(started));
  started = process.cpuUsage();
  const validator = new VersionValidator(definition);
  const compileMs = cpuMs(process.cpuUsage(started));
  if (!validator.compiled.supported)
    throw new Error(`the benchmark's survey does not compile: ${validator.compiled.reason}`);

  const model = (): Model => createSurveyModel(definition);
  // Every way in alternating blocks, so that whatever else the machine does weighs on all alike.
  const ways = [
    { fast: false, validate: usingModel(model()), times: [] as number[] },
    { fast: true, validate: usingModel(model()), times: [] as number[] },
    {
      fast: false,
      validate: (data: Record<string, unknown>) => validator.validate(data),
      times: [] as number[],
    },
  ];
  const BLOCK = 100;
  for (let start = -BLOCK; start < answers.length; start += BLOCK) {
    for (const way of ways) {
      if (way.fast) installFastPropertyReads();
      // The first block warms each up and is not counted.
      for (const data of answers.slice(Math.max(0, start), start + BLOCK)) {
        const before = process.cpuUsage();
        way.validate(data);
        if (start >= 0) way.times.push(cpuMs(process.cpuUsage(before)));
      }
      uninstallFastPropertyReads();
    }
  }
  const [plain, fastPath, compiled] = ways.map(({ times }) => {
    times.sort((a, b) => a - b);
    return { medianMs: at(times, 0.5), p90Ms: at(times, 0.9) };
  });
  if (!plain || !fastPath || !compiled) throw new Error("unreachable");
  return { interviews: count, buildModelMs, compileMs, plain, fastPath, compiled };
}

/**
 * Validation per interview for each survey of the differential corpus (test/fixtures/surveys/corpus),
 * compiled (where the version compiles) and on survey-core (the fallback), over answer sets made by
 * survey-core: median CPU ms per interview.
 */
export async function benchCorpus(
  sets = 50,
): Promise<{ name: string; compiles: boolean; compiledMs: number; fallbackMs: number }[]> {
  const { corpus, generateAnswers } = await import("../test/shared/survey/differential-corpus.ts");
  return corpus().map(({ name, definition }) => {
    const answers = Array.from({ length: sets }, (_, i) => generateAnswers(definition, i + 1));
    const time = (validator: VersionValidator) => {
      const times = answers.map((data) => {
        const before = process.cpuUsage();
        validator.validate(data);
        return cpuMs(process.cpuUsage(before));
      });
      times.sort((a, b) => a - b);
      return at(times, 0.5);
    };
    const compiled = new VersionValidator(definition);
    return {
      name,
      compiles: compiled.compiled.supported,
      compiledMs: time(compiled),
      fallbackMs: time(new VersionValidator(definition, { compile: false })),
    };
  });
}

function usingModel(model: Model) {
  return (data: Record<string, unknown>) => validateAnswers(model, data);
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1_000;
}

function at(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const v = benchValidate();
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  console.log(
    `validating one 40-question interview, CPU time over ${v.interviews} interviews (median / 90th percentile):`,
  );
  console.log(`  survey-core Model as shipped      ${ms(v.plain.medianMs)} / ${ms(v.plain.p90Ms)}`);
  console.log(`  with the workers' fast path       ${ms(v.fastPath.medianMs)} / ${ms(v.fastPath.p90Ms)}`);
  console.log(`  compiled validation plan          ${ms(v.compiled.medianMs)} / ${ms(v.compiled.p90Ms)}`);
  console.log(`  once per version: Model ${ms(v.buildModelMs)}, Model + plan ${ms(v.compileMs)}`);
  console.log("corpus, median CPU per interview (compiled where it compiles / survey-core fallback):");
  for (const c of await benchCorpus()) {
    console.log(
      `  ${c.name.padEnd(28)} ${c.compiles ? ms(c.compiledMs) : "does not compile"} / ${ms(c.fallbackMs)}`,
    );
  }
}
