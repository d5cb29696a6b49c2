import { rmSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../server/paths.ts";
import { inputsHash, recordBuild, stampFile } from "./build-freshness.mjs";
import { buildServer } from "./build-server.ts";
import { compressClient } from "./compress-client.ts";

/**
 * `npm run build`: builds the client (Vite, into dist/client/, with compressed copies of its text
 * files) and the server (esbuild, into dist/server/), then records what they were built from, so `npm start` and `npm run demo`
 * (scripts/build-freshness.mjs) serve them without rebuilding until a source file changes.
 */
export async function buildAll(root: string = projectRoot): Promise<void> {
  // Hashed before building: a file saved during the build makes the next start build again.
  const hash = inputsHash(root);
  // No record while building, so an interrupted build is never taken for a whole one.
  rmSync(join(root, stampFile), { force: true });
  const { build } = await import("vite");
  await build({ configFile: join(root, "vite.config.ts"), root: join(root, "client"), logLevel: "warn" });
  await Promise.all([compressClient(join(root, "dist", "client")), buildServer()]);
  recordBuild(root, hash);
}

if (import.meta.filename === process.argv[1]) {
  await buildAll();
  console.log("Built the client into dist/client/ and the server into dist/server/.");
}
