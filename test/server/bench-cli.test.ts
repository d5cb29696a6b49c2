import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { expect, it } from "vitest";
import { projectRoot } from "../../server/paths.ts";

// `npm run bench -- --help` used to start the whole benchmark (minutes of work, and a rewritten
// docs/benchmarks.md). It must print how to use it and stop, touching nothing.

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const report = join(projectRoot, "docs", "benchmarks.md");

it.each(["--help", "-h"])("`bench %s` prints the options and stops without benchmarking", (flag) => {
  const before = statSync(report, { throwIfNoEntry: false })?.mtimeMs;
  const started = Date.now();
  const run = spawnSync(process.execPath, [tsx, join(projectRoot, "scripts", "bench.ts"), flag], {
    cwd: projectRoot,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain("npm run bench");
  expect(run.stdout).toContain("--postgres URL");
  expect(run.stdout).toContain("--no-scripts");
  expect(run.stdout).not.toContain("Validation of one interview");
  expect(statSync(report, { throwIfNoEntry: false })?.mtimeMs).toBe(before);
  expect(Date.now() - started).toBeLessThan(30_000);
});
