import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every request the client makes is built from a route declared in `shared/contract/*.routes.ts`
 * (decision 0053): `call()` and `routeUrl()` for pages, `upload()` and the warm-cache reads for the
 * offline transport. A path written out as a literal (`fetch("/api/…")`, `` `/api/${id}` ``, an `href`)
 * compiles whatever the declaration says, so a renamed route would fail only on a tablet. Comments
 * may name paths; code may not.
 */
const root = resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** A string or template literal that starts with an API path. */
const apiLiteral = /(["'`])\/api(?:\/|\?|\1)[^"'`\n]*/g;

function apiLiteralsIn(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/[^\n]*/g, "$1");
  return [...code.matchAll(apiLiteral)].map((match) => match[0]);
}

describe("client requests", () => {
  it("finds a literal API path where there is one", () => {
    expect(apiLiteralsIn('await fetch("/api/sync", init); // "/api/in-a-comment"')).toEqual(['"/api/sync']);
    expect(apiLiteralsIn("getJson(`/api/areas/` + id)")).toEqual(["`/api/areas/"]);
  });

  it("name no API path as a literal: each is built from its declared route", () => {
    const found = sourceFiles("client").flatMap((file) =>
      apiLiteralsIn(readFileSync(join(root, file), "utf8")).map((literal) => `${file}: ${literal}`),
    );
    expect(found).toEqual([]);
  });
});
