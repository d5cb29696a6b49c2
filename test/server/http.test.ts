import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, TEST_PASSWORD, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

describe("HTTP boundary", () => {
  it("answers unknown API paths with a problem, not HTML", async () => {
    const res = await t.request("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "not_found", type: "/problems/not_found" });
  });

  it("sends a strict content security policy and no-store on API answers", async () => {
    const res = await t.request("/api/auth/me");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a write from another site even with a valid session", async () => {
    const cookie = await t.signIn("admin");
    const area = { id: "east", name: "Eastfield", region: "East" };
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example", host: "localhost" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of crossSite) {
      const res = await t.request("/api/areas", { method: "POST", cookie, json: area, headers });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "cross_site_request" });
    }
    const same = await t.request("/api/areas", {
      method: "POST",
      cookie,
      json: area,
      headers: { origin: "http://localhost", host: "localhost", "sec-fetch-site": "same-origin" },
    });
    expect(same.status).toBe(201);
  });

  it("refuses an oversized body on ordinary routes", async () => {
    const res = await t.request("/api/auth/login", {
      method: "POST",
      json: { email: "a@example.org", password: TEST_PASSWORD, padding: "x".repeat(200_000) },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "body_too_large" });
  });

  it("hides internals when something unexpected fails", async () => {
    const cookie = await t.signIn("evaluator");
    // PostgreSQL refuses to drop a table others reference unless told to cascade; SQLite has no CASCADE.
    await t.db.schema
      .dropTable("responses")
      .$call((q) => (t.dialect === "postgres" ? q.cascade() : q))
      .execute();
    const res = await t.request("/api/stats/response-counts", { cookie });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ code: "internal" });
    expect(body).not.toMatch(/responses|sqlite|SELECT|at /i);
  });
});
