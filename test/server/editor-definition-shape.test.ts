import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Problem } from "../../shared/contract/problems.ts";
import { definitionWith, editorAs, sayQuestion } from "../helpers/editor.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * Issue 14, finding 8: a definition whose lists hold `null` (or other non-objects where survey-core
 * expects objects) reached survey-core and came back as a 500. Every malformed definition is a 400
 * `invalid_body` naming the exact place of the problem.
 */

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const cases: [string, Record<string, unknown>, (string | number)[]][] = [
  ["a null page", { pages: [null] }, ["definition", "pages", 0]],
  ["a page that is a number", { pages: [3] }, ["definition", "pages", 0]],
  ["pages that are not a list", { pages: { a: 1 } }, ["definition", "pages"]],
  ["a null element", { pages: [{ name: "p", elements: [null] }] }, ["definition", "pages", 0, "elements", 0]],
  [
    "a null top-level element",
    { elements: [{ type: "text", name: "a" }, null] },
    ["definition", "elements", 1],
  ],
  ["a null legacy question", { questions: [null] }, ["definition", "questions", 0]],
  [
    "a null choice",
    { elements: [{ type: "radiogroup", name: "a", choices: ["x", null] }] },
    ["definition", "elements", 0, "choices", 1],
  ],
  [
    "a null element inside a panel",
    { elements: [{ type: "panel", name: "p", elements: [null] }] },
    ["definition", "elements", 0, "elements", 0],
  ],
  [
    "a null matrix row",
    { elements: [{ type: "matrix", name: "m", rows: [null], columns: ["a"] }] },
    ["definition", "elements", 0, "rows", 0],
  ],
  [
    "a null matrix column",
    { elements: [{ type: "matrixdropdown", name: "m", rows: ["a"], columns: [null] }] },
    ["definition", "elements", 0, "columns", 0],
  ],
  [
    "a null dynamic panel template element",
    { elements: [{ type: "paneldynamic", name: "d", templateElements: [null] }] },
    ["definition", "elements", 0, "templateElements", 0],
  ],
  ["a null trigger", { triggers: [null], elements: [] }, ["definition", "triggers", 0]],
  ["a null calculated value", { calculatedValues: [null] }, ["definition", "calculatedValues", 0]],
  [
    "a null validator",
    { elements: [{ type: "text", name: "a", validators: [null] }] },
    ["definition", "elements", 0, "validators", 0],
  ],
  [
    "elements that are text",
    { pages: [{ name: "p", elements: "abc" }] },
    ["definition", "pages", 0, "elements"],
  ],
];

describe("POST /api/editor/check with a malformed definition", () => {
  it.each(cases)("answers %s with 400 and the path of the problem", async (_, definition, path) => {
    const coordinator = await editorAs(t, "coordinator");
    const res = await t.request("/api/editor/check", {
      method: "POST",
      cookie: coordinator.cookie,
      json: { definition },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe("invalid_body");
    expect(problem.issues?.map((i) => i.path)).toContainEqual(path);
  });

  it("still checks a well-formed definition", async () => {
    const coordinator = await editorAs(t, "coordinator");
    const res = await t.request("/api/editor/check", {
      method: "POST",
      cookie: coordinator.cookie,
      json: { definition: definitionWith(sayQuestion) },
    });
    expect(res.status).toBe(200);
  });

  it("refuses a malformed definition on saving a draft too", async () => {
    const expert = await editorAs(t, "expert");
    await expert.create("having-a-say");
    const res = await t.request("/api/editor/surveys/having-a-say/draft", {
      method: "PUT",
      cookie: expert.cookie,
      json: {
        revision: 1,
        title: "T",
        description: "",
        definition: { pages: [{ name: "p", elements: [null] }] },
      },
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.issues?.map((i) => i.path)).toContainEqual(["definition", "pages", 0, "elements", 0]);
  });
});
