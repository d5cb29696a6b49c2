import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { policy } from "../../../server/http/policy.ts";
import type { Problem } from "../../../shared/contract/problems.ts";
import type { ReleaseView } from "../../../shared/contract/releases.ts";
import { type Role, roles } from "../../../shared/contract/roles.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { cohort, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";
import { composition, json } from "./helpers.ts";

let t: TestContext;
let analyst: string;
let release: ReleaseView;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east", "west"]);
  analyst = await t.signIn("admin");
  await upload(t, analyst, [
    ...cohort("north", 0, [1, 2, 3, 4, 5, 5]),
    ...cohort("south", 0, [4, 4, 4, 5, 5, 5]),
    ...cohort("east", 0, [2, 3, 3, 4, 4, 4]),
  ]);
  release = await json<ReleaseView>(
    await t.request("/api/releases", { method: "POST", cookie: analyst, json: composition() }),
    201,
  );
});
afterEach(async () => {
  await t.close();
});

const routes = () =>
  [
    ["GET", "/api/releases", undefined],
    ["POST", "/api/releases", composition()],
    ["GET", `/api/releases/${release.id}`, undefined],
    ["PUT", `/api/releases/${release.id}`, composition()],
    ["POST", `/api/releases/${release.id}/check`, {}],
    ["POST", `/api/releases/${release.id}/signoffs`, { snapshotId: "x", note: "" }],
    [
      "POST",
      `/api/releases/${release.id}/annotations`,
      { tableId: "participation", whatItMeans: "x", whatShouldChange: "" },
    ],
    ["PUT", `/api/releases/${release.id}/participant-summary`, { text: "Hello there." }],
    ["POST", `/api/releases/${release.id}/publish`, { snapshotId: "x" }],
  ] as const;

const keyOf = (method: string, path: string) =>
  `${method} ${path.replace(release.id, ":id").replace(/\/api\/releases\/:id$/, "/api/releases/:id")}` as keyof typeof policy;

describe("who may call each release route", () => {
  it("answers 401 without a session and 403 forbidden_role to every role the policy does not list", async () => {
    for (const [method, path, body] of routes()) {
      const res = await t.request(path, { method, ...(body === undefined ? {} : { json: body }) });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    for (const role of roles) {
      const cookie = await t.signIn(role as Role, role === "admin" || role === "evaluator" ? null : "north");
      for (const [method, path, body] of routes()) {
        const allowed = policy[keyOf(method, path)] as readonly Role[];
        const res = await t.request(path, { method, cookie, ...(body === undefined ? {} : { json: body }) });
        if (allowed.includes(role)) {
          expect([200, 201, 404, 409].includes(res.status), `${role} ${method} ${path}: ${res.status}`).toBe(
            true,
          );
        } else {
          expect(res.status, `${role} ${method} ${path}`).toBe(403);
          expect(((await res.json()) as Problem).code).toBe("forbidden_role");
        }
      }
    }
  });
});

describe("bad input to the release routes", () => {
  it("refuses malformed JSON, the wrong media type, unknown fields and wrong types", async () => {
    const path = "/api/releases";
    const malformed = await t.app.request(path, {
      method: "POST",
      headers: { cookie: analyst, "content-type": "application/json" },
      body: "{not json",
    });
    expect(((await malformed.json()) as Problem).code).toBe("malformed_json");
    const text = await t.app.request(path, {
      method: "POST",
      headers: { cookie: analyst, "content-type": "text/plain" },
      body: "{}",
    });
    expect(((await text.json()) as Problem).code).toBe("unsupported_media_type");
    for (const body of [
      { ...composition(), extra: 1 },
      { ...composition(), title: "" },
      { ...composition(), title: 5 },
      { ...composition(), breakdowns: [] },
      { ...composition(), breakdowns: ["overall", "overall"] },
      // The language breakdown (issue 18) is one name, taken once; not a language, not a filter.
      { ...composition(), breakdowns: ["language", "language"] },
      { ...composition(), breakdowns: ["languages"] },
      { ...composition(), breakdowns: ["language:pl"] },
      { ...composition(), breakdowns: ["language' OR 1=1 --"] },
      { ...composition(), breakdowns: [{ language: "pl" }] },
      { ...composition(), audiences: ["everyone"] },
      { ...composition(), change: { fromWave: 2, toWave: 1 } },
      { ...composition(), outcomes: ["Not An Id"] },
      { ...composition(), narrative: "a\u0007b" },
      { ...composition(), surveyId: "../../etc" },
      null,
      [],
    ]) {
      const p = await json<Problem>(
        await t.request(path, { method: "POST", cookie: analyst, json: body }),
        400,
      );
      expect(p.code).toBe("invalid_body");
    }
    expect(await t.db.selectFrom("releases").select("id").execute()).toHaveLength(1);
  });

  it("refuses an oversized body and over-long text", async () => {
    const big = await t.request("/api/releases", {
      method: "POST",
      cookie: analyst,
      json: { ...composition(), narrative: "x".repeat(70_000) },
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as Problem).code).toBe("body_too_large");
    const long = await json<Problem>(
      await t.request("/api/releases", {
        method: "POST",
        cookie: analyst,
        json: { ...composition(), narrative: "x".repeat(4001) },
      }),
      400,
    );
    expect(long.code).toBe("invalid_body");
  });

  it("answers hostile ids and tokens with a plain 404 that echoes nothing", async () => {
    for (const id of ["' OR 1=1 --", "%00", "..%2F..%2Fetc", "x".repeat(500), "<script>"]) {
      const res = await t.request(`/api/releases/${encodeURIComponent(id)}`, { cookie: analyst });
      expect([400, 404]).toContain(res.status);
      expect(await res.text()).not.toContain("script");
    }
    const res = await t.request(
      `/api/public/releases/${encodeURIComponent("' OR public_token IS NOT NULL --")}`,
    );
    expect(res.status).toBe(404);
  });

  it("stores hostile text as text and returns it unchanged", async () => {
    const hostile = "<img src=x onerror=alert(1)> '; DROP TABLE releases; --";
    const made = await json<ReleaseView>(
      await t.request("/api/releases", {
        method: "POST",
        cookie: analyst,
        json: composition({ title: hostile, narrative: hostile }),
      }),
      201,
    );
    expect(made.title).toBe(hostile);
    expect(made.composition.narrative).toBe(hostile);
  });
});
