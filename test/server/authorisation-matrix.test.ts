import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { createSession } from "../../server/auth/sessions.repository.ts";
import { ValidatorCache } from "../../server/fieldwork/validator-cache.ts";
import { type RouteKey, refusalCode } from "../../server/http/policy.ts";
import { insertUser } from "../../server/users/users.repository.ts";
import type { Problem } from "../../shared/contract/problems.ts";
import { type Role, roles } from "../../shared/contract/roles.ts";
import { routeKey, type Who } from "../../shared/contract/route.ts";
import { declaredRoutes } from "../../shared/contract/routes.ts";
import type { SyncResponse } from "../../shared/contract/sync.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, NOW, TEST_SURVEY_ID, type TestContext, testConfig } from "../helpers/test-app.ts";

/**
 * Every API route × every role × own area / another area, walked from the app's real routes so a route
 * added later is covered without touching this file. The expectations come from the route declarations
 * (`shared/contract/*.routes.ts`), which `mount` enforces; this test proves the routes enforce exactly
 * that:
 *
 * - without a session: 401 `not_signed_in` (public routes: anything but that);
 * - a role the declaration does not list: 403 `forbidden_role`, whatever the area (or the route's own
 *   refusal, such as `exports_for_analysts_only`, where `refusals` in server/http/policy.ts says why:
 *   docs/decisions/0024);
 * - a listed role: never 401/403-role and never a 5xx (a 400 or 404 from placeholder input is fine);
 * - a user scoped to one area asking about another: `forbidden_area` where the route is known to carry
 *   an area (`samples` below), and for every route, no data from the other area in the answer. The other
 *   area holds a "canary" (an account and an interview with distinctive values) that must never appear
 *   in an answer to someone scoped elsewhere.
 */

const OWN = "north";
const OTHER = "canary-vale";
const PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000";

interface Principal {
  label: string;
  role: Role;
  areaId: string | null;
}

// Scoped principals go first: an admin's write on the canary must not hide a leak from them.
const principals: Principal[] = [
  { label: "coordinator (north)", role: "coordinator", areaId: OWN },
  { label: "peer researcher (north)", role: "peer_researcher", areaId: OWN },
  { label: "evaluator (north)", role: "evaluator", areaId: OWN },
  { label: "expert (north)", role: "expert", areaId: OWN },
  { label: "evaluator (national)", role: "evaluator", areaId: null },
  { label: "admin", role: "admin", areaId: null },
];

interface Canary {
  responseId: string;
  participantCode: string;
  email: string;
  /** The same kinds of thing in the principals' own area, for own-area requests. */
  own: { responseId: string; participantCode: string };
}

interface RequestSpec {
  path: string;
  body?: unknown;
}

/** How to call a route with realistic input; routes without an entry get `genericRequest`. */
interface Sample {
  request(area: string, canary: Canary): RequestSpec;
  /** The route reads the area from its input: another area must be refused. */
  checkOtherArea?: (res: Response) => Promise<void>;
}

const expectForbiddenArea = async (res: Response) => {
  expect(res.status).toBe(403);
  expect(((await res.json()) as Problem).code).toBe("forbidden_area");
};

const samples: Partial<Record<RouteKey, Sample>> = {
  "POST /api/sync": {
    request: (area) => ({ path: "/api/sync", body: { items: [syncItem({ areaId: area })] } }),
    // Each item has its own outcome: the batch is answered, the other area's item is refused.
    checkOtherArea: async (res) => {
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as SyncResponse;
      expect(results[0]).toMatchObject({ outcome: "rejected", problem: { code: "forbidden_area" } });
    },
  },
  "GET /api/surveys/:id/versions/:version": {
    request: () => ({ path: `/api/surveys/${TEST_SURVEY_ID}/versions/1` }),
  },
  "GET /api/devices/upload-rules/:areaId": {
    request: (area) => ({ path: `/api/devices/upload-rules/${area}` }),
    checkOtherArea: expectForbiddenArea,
  },
  "PUT /api/devices/upload-rules/:areaId": {
    request: (area) => ({ path: `/api/devices/upload-rules/${area}`, body: { enrolledTabletsOnly: false } }),
    checkOtherArea: expectForbiddenArea,
  },
  // Without a device token: a fieldworker is told the browser is not enrolled (decision 0035).
  "POST /api/devices/upload-key": { request: () => ({ path: "/api/devices/upload-key", body: {} }) },
};

/**
 * Placeholder params, chosen by the param's name or, for a bare `:id`, by the collection before it
 * (`/areas/:id` is an area, `/responses/:id` an interview, `/surveys/:id` a survey); the area also
 * goes in the query (reads) or the body (writes).
 */
