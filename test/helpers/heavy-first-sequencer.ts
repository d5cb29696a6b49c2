import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files whose cost is not in their own size. Without a cache of earlier durations (a clean clone in
 * CI), vitest runs a project's larger files first, and the differential suite's two parts are four-line
 * files that load a corpus and judge it as they load (about 130 s of a worker in all): they ran last,
 * with the other worker idle for a minute at the end of the clean-clone run of 2026-12-07.
 */
const HEAVY = [
  /test\/shared\/survey\/differential(-2)?\.test\.ts$/,
  // 50–150 s of one worker in property runs over every survey, in a file of ordinary size: in the run of
  // 2026-12-07 (session 13) it started among the unit files at the end and finished last, alone.
  /test\/shared\/survey\/compiled-validation\.test\.ts$/,
];

/** vitest's own order (projects, then durations or sizes), with the files named in HEAVY first. */
export class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const heavy = (file: TestSpecification) => HEAVY.some((pattern) => pattern.test(file.moduleId));
    return [...sorted.filter(heavy), ...sorted.filter((file) => !heavy(file))];
  }
}
