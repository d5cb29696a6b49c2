#!/usr/bin/env node
// Runs several npm scripts at once and fails if any fails: `node scripts/run-together.mjs lint unused`.
// `npm test` checks lint, unused exports, types and the build this way before the test run. The type
// check is one single-threaded process of over a minute; run one after another, the other steps left
// the second core idle. Each script's output is printed whole when it ends, so logs do not interleave.
import { spawn } from "node:child_process";

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error("Usage: node scripts/run-together.mjs <npm script> [<npm script> …]");
  process.exit(2);
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const started = Date.now();

function run(name) {
  return new Promise((resolve) => {
    const child = spawn(npm, ["run", "--silent", name], { stdio: ["ignore", "pipe", "pipe"] });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on("close", (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const ok = code === 0;
      process.stdout.write(Buffer.concat(output));
      console.log(
        `${ok ? "✓" : "✗"} npm run ${name} ${ok ? "passed" : `failed (${signal ?? `exit ${code}`})`} after ${seconds} s`,
      );
      resolve(ok);
    });
  });
}

const results = await Promise.all(names.map(run));
process.exit(results.every(Boolean) ? 0 : 1);