function genericRequest(key: RouteKey, area: string, canary: Canary): RequestSpec {
  const [method = "GET", pattern = "/"] = key.split(" ");
  const ids = area === OTHER ? canary : canary.own;
  const path = pattern.replace(/([^/]*)\/:([A-Za-z]+)/g, (_, collection: string, name: string) => {
    const kind = name === "id" ? collection : name;
    const value = (() => {
      if (/area/i.test(kind)) return area;
      if (/code|participant/i.test(kind)) return ids.participantCode;
      if (/version|number|wave/i.test(kind)) return "1";
      if (/survey/i.test(kind)) return TEST_SURVEY_ID;
      if (/response|review/i.test(kind)) return ids.responseId;
      return PLACEHOLDER_ID;
    })();
    return `${collection}/${value}`;
  });
  if (method === "GET") return { path: `${path}?areaId=${area}` };
  return { path, body: { areaId: area } };
}

// The real routes, read from an app built the way the server builds it.
const app = createApp({
  db: undefined as never,
  config: testConfig,
  now: () => NOW,
  validators: new ValidatorCache(),
});
const routeKeys = [
  ...new Set(
    app.routes
      .filter(
        (route) => route.path.startsWith("/api/") && !route.path.endsWith("*") && route.method !== "ALL",
      )
      .map((route) => `${route.method} ${route.path}`),
  ),
].sort();
/** Who may call each route, as declared in `shared/contract/*.routes.ts` (docs/decisions/0053). */
const declared = Object.fromEntries(declaredRoutes.map((route) => [routeKey(route), route.who])) as Record<
  RouteKey,
  Who
>;
const declaredKeys = Object.keys(declared) as RouteKey[];

describe("the route declarations", () => {
  it("declare every API route", () => {
    expect(routeKeys.filter((key) => !(key in declared))).toEqual([]);
  });

  it("declare no route that is not served", () => {
    expect(declaredKeys.filter((key) => !routeKeys.includes(key))).toEqual([]);
  });

  it("opens only signing in, first setup (and asking about it) and signing out to people who are not signed in", () => {
    expect(declaredKeys.filter((key) => declared[key] === "public").sort()).toEqual([
      "GET /api/auth/setup-status",
      // A published release's unguessable public link (issue 13, docs/decisions/0022).
      "GET /api/public/releases/:token",
      "POST /api/auth/login",
      "POST /api/auth/logout",
      "POST /api/auth/setup",
      "POST /api/auth/setup-link",
      // A lost tablet's report that it deleted everything: its token is the credential (decision 0036).
      "POST /api/devices/wiped",
    ]);
  });

  it("keeps account management and the audit log away from researchers, evaluators and experts", () => {
    const sensitive = declaredKeys.filter(
      (key) => key.startsWith("GET /api/audit") || /^(POST|PUT|PATCH|DELETE) \/api\/users/.test(key),
    );
    expect(sensitive.length).toBeGreaterThan(0);
    for (const key of sensitive) {
      const rule: "public" | readonly Role[] = declared[key];
      expect(rule, key).not.toBe("public");
      for (const role of ["peer_researcher", "evaluator", "expert"] as const) {
        expect(rule.includes(role), `${key} open to ${role}`).toBe(false);
      }
    }
  });
});

describe("who sees what (docs/decisions/0024-who-sees-what.md)", () => {
  const answerRoutes: RouteKey[] = [
    "GET /api/outcomes/map",
    "GET /api/outcomes/:outcomeId",
    "GET /api/stats/response-counts",
    "GET /api/exports",
    "GET /api/exports/:surveyId/:file",
    "GET /api/review/responses",
    "GET /api/review/responses/:id",
    "POST /api/review/responses/:id/decision",
    "POST /api/review/responses/:id/comments",
  ];

  it("opens participants' answers and live figures to trusted analysts (admin, evaluator) only", () => {
    for (const key of answerRoutes) expect([key, declared[key]]).toEqual([key, ["admin", "evaluator"]]);
  });

  it("tells everyone else why, and points to releases where figures are shared", () => {
    for (const key of answerRoutes) expect(refusalCode(key), key).not.toBe("forbidden_role");
  });
});

