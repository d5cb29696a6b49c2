// Plain JavaScript on purpose: `npm start` runs this with Node itself before the server, and starting
// the TypeScript loader (tsx) only to learn that nothing changed would cost seconds on a busy machine.
// Types: build-freshness.d.mts. Decision 0032.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";

/**
 * Whether dist/ was built from the files there are now. The decision is by content, not by clock: a
 * hash of every input (`buildInputs`) is written to dist/build-inputs.json after a build, with the size
 * and modification time of the two outputs the server needs. The build is stale when the hash differs
 * (a file added, removed or changed, whatever its time stamp says: a checkout or a copy can set any
 * time), when an output is missing, or when an output was rewritten since (a plain `vite build` or a
 * test helper's server build, perhaps from other sources).
 */

export const projectRoot = dirname(import.meta.dirname);

/** Single files and folders whose content the build depends on. */
export const buildInputs = [
  "package.json",
  "package-lock.json",
  "vite.config.ts",
  "tsconfig.json",
  "scripts/build.ts",
  "scripts/build-server.ts",
  "scripts/build-freshness.mjs",
  "client",
  "shared",
  "server",
  "surveys",
];

/** The outputs a start needs; their size and time are recorded to notice a rebuild made elsewhere. */
export const buildOutputs = ["dist/client/index.html", "dist/server/index.js"];

export const stampFile = join("dist", "build-inputs.json");

function filesUnder(root, entry) {
  const full = join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .map((file) => join(entry, file))
    .filter((file) => statSync(join(root, file)).isFile());
}

/** One hash over the path and content of every input file, in a fixed order. */
export function inputsHash(root = projectRoot) {
  const hash = createHash("sha256");
  const files = buildInputs.flatMap((entry) => filesUnder(root, entry)).sort();
  for (const file of files) {
    const content = readFileSync(join(root, file));
    // Path, length, content: no two different trees give the same stream of bytes.
    hash.update(`${file.split(sep).join("/")}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest("hex");
}

function outputsNow(root) {
  const outputs = {};
  for (const output of buildOutputs) {
    const full = join(root, output);
    if (!existsSync(full)) return undefined;
    const { size, mtimeMs } = statSync(full);
    outputs[output] = { size, mtimeMs };
  }
  return outputs;
}

/** Why dist/ must be rebuilt, in words for the console, or undefined when it is up to date. */
export function whyStale(root = projectRoot, hash = inputsHash(root)) {
  const outputs = outputsNow(root);
  if (!outputs) return "no complete build yet";
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, stampFile), "utf8"));
  } catch {
    return "no record of what the build was made from";
  }
  if (stamp?.inputs !== hash) return "files changed since the last build";
  for (const output of buildOutputs) {
    const was = stamp.outputs?.[output];
    const now = outputs[output];
    if (!was || was.size !== now.size || was.mtimeMs !== now.mtimeMs)
      return "the build was replaced since it was recorded";
  }
  return undefined;
}

/** Records that dist/ was built from inputs with this hash (call right after a successful build). */
export function recordBuild(root, hash) {
  const outputs = outputsNow(root);
  if (!outputs) throw new Error("The build did not produce dist/client/index.html and dist/server/index.js.");
  writeFileSync(join(root, stampFile), `${JSON.stringify({ inputs: hash, outputs }, null, 2)}\n`);
}

// `node scripts/build-freshness.mjs`: builds (scripts/build.ts, under tsx) only when dist/ is stale.
if (import.meta.filename === process.argv[1]) {
  const reason = whyStale();
  if (!reason) {
    console.log("The build in dist/ is up to date with the source files.");
  } else {
    console.log(`Building the client and the server (${reason}); this takes a little while…`);
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const run = spawnSync(process.execPath, [tsx, join(projectRoot, "scripts", "build.ts")], {
      stdio: "inherit",
    });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
