import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportSurveyResponse } from "../../shared/contract/import.ts";
import type { Problem } from "../../shared/contract/problems.ts";
import type { Role } from "../../shared/contract/roles.ts";
import type { SyncResponse } from "../../shared/contract/sync.ts";
import { publishedSurvey } from "../helpers/editor.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * `POST /api/editor/import` (issue 16): SurveyJS JSON in, the prepared draft and the report of what was
 * changed out, by the same shared code as the editor's import panel. Every role, malformed, oversized
 * and hostile bodies; and an imported survey with matrices and a dynamic panel published and used.
 */

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/surveys/imports", `${name}.json`), "utf8"));

function post(cookie: string | undefined, body: unknown, raw?: string, type = "application/json") {
  return t.request("/api/editor/import", {
    method: "POST",
    ...(cookie ? { cookie } : {}),
    headers: { "content-type": type },
    body: raw ?? JSON.stringify(body),
  });
}

async function problem(res: Response, status: number, code: string): Promise<Problem> {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
  const body = (await res.json()) as Problem;
  expect(body.code).toBe(code);
  return body;
}

describe("POST /api/editor/import", () => {
  it("prepares a survey with matrices and a dynamic panel, which then publishes and validates exactly", async () => {
    const cookie = await t.signIn("expert");
    const res = await post(cookie, { definition: fixture("service-review") });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as ImportSurveyResponse;
    expect(body.questionCount).toBeGreaterThan(4);
    expect(body.renames).toContainEqual({
      from: "Staff helpfulness",
      to: "staff_helpfulness",
      title: "Staff helpfulness",
      within: "service_satisfaction",
    });
    expect(body.renames).toContainEqual({
      from: "Household Members",
      to: "household_members",
      title: "Household Members",
    });
    expect(body.changes.join(" ")).toMatch(/new data name/);
    expect(JSON.stringify(body.definition)).toContain("{row.would_return} = false");

    const pages = body.definition.pages as { elements: Record<string, unknown>[] }[];
    await publishedSurvey(t, "service-review", ...(pages[0]?.elements ?? []));
    const researcher = await t.signIn("peer_researcher");
    const sync = async (data: Record<string, unknown>) => {
      const r = await t.request("/api/sync", {
        method: "POST",
        cookie: researcher,
        json: { items: [syncItem({ surveyId: "service-review", surveyVersion: 1, data })] },
      });
      expect(r.status, await r.clone().text()).toBe(200);
      return ((await r.json()) as SyncResponse).results[0];
    };
    const complete = {
      service_satisfaction: {
        support: { staff_helpfulness: 4, would_return: true },
        housing: { staff_helpfulness: 2, would_return: false, why_not: "Too far" },
      },
      visits: [{ place_name: "Library", how_long: "an hour" }],
      contact_details: { phone_number: "0123" },
      household_members: [{ member_name: "Sam", member_age: 30 }],
      followUp: "Call back",
    };
    const first = await sync(complete);
    expect(first, JSON.stringify(first)).toMatchObject({ outcome: "accepted" });
    // A required cell missing and a rating off its scale, inside the matrix: both found, with paths.
    const broken = structuredClone(complete);
    broken.service_satisfaction.support = { staff_helpfulness: 9, would_return: true };
    delete (broken.service_satisfaction.housing as Record<string, unknown>).staff_helpfulness;
    const result = await sync(broken);
    expect(result?.outcome).toBe("needs_review");
    const paths = result?.outcome === "needs_review" ? result.issues.map((i) => i.path ?? i.question) : [];
    expect(paths).toEqual(
      expect.arrayContaining([
        "service_satisfaction.support.staff_helpfulness",
        "service_satisfaction.housing.staff_helpfulness",
      ]),
    );
  });

  it("removes parts survey-core does not know, and says which", async () => {
    const cookie = await t.signIn("expert");
    const definition = { elements: [{ type: "text", name: "Your Name", madeUpSetting: 3 }] };
    const res = await post(cookie, { definition });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as ImportSurveyResponse;
    expect(JSON.stringify(body.definition)).not.toContain("madeUpSetting");
    expect(body.changes.join(" ")).toMatch(/madeUpSetting.*removed|removed.*madeUpSetting/);
    expect(body.renames).toEqual([{ from: "Your Name", to: "your_name", title: "Your Name" }]);
  });

  it("refuses only what cannot work, at its place in the JSON sent", async () => {
    const cookie = await t.signIn("expert");
    const definition = {
      pages: [
        { name: "p", elements: [{ type: "text", name: "ok" }] },
        {
          name: "q",
          elements: [
            { type: "html", name: "info", html: "<script>alert(1)</script>" },
            {
              type: "panel",
              name: "box",
              elements: [{ type: "radiogroup", name: "Pick One", choices: [1, 1] }],
            },
          ],
        },
      ],
    };
    const p = await problem(await post(cookie, { definition }), 422, "import_refused");
    expect(p.issues).toContainEqual({
      path: ["definition", "pages", 1, "elements", 1, "elements", 0],
      message: "Two choices of “pick_one” store the same value.",
    });
    expect(p.issues?.some((i) => /script/.test(i.message))).toBe(true);
    expect(JSON.stringify(p)).not.toMatch(/stack|at .*\.ts/);
  });

  it.each<Role>(["peer_researcher", "evaluator"])("refuses a %s", async (role) => {
    const cookie = await t.signIn(role);
    await problem(await post(cookie, { definition: fixture("household") }), 403, "forbidden_role");
  });

  it("refuses someone not signed in", async () => {
    await problem(await post(undefined, { definition: fixture("household") }), 401, "not_signed_in");
  });

  it.each<Role>(["expert", "coordinator", "admin"])("lets a %s import", async (role) => {
    const cookie = await t.signIn(role);
    expect((await post(cookie, { definition: fixture("household") })).status).toBe(200);
  });

  it("answers malformed, oversized and hostile bodies with a clear problem, never a 5xx", async () => {
    const cookie = await t.signIn("expert");
    await problem(await post(cookie, null, "{ not json"), 400, "malformed_json");
    await problem(await post(cookie, null, "{}", "text/plain"), 415, "unsupported_media_type");
    await problem(await post(cookie, [1, 2]), 400, "invalid_body");
    await problem(await post(cookie, { definition: "a survey" }), 400, "invalid_body");
    await problem(await post(cookie, { definition: {}, extra: 1 }), 400, "invalid_body");
    // Prototype keys, at the top and deep inside.
    await problem(
      await post(cookie, null, '{"definition":{"__proto__":{"polluted":true},"pages":[]}}'),
      400,
      "invalid_body",
    );
    await problem(
      await post(
        cookie,
        null,
        '{"definition":{"pages":[{"name":"p","elements":[{"type":"text","name":"a","constructor":{"prototype":{"x":1}}}]}]}}',
      ),
      400,
      "invalid_body",
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Nesting far beyond any survey.
    let deep: Record<string, unknown> = { type: "text", name: "q" };
    for (let i = 0; i < 200; i++) deep = { type: "panel", name: `p${i}`, elements: [deep] };
    await problem(await post(cookie, { definition: { elements: [deep] } }), 400, "invalid_body");
    // Lists holding what survey-core cannot build: the exact place.
    const nulls = await problem(
      await post(cookie, { definition: { pages: [{ name: "p", elements: [null] }] } }),
      400,
      "invalid_body",
    );
    expect(JSON.stringify(nulls.issues)).toContain("elements");
    // Oversized body, and huge strings inside the limit.
    const huge = "x".repeat(70 * 1024);
    await problem(
      await post(cookie, { definition: { elements: [{ type: "text", name: "q", title: huge }] } }),
      413,
      "body_too_large",
    );
    const longName = "N".repeat(40_000);
    const res = await post(cookie, { definition: { elements: [{ type: "text", name: longName }] } });
    expect(res.status).toBeLessThan(500);
    if (res.status === 200) {
      const body = (await res.json()) as ImportSurveyResponse;
      expect(body.renames[0]?.to.length).toBeLessThanOrEqual(64);
    }
    // Names made of signs only, and an empty survey.
    const signs = await post(cookie, {
      definition: {
        elements: [
          { type: "text", name: "?!" },
          { type: "text", name: "?!" },
        ],
      },
    });
    expect(signs.status, await signs.clone().text()).toBe(200);
    const names = ((await signs.json()) as ImportSurveyResponse).renames.map((r) => r.to);
    expect(new Set(names).size).toBe(2);
    expect((await post(cookie, { definition: {} })).status).toBe(200);
  });
});
