import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Where the project's files are, found by walking up from this module to package.json: the same answer
 * whether the server runs from source (server/) or from its build (dist/server/, one bundled file).
 */
function findProjectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json in ${from} or any folder above it.`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(import.meta.dirname);
export const defaultStaticDir = join(projectRoot, "dist", "client");
export const defaultInstrumentsDir = join(projectRoot, "surveys", "instruments");
export const theoryOfChangeFile = join(projectRoot, "surveys", "theory-of-change.json");
