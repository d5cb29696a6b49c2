import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import type { AppEnv } from "../../server/http/app-env.ts";
import { policy, type RouteKey } from "../../server/http/policy.ts";
import { defaultStaticDir } from "../../server/paths.ts";
import { createTestContext, NOW, type TestContext, testConfig } from "../helpers/test-app.ts";

/**
 * The headers the built app is served with, checked on the real `dist/client` (run `npm run build`
 * first; `npm test` does), and the same-origin rule for cookie-authenticated writes.
 */

let t: TestContext;
let app: Hono<AppEnv>;
beforeEach(async () => {
  if (!existsSync(join(defaultStaticDir, "index.html"))) {
    throw new Error(`No built client in ${defaultStaticDir}: run \`npm run build\` first.`);
  }
  t = await createTestContext();
  app = createApp({
    db: t.db,
    config: testConfig,
    now: () => NOW,
    validators: t.validators,
    staticDir: defaultStaticDir,
  });
});
afterEach(async () => {
  await t.close();
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = "", ...values]) => [name, values]),
  );
}

describe("the served app", () => {
  it("serves its HTML under a strict content security policy with no inline script allowed", async () => {
    for (const path of ["/", "/admin", "/fieldwork/interview/123", "/audit"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
      const csp = directives(res.headers.get("content-security-policy") ?? "");
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'none'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("form-action")).toEqual(["'self'"]);
      expect(csp.get("connect-src")).toEqual(["'self'"]);
      expect(csp.get("style-src-elem")).toEqual(["'self'"]);
      for (const [name, values] of csp) {
        expect(values, name).not.toContain("*");
        expect(values, name).not.toContain("'unsafe-eval'");
        expect(
          values.some((v) => /^https?:$|^http:/.test(v)),
          name,
        ).toBe(false);
        // Style attributes only (SurveyJS sets them); style-src carries it for browsers without -attr.
        if (name !== "style-src" && name !== "style-src-attr")
          expect(values, name).not.toContain("'unsafe-inline'");
      }
    }
  });

  it("has no inline script, inline event handler or javascript: URL in the built HTML", async () => {
    const html = await (await app.request("/")).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = "", body = ""] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
      expect(body.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/http-equiv/i);
    for (const name of readdirSync(defaultStaticDir).filter((file) => file.endsWith(".html"))) {
      const other = readFileSync(join(defaultStaticDir, name), "utf8");
      expect(other, name).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    }
  });

  it("sends the other protective headers with pages, assets and API answers alike", async () => {
    const html = await (await app.request("/")).text();
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1] ?? "";
    for (const path of [
      "/",
      asset,
      "/api/auth/me",
      "/api/nothing",
      "/r/some-public-link",
      "/api/public/releases/x",
    ]) {
      const res = await app.request(path);
      const h = res.headers;
      // A public link is for the people it is shared with, not for search engines.
      expect(h.get("x-robots-tag"), path).toBe("noindex, nofollow");
      expect(h.get("content-security-policy"), path).toContain("script-src 'self'");
      expect(h.get("x-content-type-options"), path).toBe("nosniff");
      expect(h.get("x-frame-options"), path).toBe("DENY");
      expect(h.get("referrer-policy"), path).toBe("no-referrer");
      expect(h.get("cross-origin-opener-policy"), path).toBe("same-origin");
      expect(h.get("cross-origin-resource-policy"), path).toBe("same-origin");
      expect(h.get("permissions-policy"), path).toMatch(/camera=\(\)/);
      expect(h.get("strict-transport-security"), path).toMatch(/max-age=\d+/);
      expect(h.get("x-powered-by"), path).toBeNull();
    }
    expect((await app.request(asset)).headers.get("content-type")).toMatch(/javascript/);
    expect(await (await app.request("/robots.txt")).text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  });

  it("answers an unknown API path with a problem, not the app's HTML", async () => {
    const res = await app.request("/api/not-a-route");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("caches hashed files for a year, asks again for the page, worker and manifest, and 404s a missing asset", async () => {
    const asset = readdirSync(join(defaultStaticDir, "assets")).find((file) => file.endsWith(".js"));
    const workbox = readdirSync(defaultStaticDir).find((file) => /^workbox-.*\.js$/.test(file));
    expect(asset && workbox).toBeTruthy();
    const policies: Record<string, string | null> = {};
    for (const path of [`/assets/${asset}`, `/${workbox}`, "/", "/index.html", "/fieldwork/deep", "/sw.js"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      policies[path] = res.headers.get("cache-control");
    }
    expect(policies).toEqual({
      [`/assets/${asset}`]: "public, max-age=31536000, immutable",
      [`/${workbox}`]: "public, max-age=31536000, immutable",
      "/": "no-cache",
      "/index.html": "no-cache",
      "/fieldwork/deep": "no-cache",
      "/sw.js": "no-cache",
    });
    expect((await app.request("/manifest.webmanifest")).headers.get("cache-control")).toBe("no-cache");
    const missing = await app.request("/assets/not-a-file.js");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control") ?? "").not.toContain("immutable");
  });
});

describe("cookie-authenticated writes from another site", () => {
  const writeKeys = (Object.keys(policy) as RouteKey[]).filter((key) => !key.startsWith("GET "));
  const path = (key: RouteKey) => (key.split(" ")[1] ?? "/").replace(/:[A-Za-z]+/g, "x");

  it("are refused on every write route before anything else runs", async () => {
    const admin = await t.signIn("admin");
    const hostile: Record<string, string>[] = [
      { origin: "https://evil.example", host: "localhost" },
      { origin: "null", host: "localhost" },
      { origin: "http://localhost:8080", host: "localhost" },
      { origin: "not a url", host: "localhost" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const key of writeKeys) {
      for (const headers of hostile) {
        for (const cookie of [admin, undefined]) {
          const res = await t.request(path(key), {
            method: key.split(" ")[0],
            ...(cookie ? { cookie } : {}),
            json: {},
            headers,
          });
          const where = `${key} ${JSON.stringify(headers)}`;
          expect(res.status, where).toBe(403);
          expect(await res.json(), where).toMatchObject({ code: "cross_site_request" });
        }
      }
    }
    // Still signed in: nothing ran.
    expect((await t.request("/api/auth/me", { cookie: admin })).status).toBe(200);
  });

  it("are taken from our own pages, from a typed address and from clients that send no Origin", async () => {
    const admin = await t.signIn("admin");
    const fine: Record<string, string>[] = [
      { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin" },
      { "sec-fetch-site": "none" },
      {},
    ];
    for (const [i, headers] of fine.entries()) {
      const res = await t.request("/api/areas", {
        method: "POST",
        cookie: admin,
        json: { id: `area-${i}`, name: "A", region: "R" },
        headers,
      });
      expect(res.status, JSON.stringify(headers)).toBe(201);
    }
  });

  it("still lets another site read nothing but also break nothing with a GET", async () => {
    const admin = await t.signIn("admin");
    const res = await t.request("/api/auth/me", {
      cookie: admin,
      headers: { "sec-fetch-site": "cross-site" },
    });
    // Reads are not refused by origin (the cookie is SameSite=Strict, so a cross-site read has no session).
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("cannot be sent as a form, which is all a cross-site page could send without CORS", async () => {
    const admin = await t.signIn("admin");
    for (const type of [
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "text/plain",
    ]) {
      const res = await t.request("/api/areas", {
        method: "POST",
        cookie: admin,
        body: "id=evil&name=E&region=E",
        headers: { "content-type": type },
      });
      expect(res.status, type).toBe(415);
    }
  });
});
