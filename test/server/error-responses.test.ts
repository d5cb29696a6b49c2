import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../server/app.ts";
import { policy, type RouteKey } from "../../server/http/policy.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { addUser, sessionFor } from "../helpers/security.ts";
import { syncItem } from "../helpers/sync-items.ts";
import {
  createTestContext,
  NOW,
  TEST_PASSWORD,
  TEST_SURVEY_ID,
  type TestContext,
  testConfig,
} from "../helpers/test-app.ts";

/**
 * When the database fails in the middle of a request, the caller learns that something went wrong on
 * our side and nothing else: no SQL, no table names, no driver messages, no file paths, no stack. The
 * failure is injected into every query except the session lookup, so each route meets it inside its
 * own code, where a careless `catch (e) { detail: e.message }` would leak it.
 */

const SECRET = "SQLITE_ERROR: no such column: secret_column in SELECT password_hash FROM users WHERE";
const STACK = "at Object.run (/work/main/server/secret/file.ts:12:34)";

class FailingDatabase implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // The session lookup (and its touch) still works, so the request gets past sign-in.
    if (JSON.stringify(args).includes('"name":"sessions"')) return args.result;
    const error = new Error(SECRET);
    error.stack = `Error: ${SECRET}\n    ${STACK}`;
    throw error;
  }
}

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

function bodyFor(key: RouteKey): unknown {
  switch (key) {
    case "POST /api/auth/login":
      return { email: "sam@example.org", password: TEST_PASSWORD };
    case "POST /api/auth/setup":
      return { token: "x".repeat(43), password: TEST_PASSWORD };
    case "PUT /api/users/:id/role":
      return { role: "coordinator", areaId: "north" };
    case "POST /api/areas":
      return { id: "east", name: "Eastfield", region: "East" };
    case "POST /api/sync":
      return { items: [syncItem()] };
    default:
      return {};
  }
}

describe("a failure inside any route", () => {
  it("answers a bare problem that leaks no SQL, driver message, path or stack", async () => {
    const failing = createApp({
      db: t.db.withPlugin(new FailingDatabase()),
      config: testConfig,
      now: () => NOW,
      validators: t.validators,
    });
    const users: Partial<Record<Role, string>> = {};
    let failures = 0;
    for (const key of Object.keys(policy) as RouteKey[]) {
      const rule: "public" | readonly Role[] = policy[key];
      const role: Role = rule === "public" || rule.includes("admin") ? "admin" : (rule[0] ?? "admin");
      users[role] ??= (await addUser(t, `${role}@example.org`, role)).id;
      const [method = "GET", pattern = "/"] = key.split(" ");
      const path = pattern
        .replace(
          /:surveyId|:id(?=\/versions|\/draft|\/export|\/comments|\/suggestions|\/status|\/signoffs|\/publish|\/diff)/g,
          TEST_SURVEY_ID,
        )
        .replace(/:version/g, "1")
        .replace(/:[A-Za-z]+/g, "00000000-0000-4000-8000-000000000000");
      const body = method === "GET" ? undefined : bodyFor(key);
      const res = await failing.request(path, {
        method,
        headers: {
          cookie: await sessionFor(t, users[role] ?? ""),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      expect(text, key).not.toContain("secret_column");
      expect(text, key).not.toMatch(/SQLITE|SELECT|password_hash|\/work\/|\.ts:\d|\bat Object\b/);
      if (res.status >= 500) {
        failures += 1;
        expect(res.headers.get("content-type"), key).toBe("application/problem+json");
        expect(JSON.parse(text), key).toEqual({
          type: "/problems/internal",
          title: "Something went wrong on our side. Nothing you sent was lost.",
          status: 500,
          code: "internal",
        });
      }
    }
    // Most routes reach the database with these inputs; the check above is not vacuous.
    expect(failures).toBeGreaterThan(Object.keys(policy).length / 2);
    expect(console.error).toHaveBeenCalled();
  });

  it("does not echo a hostile body back in a shape error beyond the field paths", async () => {
    const admin = await sessionFor(t, (await addUser(t, "admin@example.org", "admin")).id);
    const res = await t.request("/api/areas", {
      method: "POST",
      cookie: admin,
      json: { id: "<script>alert(1)</script>", name: "x", region: "y" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.text()).not.toContain("<script>");
  });
});

describe("the NUL character", () => {
  it("is refused in any body text or key, and anywhere in the address, before a query can choke on it", async () => {
    const admin = await sessionFor(t, (await addUser(t, "admin@example.org", "admin")).id);
    const bodies: [string, unknown, (string | number)[]][] = [
      ["/api/areas", { id: "east", name: "East\u0000field", region: "E" }, ["name"]],
      ["/api/areas", { id: "east", "na\u0000me": "x", region: "E" }, ["na\u0000me"]],
      ["/api/sync", { deviceId: "tab\u0000let", items: [syncItem()] }, ["deviceId"]],
      [
        "/api/sync",
        { items: [syncItem({ data: { note: ["ok", "bad\u0000"] } })] },
        ["items", 0, "data", "note", 1],
      ],
    ];
    for (const [path, json, at] of bodies) {
      const res = await t.request(path, { method: "POST", cookie: admin, json });
      expect(res.status, path).toBe(400);
      const problem = (await res.json()) as { code: string; issues: { path: (string | number)[] }[] };
      expect(problem.code).toBe("invalid_body");
      expect(problem.issues[0]?.path).toEqual(at);
    }
    for (const path of ["/api/users/%00/disable", "/api/audit?q=%00", "/api/users?x=a%00b"]) {
      const method = path.includes("disable") ? "POST" : "GET";
      const res = await t.request(path, { method, cookie: admin });
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid_query" });
    }
    const rows = await t.db.selectFrom("areas").select("id").where("id", "=", "east").execute();
    expect(rows).toEqual([]);
  });

  it("finds it at the bottom of a very deep body quickly and reports a short path", async () => {
    const researcher = await sessionFor(t, (await addUser(t, "r@example.org", "peer_researcher")).id);
    const depth = 200_000;
    const body = `{"items":[{"data":{"x":${"[".repeat(depth)}"\\u0000"${"]".repeat(depth)}}}]}`;
    const res = await t.request("/api/sync", {
      method: "POST",
      cookie: researcher,
      headers: { "content-type": "application/json" },
      body,
    });
    const problem = (await res.json()) as { issues: { path: unknown[] }[] };
    expect(res.status, JSON.stringify(problem).slice(0, 300)).toBe(400);
    expect(problem, JSON.stringify(problem).slice(0, 300)).toHaveProperty("issues");
    expect(problem.issues[0]?.path).toHaveLength(20);
    expect(problem.issues[0]?.path.slice(0, 5)).toEqual(["items", 0, "data", "x", 0]);
  });
});