describe.each(routeKeys.filter((key): key is RouteKey => key in declared))("%s", (key) => {
  let t: TestContext;
  let canary: Canary;
  beforeEach(async () => {
    t = await createTestContext();
    canary = await seedCanary(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const rule: "public" | readonly Role[] = declared[key];
  const [method = "GET"] = key.split(" ");
  const allowed = (role: Role) => rule === "public" || rule.includes(role);

  async function call(spec: RequestSpec, cookie?: string): Promise<Response> {
    return t.request(spec.path, {
      method,
      ...(cookie ? { cookie } : {}),
      ...(spec.body !== undefined ? { json: spec.body } : {}),
    });
  }

  it(rule === "public"
    ? "is open without a session"
    : `answers 401 without a session, lets ${rule.join(", ")} through and refuses ${roles.filter((r) => !rule.includes(r)).join(", ") || "no one"}`, async () => {
    const sample = samples[key];
    const specFor = (area: string) =>
      sample ? sample.request(area, canary) : genericRequest(key, area, canary);

    const anonymous = await call(specFor(OWN));
    const anonymousProblem = await problemOf(anonymous);
    if (rule === "public") {
      expect(anonymousProblem?.code, "public route").not.toBe("not_signed_in");
      expect(anonymous.status).toBeLessThan(500);
    } else {
      expect(anonymous.status, "without a session").toBe(401);
      expect(anonymousProblem?.code).toBe("not_signed_in");
    }

    for (const principal of principals) {
      const user = await insertUser(
        t.db,
        {
          email: `${randomUUID()}@example.org`,
          displayName: principal.label,
          role: principal.role,
          areaId: principal.areaId,
          passwordHash: null,
        },
        NOW,
      );
      const variants: { label: string; spec: RequestSpec; other: boolean }[] = [
        { label: "own area", spec: specFor(OWN), other: false },
        { label: "other area", spec: specFor(OTHER), other: true },
      ];
      if (method === "GET") {
        const bare = specFor(OWN).path.split("?")[0] ?? "";
        variants.push({ label: "no area given", spec: { path: bare }, other: false });
      }
      for (const variant of variants) {
        const where = `${principal.label}, ${variant.label}`;
        // A fresh session for every request: some routes (sign out, sign out everywhere) end it.
        const res = await call(variant.spec, await sessionCookie(t, user.id));
        const text = await res.clone().text();
        const problem = await problemOf(res);
        expect(res.status, `${where}: ${text}`).toBeLessThan(500);
        if (!allowed(principal.role)) {
          expect(res.status, where).toBe(403);
          expect(problem?.code, where).toBe(refusalCode(key));
          continue;
        }
        expect(problem?.code, `${where}: ${text}`).not.toBe("not_signed_in");
        expect(problem?.code, `${where}: ${text}`).not.toBe("forbidden_role");
        const scoped = principal.areaId !== null;
        if (!scoped || !variant.other) {
          expect(problem?.code, `${where}: ${text}`).not.toBe("forbidden_area");
        } else if (sample?.checkOtherArea) {
          await sample.checkOtherArea(res.clone());
        }
        if (scoped && problem?.code !== "forbidden_area") {
          expectNoCanary(text, JSON.stringify(variant.spec), canary, where);
        }
      }
    }
  }, 60_000);
});

async function sessionCookie(t: TestContext, userId: string): Promise<string> {
  const { token } = await createSession(t.db, userId, NOW, 1);
  return `alongside_session=${token}`;
}

async function problemOf(res: Response): Promise<Problem | undefined> {
  if (!(res.headers.get("content-type") ?? "").includes("problem+json")) return undefined;
  return (await res.clone().json()) as Problem;
}

/** Nothing identifying the other area's data may come back, except what the request itself named. */
function expectNoCanary(answer: string, request: string, canary: Canary, where: string): void {
  for (const value of [OTHER, canary.responseId, canary.participantCode, canary.email]) {
    if (request.includes(value)) continue;
    expect(answer.includes(value), `${where}: the answer shows "${value}" from another area`).toBe(false);
  }
}

/** The other area, an account in it, and an interview from it; and an interview in our own area. */
async function seedCanary(t: TestContext): Promise<Canary> {
  await t.db
    .insertInto("areas")
    .values({ id: OTHER, name: "Canary Vale", region: "Nowhere", created_at: NOW.toISOString() })
    .execute();
  const email = "canary-person@canary-vale.example";
  await insertUser(
    t.db,
    { email, displayName: "Canary Person", role: "coordinator", areaId: OTHER, passwordHash: null },
    NOW,
  );
  const admin = await insertUser(
    t.db,
    {
      email: "canary-admin@example.org",
      displayName: "Admin",
      role: "admin",
      areaId: null,
      passwordHash: null,
    },
    NOW,
  );
  const otherItem = syncItem({ areaId: OTHER });
  const ownItem = syncItem({ areaId: OWN });
  const res = await t.request("/api/sync", {
    method: "POST",
    cookie: await sessionCookie(t, admin.id),
    json: { items: [otherItem, ownItem] },
  });
  const { results } = (await res.json()) as SyncResponse;
  expect(results.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
  return {
    responseId: otherItem.id,
    participantCode: otherItem.participantCode,
    email,
    own: { responseId: ownItem.id, participantCode: ownItem.participantCode },
  };
}
