import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { Model, type Question } from "survey-core";
import { build } from "vite";
import { setPicture } from "../shared/editor/easy-read-pictures.ts";
import { normaliseSurvey } from "../shared/editor/survey-json.ts";
import { benchSurveyDefinition } from "./bench-interview.ts";

/**
 * Fieldwork bundle size (measured, never asserted): the gzip size of the JavaScript a tablet loads to
 * open /fieldwork, next to the floor — survey-core, survey-react-ui and React rendering one survey,
 * built alone by the same Vite. The app is built into a temporary directory with a manifest, so the
 * dist/ that a running server or e2e test uses is left alone.
 *
 * `npx tsx scripts/bench-bundle.ts` prints the figures on their own, with where the bytes come from:
 * each counted chunk's gzip bytes shared out over the source files its (hidden) source map names,
 * in proportion to the minified bytes each produced. That share is an estimate (gzip does not add up
 * per file), good for finding what to move; the totals above it are exact.
 */

const root = resolve(import.meta.dirname, "..");

export interface BundleFigures {
  /** gzip bytes of the entry chunk, the fieldwork page and every chunk they import statically. */
  fieldworkGzip: number;
  /** Each of those chunks with its gzip bytes, largest first. */
  fieldworkFiles: { file: string; gzip: number }[];
  /**
   * gzip bytes of chunks the counted chunks (but not the app's entry, which imports every page) may
   * import later, and what those import: not counted above. survey-core's language packs are left out.
   */
  lazyGzip: number;
  floorGzip: number;
  /** Estimated gzip bytes of the counted chunks per source (a package name, or a file of ours), largest first. */
  sources: { source: string; gzip: number }[];
}

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
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
      // "hidden": the maps are written for the attribution below, the chunks carry no comment naming them.
      build: { outDir: appDir, emptyOutDir: true, manifest: true, sourcemap: "hidden" },
    });
    const manifest = JSON.parse(readFileSync(join(appDir, ".vite", "manifest.json"), "utf8")) as Record<
      string,
      ManifestChunk
    >;
    const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
    // The page's chunk is named after it; it has no `src` when vite.config.ts groups modules into it.
    const page = Object.keys(manifest).find(
      (key) => key.endsWith("fieldwork/FieldworkPage.tsx") || manifest[key]?.name === "FieldworkPage",
    );
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
    // Everything the counted chunks may import later, and what that imports, but not survey-core's
    // language packs (fetched per language, decision 0043).
    const lazy = new Set<string>();
    const visitLazy = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file) || lazy.has(chunk.file)) return;
      if (/survey-locale-/.test(chunk.file)) return;
      lazy.add(chunk.file);
      for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visitLazy(next);
    };
    for (const [key, chunk] of Object.entries(manifest))
      if (files.has(chunk.file) && key !== entry)
        for (const next of chunk.dynamicImports ?? []) visitLazy(next);
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
      sources: attribute(
        appDir,
        [...files].filter((f) => f.endsWith(".js")),
      ),
    };
  } finally {
    rmSync(appDir, { recursive: true, force: true });
    rmSync(floorRoot, { recursive: true, force: true });
  }
}

/** Shares each chunk's gzip bytes over the sources its source map names, by minified bytes produced. */
function attribute(dir: string, files: string[]): { source: string; gzip: number }[] {
  const totals = new Map<string, number>();
  const add = (source: string, gzip: number) => totals.set(source, (totals.get(source) ?? 0) + gzip);
  for (const file of files) {
    const gzip = gzipSize(join(dir, file));
    let map: { sources: string[]; mappings: string };
    try {
      map = JSON.parse(readFileSync(join(dir, `${file}.map`), "utf8"));
    } catch {
      add("(no source map)", gzip);
      continue;
    }
    const code = readFileSync(join(dir, file), "utf8");
    const lineLengths = code.split("\n").map((line) => line.length + 1);
    const bytes = new Map<number, number>();
    let source = 0;
    map.mappings.split(";").forEach((line, lineNo) => {
      let column = 0;
      let from = 0;
      let current = -1;
      for (const segment of line.split(",")) {
        if (!segment) continue;
        const fields = decodeVlq(segment);
        column += fields[0] ?? 0;
        if (current >= 0) bytes.set(current, (bytes.get(current) ?? 0) + column - from);
        if (fields.length > 1) source += fields[1] ?? 0;
        current = fields.length > 1 ? source : -1;
        from = column;
      }
      if (current >= 0) bytes.set(current, (bytes.get(current) ?? 0) + (lineLengths[lineNo] ?? 0) - from);
    });
    const mapped = [...bytes.values()].reduce((n, b) => n + b, 0);
    if (mapped === 0) add("(unmapped)", gzip);
    else add("(unmapped)", (gzip * Math.max(0, code.length - mapped)) / code.length);
    for (const [index, b] of bytes) add(sourceName(map.sources[index] ?? "?"), (gzip * b) / code.length);
  }
  return [...totals]
    .map(([source, gzip]) => ({ source, gzip: Math.round(gzip) }))
    .sort((a, b) => b.gzip - a.gzip);
}

