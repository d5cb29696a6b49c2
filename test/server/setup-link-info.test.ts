import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { firstAdminSetupLink } from "../../server/auth/bootstrap-admin.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

// What the sign-in and setup pages ask before showing a form: whether the installation still waits
// for its first administrator, and what a one-time link is for (and whether it still works).

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const tokenOf = (link: string) => new URLSearchParams(link.split("#")[1]).get("token") ?? "";

async function linkInfo(token: unknown) {
  return t.request("/api/auth/setup-link", { method: "POST", json: { token } });
}

async function invite(cookie: string, email: string) {
  const res = await t.request("/api/invitations", {
    method: "POST",
    cookie,
    json: { email, displayName: "Sam Okafor", role: "peer_researcher", areaId: "north" },
  });
  expect(res.status).toBe(201);
  const { setupPath } = (await res.json()) as { setupPath: string };
  return tokenOf(setupPath);
}

describe("GET /api/auth/setup-status", () => {
  it("says setup is pending until an administrator has a password, without a session", async () => {
    await firstAdminSetupLink(t.db, "http://localhost", new Date());
    const before = await t.request("/api/auth/setup-status");
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ setupPending: true });
    await t.signIn("admin");
    expect(await (await t.request("/api/auth/setup-status")).json()).toEqual({ setupPending: false });
  });
});

describe("POST /api/auth/setup-link", () => {
  it("greets an invited person by name with their role and area, and uses nothing up", async () => {
    const cookie = await t.signIn("coordinator", "north");
    const token = await invite(cookie, "sam@example.org");
    const area = await t.db
      .selectFrom("areas")
      .select("name")
      .where("id", "=", "north")
      .executeTakeFirstOrThrow();
    for (const _ of [1, 2]) {
      const res = await linkInfo(token);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        purpose: "invitation",
        displayName: "Sam Okafor",
        role: "peer_researcher",
        areaName: area.name,
      });
    }
  });

  it("tells the first administrator's link from an invitation and a reset", async () => {
    const link = await firstAdminSetupLink(t.db, "http://localhost", new Date());
    const res = await linkInfo(tokenOf(link ?? ""));
    expect(await res.json()).toMatchObject({ purpose: "first_admin", role: "admin", areaName: null });

    const admin = await t.signIn("admin");
    await t.signIn("evaluator");
    const evaluator = await t.db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "evaluator")
      .executeTakeFirstOrThrow();
    const reset = await t.request(`/api/users/${evaluator.id}/reset-link`, { method: "POST", cookie: admin });
    expect(reset.status).toBe(201);
    const { setupPath } = (await reset.json()) as { setupPath: string };
    expect(await (await linkInfo(tokenOf(setupPath))).json()).toMatchObject({
      purpose: "reset",
      role: "evaluator",
    });
  });

  it("refuses a used link with the same plain problem as an unknown one", async () => {
    const cookie = await t.signIn("coordinator", "north");
    const token = await invite(cookie, "used@example.org");
    const setup = await t.request("/api/auth/setup", {
      method: "POST",
      json: { token, password: "a long and unusual passphrase 42" },
    });
    expect(setup.status).toBe(200);
    const used = await linkInfo(token);
    const unknown = await linkInfo("x".repeat(43));
    expect(used.status).toBe(400);
    expect(used.headers.get("content-type")).toContain("application/problem+json");
    const problem = await used.json();
    expect(problem).toMatchObject({ code: "setup_token_invalid" });
    expect(await unknown.json()).toEqual(problem);
  });

  it("refuses malformed, oversized and hostile bodies without a server error", async () => {
    for (const token of [
      undefined,
      42,
      "",
      "short",
      "t".repeat(257),
      "'; DROP TABLE users; --xxxxxxxx",
      {},
    ]) {
      const res = await linkInfo(token);
      expect(res.status, String(token)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const extra = await t.request("/api/auth/setup-link", {
      method: "POST",
      json: { token: "x".repeat(43), password: "sneaky" },
    });
    expect(extra.status).toBe(400);
    const huge = await t.request("/api/auth/setup-link", {
      method: "POST",
      json: { token: "x".repeat(43), pad: "y".repeat(2_000_000) },
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const notJson = await t.request("/api/auth/setup-link", {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
  });
});
