import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const sharedDir = join(import.meta.dirname, "../../shared");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

describe("shared/", () => {
  it("imports nothing from the server, the client or Node, so it runs in both places", () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(sharedDir)) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        const spec = match[1] ?? "";
        if (
          spec.startsWith("node:") ||
          /(^|\/)(server|client)\//.test(spec) ||
          /^(fs|path|crypto|os)$/.test(spec)
        ) {
          offenders.push(`${relative(sharedDir, file)} imports ${spec}`);
        }
      }
      if (/process\.env/.test(text)) offenders.push(`${relative(sharedDir, file)} reads process.env`);
    }
    expect(offenders).toEqual([]);
  });
});