/** A package for node_modules/<name>/…, otherwise the file relative to the project. */
function sourceName(path: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
  if (pkg) return pkg;
  return path.replace(/^(\.\.\/)+/, "").replace(/^.*?\/(client|shared)\//, "$1/");
}

function decodeVlq(segment: string): number[] {
  const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = digits.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
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
import { Model, type Question } from "survey-core";
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

/**
 * Issue 18: languages are data. The 40-question bench survey with every title and choice text given in
 * Polish and Arabic as well (stand-ins: the English text marked "pl " or "ar "),
 * its size against the one-language version, and survey-core's time to build the model in Arabic and
 * word its first question (Node; not the browser's render).
 */
export function measureLanguages(runs = 50) {
  const one = benchSurveyDefinition();
  const localise = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => localise(v));
    if (typeof value === "string" && (key === "title" || key === "text")) {
      return { default: value, pl: `pl ${value}`, ar: `ar ${value}` };
    }
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localise(v, k)]));
  };
  const three = localise(one) as Record<string, unknown>;
  const size = (d: unknown) => {
    const json = Buffer.from(JSON.stringify(d));
    return { bytes: json.length, gzip: gzipSync(json, { level: 9 }).length };
  };
  // Easy Read as well: a picture (12 KB of PNG-like bytes, which do not compress, like a real PNG) before
  // every question, through the editor's own setPicture, with its words.
  let pictured: unknown = three;
  normaliseSurvey(three).pages.forEach((page, p) => {
    page.elements.forEach((element, e) => {
      const bytes = new Uint8Array(12 * 1024);
      bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      let x = (p * 1000 + e + 1) * 2654435761;
      for (let i = 8; i < bytes.length; i++) {
        x = (x * 1103515245 + 12345) >>> 0;
        bytes[i] = x >>> 24;
      }
      const dataUrl = `data:image/png;base64,${Buffer.from(bytes).toString("base64")}`;
      pictured =
        setPicture(pictured, element.name, undefined, { dataUrl, alt: `Picture of ${element.name}` }) ??
        pictured;
    });
  });
  const pictures = pictured as Record<string, unknown>;
  const firstQuestion = (definition: Record<string, unknown>, locale: string) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const model = new Model(definition);
      model.locale = locale;
      const first = model.currentPage?.questions.find(
        (q: Question) => q.isVisible && q.getType() !== "image",
      )?.title;
      if (!first) throw new Error("no first question");
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(runs / 2)] ?? 0;
  };
  return {
    one: size(one),
    three: size(three),
    pictures: size(pictures),
    pictureCount: JSON.stringify(pictures).split("__easy_read").length - 1,
    firstQuestionMs: firstQuestion(three, "ar"),
    firstQuestionEasyReadMs: firstQuestion(pictures, "en-easy"),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const b = await measureBundle();
  const kib = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KiB`;
  console.log(
    `/fieldwork  ${kib(b.fieldworkGzip)} gzip (-9) = ${(b.fieldworkGzip / b.floorGzip).toFixed(3)} × the floor`,
  );
  console.log(`floor       ${kib(b.floorGzip)} (React + survey-core + survey-react-ui, one question)`);
  console.log(`target      ${kib(b.floorGzip * 1.1)} (1.1 × the floor)`);
  console.log(`loaded later by the page (dynamic imports, not counted): ${kib(b.lazyGzip)}`);
  console.log("\nCounted chunks:");
  for (const f of b.fieldworkFiles) console.log(`  ${kib(f.gzip)}  ${f.file}`);
  const ours = b.sources.filter((s) => /^(client|shared)\//.test(s.source));
  console.log("\nWhere the bytes come from (estimated; packages, then our files):");
  for (const s of b.sources.filter((s) => !ours.includes(s))) console.log(`  ${kib(s.gzip)}  ${s.source}`);
  console.log(`  ${kib(ours.reduce((n, s) => n + s.gzip, 0))}  our code (${ours.length} files), largest:`);
  for (const s of ours.slice(0, process.argv.includes("--all") ? ours.length : 15))
    console.log(`    ${kib(s.gzip)}  ${s.source}`);
  const l = measureLanguages();
  console.log("\nA version in three languages (bench survey, 40 questions; issue 18):");
  console.log(`  one language     ${l.one.bytes} B, ${l.one.gzip} B gzip`);
  console.log(`  three languages  ${l.three.bytes} B, ${l.three.gzip} B gzip`);
  console.log(
    `  three languages and Easy Read, ${l.pictureCount} pictures  ${l.pictures.bytes} B, ${l.pictures.gzip} B gzip`,
  );
  console.log(
    `  survey-core model in Arabic to its first question (Node, median of 50): ${l.firstQuestionMs.toFixed(1)} ms`,
  );
  console.log(
    `  the same with pictures, in Easy Read (Node, median of 50): ${l.firstQuestionEasyReadMs.toFixed(1)} ms`,
  );
}
