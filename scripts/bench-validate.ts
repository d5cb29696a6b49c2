import {
  installFastPropertyReads,
  uninstallFastPropertyReads,
} from "../server/fieldwork/survey-core-fast-path.ts";
import { ValidatorCache } from "../server/fieldwork/validator-cache.ts";
import { BENCH_SURVEY_ID, benchInterviews, benchSurveyDefinition } from "./bench-interview.ts";

/**
 * How long the server takes to validate one stored 40-question interview against its version, on one
 * thread with the version's Model reused (as each validation worker does): the median and 90th
 * percentile over many different interviews, with survey-core as shipped and with the worker's fast
 * path. CPU time, not wall time, so other work on the machine inflates it less.
 */

export interface ValidateFigures {
  interviews: number;
  buildModelMs: number;
  plain: { medianMs: number; p90Ms: number };
  fastPath: { medianMs: number; p90Ms: number };
}

export function benchValidate(count = 2_000): ValidateFigures {
  const definition = JSON.stringify(benchSurveyDefinition());
  const answers = benchInterviews(count, 42, "bench-area").map((item) => item.data);

  const built = process.cpuUsage();
  new ValidatorCache().validateAllNow(BENCH_SURVEY_ID, 1, definition, []);
  const buildModelMs = cpuMs(process.cpuUsage(built));

  // Both ways in alternating blocks, so that whatever else the machine does weighs on both alike.
  const ways = [
    { fast: false, cache: new ValidatorCache(), times: [] as number[] },
    { fast: true, cache: new ValidatorCache(), times: [] as number[] },
  ];
  const BLOCK = 100;
  for (let start = -BLOCK; start < answers.length; start += BLOCK) {
    for (const way of ways) {
      if (way.fast) installFastPropertyReads();
      // The first block warms both up and is not counted.
      for (const data of answers.slice(Math.max(0, start), start + BLOCK)) {
        const before = process.cpuUsage();
        way.cache.validateAllNow(BENCH_SURVEY_ID, 1, definition, [data]);
        if (start >= 0) way.times.push(cpuMs(process.cpuUsage(before)));
      }
      uninstallFastPropertyReads();
    }
  }
  const [plain, fastPath] = ways.map(({ times }) => {
    times.sort((a, b) => a - b);
    return { medianMs: at(times, 0.5), p90Ms: at(times, 0.9) };
  });
  if (!plain || !fastPath) throw new Error("unreachable");
  return { interviews: count, buildModelMs, plain, fastPath };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1_000;
}

function at(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
