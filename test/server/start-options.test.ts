import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { startNodeOptions } from "../helpers/server-process.ts";

// The server's peak memory rests on two V8 settings in package.json's start script (decision 0021).
// Tests and benchmarks start the server with whatever that script says; these check it still says
// them, and that this Node still takes them (an option Node does not know stops it before it starts).

it("starts the server with the young generation and heap growth limits of decision 0021", () => {
  expect(startNodeOptions()).toEqual(
    expect.arrayContaining(["--max-semi-space-size=4", "--heap-growing-percent=100"]),
  );
});

it("runs on this Node with the start script's options", () => {
  const run = spawnSync(process.execPath, [...startNodeOptions(), "-e", "process.stdout.write('ran')"], {
    encoding: "utf8",
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toBe("ran");
});
