import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { build } from "vite";

/**
 * Fieldwork bundle size (measured, never asserted): the gzip size of the JavaScript a tablet loads to
 * open /fieldwork, next to the floor — survey-core, survey-react-ui and React rendering one survey,
 * built alone by the same Vite. The app is built into a temporary directory with a manifest, so the
 * dist/ that a running server or e2e test uses is left alone.
 */

const root = resolve(import.meta.dirname, "..");

export interface BundleFigures {
  /** gzip bytes of the entry chunk, the fieldwork page and every chunk they import statically. */
  fieldworkGzip: number;
  /** Each of those chunks with its gzip bytes, largest first. */
  fieldworkFiles: { file: string; gzip: number }[];
  /** gzip bytes of chunks the fieldwork page may import later (dynamic imports), not counted above. */
  lazyGzip: number;
  floorGzip: number;
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export async function measureBundle(): Promise<BundleFigures> {
  const appDir = mkdtempSync(join(tmpdir(), "alongside-bench-app-"));
  // The floor's entry must sit inside the project so it resolves the project's node_modules.
  const floorRoot = join(root, "node_modules", ".cache", "alongside-bench-floor");
  try {
    await build({
      configFile: join(root, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir: appDir, emptyOutDir: true, manifest: true, sourcemap: false },
    });
    const manifest = JSON.parse(readFileSync(join(appDir, ".vite", "manifest.json"), "utf8")) as Record<
      string,
      ManifestChunk
    >;
    const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
    const page = Object.keys(manifest).find((key) => key.endsWith("fieldwork/FieldworkPage.tsx"));
    if (!entry || !page) throw new Error("the manifest names no entry or no fieldwork page");
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const next of chunk.imports ?? []) visit(next);
    };
    visit(entry);
    visit(page);
    const lazy = new Set<string>();
    for (const key of manifest[page]?.dynamicImports ?? []) {
      const file = manifest[key]?.file;
      if (file && !files.has(file)) lazy.add(file);
    }
    const sum = (list: Iterable<string>) =>
      [...list].filter((f) => f.endsWith(".js")).reduce((n, f) => n + gzipSize(join(appDir, f)), 0);

    return {
      fieldworkGzip: sum(files),
      fieldworkFiles: [...files]
        .filter((f) => f.endsWith(".js"))
        .map((file) => ({ file: file.replace(/^assets\//, ""), gzip: gzipSize(join(appDir, file)) }))
        .sort((a, b) => b.gzip - a.gzip),
      lazyGzip: sum(lazy),
      floorGzip: await buildFloor(floorRoot),
    };
  } finally {
    rmSync(appDir, { recursive: true, force: true });
    rmSync(floorRoot, { recursive: true, force: true });
  }
}

/** React, survey-core and survey-react-ui rendering one question: what no fieldwork client can avoid. */
async function buildFloor(dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="./floor.tsx"></script></body></html>',
  );
  writeFileSync(
    join(dir, "floor.tsx"),
    `import { createRoot } from "react-dom/client";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
const model = new Model({ elements: [{ type: "text", name: "q" }] });
createRoot(document.getElementById("root")!).render(<Survey model={model} />);
`,
  );
  const outDir = join(dir, "dist");
  await build({
    configFile: false,
    root: dir,
    logLevel: "warn",
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
  const assets = join(outDir, "assets");
  return readdirSync(assets)
    .filter((f) => f.endsWith(".js"))
    .reduce((n, f) => n + gzipSize(join(assets, f)), 0);
}
