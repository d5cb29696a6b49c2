import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { insecureCookieWarning } from "../../server/http/cookie-warning.ts";
import { defaultStaticDir } from "../../server/paths.ts";
import { createTestContext, NOW, type TestContext, testConfig } from "../helpers/test-app.ts";

// Issue 14, finding 10: production served *.js.map (about 1 MB of our source) to anyone, and nothing
// said when cookies were sent without `Secure` to a non-local address.

let t: TestContext;
let dir: string;
beforeEach(async () => {
  t = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), "alongside-static-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>app</title>");
  writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1);\n");
  writeFileSync(join(dir, "assets", "index-abc123.js.map"), '{"version":3,"sources":["secret.ts"]}');
  writeFileSync(join(dir, "sw.js.map"), '{"version":3}');
  writeFileSync(join(dir, "app.css.map"), '{"version":3}');
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

describe("source maps", () => {
  it("are never served, even when a build left them in the served folder", async () => {
    const app = createApp({
      db: t.db,
      config: testConfig,
      now: () => NOW,
      validators: t.validators,
      staticDir: dir,
    });
    expect((await app.request("/assets/index-abc123.js")).status).toBe(200);
    for (const path of [
      "/assets/index-abc123.js.map",
      "/sw.js.map",
      "/app.css.map",
      "/assets/index-abc123.js.MAP",
      "/assets/index-abc123.js.map?x=1",
      "/assets/index-abc123.js%2Emap",
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      const body = await res.text();
      expect(body, path).not.toContain("secret.ts");
      expect(body, path).not.toContain("<title>app</title>");
    }
  });

  it("are kept out of the built client: no .map file and no sourceMappingURL comment", () => {
    const files = readdirSync(defaultStaticDir, { recursive: true, encoding: "utf8" });
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => /\.map$/i.test(file))).toEqual([]);
    for (const file of files.filter((name) => /\.(js|css)$/.test(name))) {
      expect(readFileSync(join(defaultStaticDir, file), "utf8"), file).not.toMatch(/sourceMappingURL=/);
    }
  });
});

describe("the warning about cookies without Secure", () => {
  const config = (publicUrl: string, host = "127.0.0.1", secureCookies = publicUrl.startsWith("https:")) => ({
    ...testConfig,
    publicUrl,
    host,
    secureCookies,
  });

  it("is given when people reach the server over plain http at an address that is not this machine", () => {
    for (const [url, host] of [
      ["http://alongside.example.org", "0.0.0.0"],
      ["http://192.168.1.20:3000", "0.0.0.0"],
      ["http://localhost:3000", "0.0.0.0"],
      ["http://10.0.0.5:3000", "127.0.0.1"],
    ] as const) {
      const warning = insecureCookieWarning(config(url, host));
      expect(warning, `${url} ${host}`).toMatch(/Secure/);
      expect(warning).toMatch(/https/);
    }
  });

  it("is not given for https or when only this machine can reach the server", () => {
    for (const [url, host] of [
      ["https://alongside.example.org", "0.0.0.0"],
      ["http://localhost:3000", "127.0.0.1"],
      ["http://127.0.0.1:3000", "localhost"],
      ["http://[::1]:3000", "::1"],
      ["http://127.0.0.2:3000", "127.0.0.1"],
    ] as const) {
      expect(insecureCookieWarning(config(url, host)), `${url} ${host}`).toBeNull();
    }
  });

  it("is given when cookies are forced to plain with SECURE_COOKIES=false behind an https address", () => {
    expect(insecureCookieWarning(config("https://alongside.example.org", "0.0.0.0", false))).toMatch(
      /Secure/,
    );
  });
});
