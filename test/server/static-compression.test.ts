import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compressClient } from "../../scripts/compress-client.ts";
import { createApp } from "../../server/app.ts";
import { createTestContext, NOW, type TestContext, testConfig } from "../helpers/test-app.ts";

// The built client is about 2.4 MB of JavaScript and CSS and was sent uncompressed to every tablet.
// The build now writes Brotli and gzip copies, which the server sends to a browser that accepts them.

let t: TestContext;
let dir: string;
const script = `${"export const words = ['peer research', 'together'];\n".repeat(200)}`;
const page = `<!doctype html><title>app</title>${"<p>Alongside</p>".repeat(100)}`;

beforeEach(async () => {
  t = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), "alongside-compressed-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), page);
  writeFileSync(join(dir, "assets", "index-abc123.js"), script);
  writeFileSync(join(dir, "assets", "tiny-abc123.js"), "console.log(1);\n");
  writeFileSync(join(dir, "icon.png"), Buffer.alloc(4096, 7));
  writeFileSync(join(dir, "assets", "index-abc123.js.map"), JSON.stringify({ sources: ["x".repeat(4096)] }));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const app = () =>
  createApp({ db: t.db, config: testConfig, now: () => NOW, validators: t.validators, staticDir: dir });

describe("the built client, compressed once at build", () => {
  it("compresses text files over 1 KiB, not pictures, source maps or tiny files", async () => {
    expect(await compressClient(dir)).toBe(2);
    const listed = (await import("node:fs")).readdirSync(dir, { recursive: true }).map(String).sort();
    expect(listed.filter((f) => /\.(br|gz)$/.test(f))).toEqual([
      "assets/index-abc123.js.br",
      "assets/index-abc123.js.gz",
      "index.html.br",
      "index.html.gz",
    ]);
  });

  it("sends Brotli or gzip to a browser that accepts it, the same bytes once decoded, and plain to one that does not", async () => {
    await compressClient(dir);
    const raw = readFileSync(join(dir, "assets", "index-abc123.js"));

    const br = await app().request("/assets/index-abc123.js", {
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(br.status).toBe(200);
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(br.headers.get("content-type")).toMatch(/javascript/);
    expect(br.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brBody.length).toBeLessThan(raw.length / 10);
    expect(brotliDecompressSync(brBody).equals(raw)).toBe(true);

    const gz = await app().request("/assets/index-abc123.js", { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(raw)).toBe(true);

    const plain = await app().request("/assets/index-abc123.js");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(raw)).toBe(true);
  });

  it("sends the page compressed at a deep link too, and never a source map, compressed or not", async () => {
    await compressClient(dir);
    const deep = await app().request("/fieldwork/today", { headers: { "accept-encoding": "br" } });
    expect(deep.status).toBe(200);
    expect(deep.headers.get("content-encoding")).toBe("br");
    expect(brotliDecompressSync(Buffer.from(await deep.arrayBuffer())).toString()).toBe(page);
    expect(deep.headers.get("cache-control")).toBe("no-cache");
    const map = await app().request("/assets/index-abc123.js.map", { headers: { "accept-encoding": "br" } });
    expect(map.status).toBe(404);
  });
});
