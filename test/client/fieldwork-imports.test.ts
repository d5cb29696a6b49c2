import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The JavaScript a tablet loads to open /fieldwork is the entry (client/main.tsx) plus the fieldwork
 * page and everything either imports statically (scripts/bench-bundle.ts measures it; target ≤ 1.1×
 * React + survey-core + survey-react-ui). This walks that import graph in the source, so a heavy
 * package that leaks back onto the route fails here, before anyone builds (docs/decisions/0020).
 *
 * Only `import()` (a lazy chunk) and `import type` / `export type` are not followed. An import that
 * names only types inline (`import { type A } from`) is followed: with verbatimModuleSyntax it still
 * loads the module. The last test follows `import()` too: every page, so no page loads zod.
 */
const root = resolve(import.meta.dirname, "../..");
const starts = ["client/main.tsx", "client/fieldwork/FieldworkPage.tsx"];

/**
 * Packages the fieldwork route has no use for: zod only validates on the server (the client never
 * parses); Dexie was replaced by idb and stays only to build old-format databases in a test.
 */
const notOnTheRoute = ["zod", "qrcode", "jstat", "simple-statistics", "workbox-window", "dexie"];

interface Graph {
  files: Set<string>;
  /** package name -> the files that import it */
  packages: Map<string, string[]>;
}

const importPattern =
  /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']/g;
const lazyImportPattern = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function walk(lazily = false): Graph {
  const files = new Set<string>();
  const packages = new Map<string, string[]>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "");
    const specs = [...text.matchAll(importPattern)]
      .filter((match) => !match[2]) // import type / export type
      .map((match) => match[3] ?? "");
    if (lazily) specs.push(...[...text.matchAll(lazyImportPattern)].map((match) => match[1] ?? ""));
    for (const spec of specs) {
      if (spec.startsWith(".")) {
        const target = relative(root, resolve(root, dirname(file), spec));
        if (/\.(ts|tsx)$/.test(target) && existsSync(join(root, target))) visit(target);
        continue;
      }
      if (spec.startsWith("virtual:")) continue;
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] ?? "");
      packages.set(name, [...(packages.get(name) ?? []), file]);
    }
  };
  for (const start of lazily ? ["client/main.tsx"] : starts) visit(start);
  return { files, packages };
}

describe("the fieldwork route's static imports", () => {
  const graph = walk();

  it("reach the fieldwork page and the offline layer (the walk follows the imports)", () => {
    expect(graph.files).toContain("client/fieldwork/InterviewScreen.tsx");
    expect(graph.files).toContain("client/offline/db.ts");
    expect([...graph.packages.keys()]).toEqual(expect.arrayContaining(["react", "idb", "survey-core"]));
  });

  it("load no zod and no other route's packages: constants come from zod-free contract files", () => {
    const leaks = notOnTheRoute.flatMap((name) =>
      (graph.packages.get(name) ?? []).map((file) => `${file} imports ${name}`),
    );
    expect(leaks).toEqual([]);
  });

  it("load no other route's folder and not the contract barrel, which holds every page's constants", () => {
    const stray = [...graph.files].filter(
      (file) =>
        /^client\/(admin|audit|coordination|dashboard|editor|exports|retention|review|withdrawal)\//.test(
          file,
        ) || file === "shared/contract/index.ts",
    );
    expect(stray).toEqual([]);
  });
});

describe("every page's imports, lazy ones too", () => {
  const graph = walk(true);

  it("reach every page and the contract (the walk follows import())", () => {
    expect(graph.files).toContain("client/editor/EditorPage.tsx");
    expect(graph.files).toContain("client/admin/AdminPage.tsx");
    expect(graph.files).toContain("shared/contract/index.ts");
  });

  it("load no zod and no schema: the server checks requests, the client never parses (decision 0052)", () => {
    const schemas = [...graph.files].filter((file) => file.endsWith(".schema.ts"));
    expect([...schemas, ...(graph.packages.get("zod") ?? []).map((file) => `${file} imports zod`)]).toEqual(
      [],
    );
  });
});
