import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { definitionWith, editorAs, sayQuestion } from "../helpers/editor.ts";
import { createTestContext, TEST_SURVEY_ID, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

/** Every editor endpoint that takes a body, with a valid body for it. */
function bodyEndpoints(suggestionId: string): [string, string, Record<string, unknown>][] {
  const s = "/api/editor/surveys/having-a-say";
  return [
    ["POST", "/api/editor/surveys", { id: "another", title: "Another" }],
    ["POST", "/api/editor/check", { definition: definitionWith(sayQuestion) }],
    [
      "PUT",
      `${s}/draft`,
      { revision: 2, title: "T", description: "", definition: definitionWith(sayQuestion) },
    ],
    ["POST", `${s}/comments`, { question: "say", body: "A comment" }],
    ["POST", `${s}/suggestions`, { question: "say", field: "title", proposed: "Something else" }],
    ["POST", `${s}/status`, { status: "in_review", revision: 2 }],
    ["POST", `${s}/signoffs`, { revision: 2 }],
    ["POST", `${s}/publish`, { revision: 2 }],
    ["POST", `${s}/suggestions/${suggestionId}/accept`, {}],
  ];
}

async function setUp() {
  const expert = await editorAs(t, "expert");
  const coordinator = await editorAs(t, "coordinator");
  await expert.create("having-a-say");
  await expert.saveOk("having-a-say", 1, definitionWith(sayQuestion));
  return { expert, coordinator };
}

describe("bad, oversized and hostile input to the editor", () => {
  it("answers malformed JSON, a wrong media type and an oversized body with distinct problems", async () => {
    const { expert, coordinator } = await setUp();
    for (const [method, path] of bodyEndpoints("00000000-0000-4000-8000-000000000000")) {
      // Sign-off is for experts; publishing for coordinators; either may do the rest.
      const caller = path.endsWith("/signoffs") ? expert : coordinator;
      const malformed = await t.request(path, {
        method,
        cookie: caller.cookie,
        headers: { "content-type": "application/json" },
        body: "{not json",
      });
      // accept/decline read no body; everything else must refuse it.
      if (!path.endsWith("/accept")) {
        expect(malformed.status, `${method} ${path}`).toBe(400);
        expect(await malformed.json()).toMatchObject({ code: "malformed_json" });
        const text = await t.request(path, {
          method,
          cookie: caller.cookie,
          headers: { "content-type": "text/plain" },
          body: "{}",
        });
        expect(text.status, `${method} ${path}`).toBe(415);
      }
      const huge = await t.request(path, {
        method,
        cookie: caller.cookie,
        json: { padding: "x".repeat(70 * 1024) },
      });
      expect(huge.status, `${method} ${path}`).toBe(413);
      expect(await huge.json()).toMatchObject({ code: "body_too_large" });
    }
  });

  it("refuses bodies of the wrong shape, with the field that is wrong", async () => {
    const { expert, coordinator } = await setUp();
    const cases: [string, string, unknown][] = [
      ["POST", "/api/editor/surveys", { id: "Bad Id!", title: "X" }],
      ["POST", "/api/editor/surveys", { id: "ok", title: "" }],
      ["POST", "/api/editor/surveys", { id: "ok", title: "X", extra: true }],
      ["POST", "/api/editor/check", { definition: [] }],
      ["POST", "/api/editor/check", { definition: "survey" }],
      [
        "PUT",
        "/api/editor/surveys/having-a-say/draft",
        { revision: -1, title: "T", description: "", definition: {} },
      ],
      [
        "PUT",
        "/api/editor/surveys/having-a-say/draft",
        { revision: 2.5, title: "T", description: "", definition: {} },
      ],
      [
        "PUT",
        "/api/editor/surveys/having-a-say/draft",
        { revision: 2, title: "T", description: "", definition: {}, confirmDataNameChanges: "say" },
      ],
      ["POST", "/api/editor/surveys/having-a-say/comments", { question: "say", body: "   " }],
      ["POST", "/api/editor/surveys/having-a-say/comments", { question: "say", body: "x".repeat(4001) }],
      [
        "POST",
        "/api/editor/surveys/having-a-say/suggestions",
        { question: "say", field: "name", proposed: "x" },
      ],
      [
        "POST",
        "/api/editor/surveys/having-a-say/suggestions",
        { question: "say", field: "title", proposed: sayQuestion.title },
      ],
      ["POST", "/api/editor/surveys/having-a-say/status", { status: "published", revision: 2 }],
      ["POST", "/api/editor/surveys/having-a-say/publish", { revision: 2, reason: "short" }],
      ["POST", "/api/editor/surveys/having-a-say/publish", { revision: "2" }],
    ];
    for (const [method, path, json] of cases) {
      const res = await (path.endsWith("/publish") ? coordinator : expert).request(
        method,
        path.replace("/api/editor", ""),
        json,
      );
      expect(res.status, `${method} ${path} ${JSON.stringify(json).slice(0, 80)}`).toBe(400);
      const problem = await res.json();
      expect(problem.code).toBe("invalid_body");
      expect(problem.issues.length).toBeGreaterThan(0);
    }
  });

  it("refuses survey JSON that nests absurdly deep or carries prototype-polluting keys", async () => {
    const { expert } = await setUp();
    let deep: Record<string, unknown> = { type: "html", name: "x" };
    for (let i = 0; i < 40; i += 1) deep = { elements: [deep] };
    const polluted = JSON.parse(
      '{"pages":[{"name":"p","elements":[{"type":"comment","name":"a","__proto__":{"isAdmin":true}}]}]}',
    );
    for (const definition of [deep, polluted]) {
      for (const [method, path, body] of [
        ["POST", "/check", { definition }],
        ["PUT", "/surveys/having-a-say/draft", { revision: 2, title: "T", description: "", definition }],
      ] as const) {
        const res = await expert.request(method, path, body);
        expect(res.status, path).toBe(400);
        expect(await res.json()).toMatchObject({ code: "invalid_body" });
      }
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("answers not found for hostile or unknown ids in the path, without reaching a query", async () => {
    const { expert } = await setUp();
    for (const id of ["..%2F..%2Fetc", "x".repeat(300), "Robert');DROP TABLE surveys;--", "nope"]) {
      const res = await expert.request("GET", `/surveys/${id}/draft`);
      expect(res.status, id).toBe(404);
      expect(await res.json()).toMatchObject({ code: "survey_not_found" });
    }
    for (const sid of ["1", "not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const res = await expert.request("POST", `/surveys/having-a-say/suggestions/${sid}/decline`);
      expect(res.status, sid).toBe(404);
      expect(await res.json()).toMatchObject({ code: "suggestion_not_found" });
    }
    const missingQuestion = await expert.request("POST", "/surveys/having-a-say/suggestions", {
      question: "nope",
      field: "title",
      proposed: "x",
    });
    expect(missingQuestion.status).toBe(404);
    expect((await expert.request("GET", "/surveys/having-a-say/export?version=abc")).status).toBe(400);
    expect((await expert.request("GET", `/surveys/${TEST_SURVEY_ID}/export?version=7`)).status).toBe(404);
  });

  it("answers a malformed query with a 400 problem naming the parameter, before reading the body", async () => {
    const { expert } = await setUp();
    const diff = await expert.request("GET", "/surveys/having-a-say/diff?from=1&to=v2");
    expect(diff.status).toBe(400);
    expect(await diff.json()).toMatchObject({ code: "invalid_query", issues: [{ path: ["to"] }] });
    const save = await expert.request("PUT", "/surveys/having-a-say/draft?source=elsewhere", {});
    expect(save.status).toBe(400);
    expect(await save.json()).toMatchObject({ code: "invalid_query", issues: [{ path: ["source"] }] });
  });

  it("refuses a write from another site", async () => {
    const { expert } = await setUp();
    const res = await t.request("/api/editor/surveys/having-a-say/comments", {
      method: "POST",
      cookie: expert.cookie,
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      json: { question: "say", body: "hi" },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "cross_site_request" });
  });

  it("stores a hostile comment as text, to be shown as text", async () => {
    const { expert } = await setUp();
    const body = `<script>alert("x")</script>'; DROP TABLE survey_comments; --`;
    const res = await expert.request("POST", "/surveys/having-a-say/comments", { question: "say", body });
    expect(res.status).toBe(201);
    const view = await expert.view("having-a-say");
    expect(view.comments[0]?.body).toBe(body);
  });
});
