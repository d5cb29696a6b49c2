import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { projectRoot } from "../server/paths.ts";

export const serverBuildDir = join(projectRoot, "dist", "server");

/**
 * Builds the server into dist/server/: one JavaScript file for the server and one for its validation
 * worker threads, with the packages left as imports from node_modules. `npm start` runs the build with
 * plain Node, so the server does not carry the TypeScript loader (tsx) at run time: a loader thread and
 * compiled-source caches that cost about 80 MB of memory for nothing in production. Tests and scripts
 * still run the TypeScript through tsx.
 *
 * Each file is written beside its final name and renamed into place, so a server starting while
 * another process rebuilds reads one whole build or the other, never half of one.
 */
export async function buildServer(): Promise<void> {
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: {
      index: "server/index.ts",
      "validation-worker": "server/fieldwork/validation-worker.ts",
      "release-check-worker": "server/releases/release-check-worker.ts",
    },
    outdir: serverBuildDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    keepNames: true,
    logLevel: "warning",
    write: false,
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.partial`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
}

if (import.meta.filename === process.argv[1]) {
  await buildServer();
  console.log("Built the server into dist/server/.");
}
