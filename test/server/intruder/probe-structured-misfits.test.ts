import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReviewDetail } from "../../../shared/contract/review.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { everyExportFile, probeInterview, publishVersions } from "./probe-helpers.ts";

/**
 * Probe (outside prober, December 2026): an answer that does not fit its question reaches only the
 * data manager (README "Who sees what", docs/decisions/0024) — it is where a name or an address turns
 * up. The exports and the review page decided "fits" from the column alone, and two kinds of column
 * let any text through to an evaluator:
 *
 * 1. A grid question (SurveyJS `matrix`: one choice per row) is a structure, and any object "fitted"
 *    it: a row answered with a name and address instead of a column's code was in the evaluator's
 *    wide, long and JSON files, the data package, and on the review page, with the check's message
 *    quoting it.
 * 2. A question whose kind changed between versions (a rating in version 1, a choice in version 2) is
 *    exported as a text column, where any string fitted: the address typed into version 2's choice
 *    question went to the evaluator.
 *
 * The server's own check (shared/survey/answer-checks.ts) knows both are wrong and flags the question;
 * an evaluator must not read what it flagged.
 */

const SURVEY = "probe-misfits";
const NAME = "Jo Bloggs 7 Canal Street";
const ADDRESS = "Flat 9, 22 Quay Road";

const consent = { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true };
const grid = {
  type: "matrix",
  name: "support_grid",
  title: "How is each kind of support?",
  columns: [
    { value: "poor", text: "Poor" },
    { value: "ok", text: "OK" },
    { value: "good", text: "Good" },
  ],
  rows: [
    { value: "housing", text: "Housing" },
    { value: "health", text: "Health" },
  ],
};
const version1 = {
  pages: [
    {
      name: "p1",
      elements: [consent, grid, { type: "rating", name: "place", title: "Where are you staying?" }],
    },
  ],
};
const version2 = {
  pages: [
    {
      name: "p1",
      elements: [
        consent,
        grid,
        {
          type: "radiogroup",
          name: "place",
          title: "Where are you staying?",
          choices: [
            { value: "hostel", text: "A hostel" },
            { value: "own", text: "My own place" },
          ],
        },
      ],
    },
  ],
};

let t: TestContext;
let admin: string;
let evaluator: string;
let gridMisfit: SyncItem;
let placeMisfit: SyncItem;
let fitting: SyncItem;

beforeEach(async () => {
  t = await createTestContext();
  await publishVersions(t, SURVEY, "Probe misfits", [version1, version2]);
  admin = await t.signIn("admin");
  evaluator = await t.signIn("evaluator");
  gridMisfit = probeInterview(SURVEY, 1, { support_grid: { housing: NAME, health: "good" }, place: 3 });
  placeMisfit = probeInterview(SURVEY, 2, { support_grid: { housing: "ok" }, place: ADDRESS });
  fitting = probeInterview(SURVEY, 2, { support_grid: { housing: "good", health: "poor" }, place: "hostel" });
  const res = await t.request("/api/sync", {
    method: "POST",
    cookie: admin,
    json: { items: [gridMisfit, placeMisfit, fitting] },
  });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: { outcome: string }[] };
  expect(results.map((r) => r.outcome)).toEqual(["needs_review", "needs_review", "accepted"]);
});
afterEach(async () => {
  await t.close();
});

function everyFile(cookie: string): Promise<Record<string, string>> {
  return everyExportFile(t, SURVEY, cookie);
}

async function review(cookie: string, id: string): Promise<string> {
  const res = await t.request(`/api/review/responses/${id}`, { cookie });
  expect(res.status).toBe(200);
  return res.text();
}

describe("probe: a grid answer or a changed question's answer that does not fit", () => {
  it("stays out of every file an evaluator exports, which says it was withheld", async () => {
    const files = await everyFile(evaluator);
    for (const [name, text] of Object.entries(files)) {
      expect(text.includes("Canal Street"), `${name} gives the grid row's text`).toBe(false);
      expect(text.includes("Quay Road"), `${name} gives the changed question's text`).toBe(false);
    }
    const json = JSON.parse(files["responses.json"] ?? "{}") as {
      responses: { responseId: string; answers: Record<string, unknown>; withheldAnswers: string[] }[];
    };
    const byId = new Map(json.responses.map((r) => [r.responseId, r]));
    expect(byId.get(gridMisfit.id)?.withheldAnswers).toEqual(["support_grid"]);
    expect(byId.get(gridMisfit.id)?.answers).toEqual({ consent: true, place: 3 });
    expect(byId.get(placeMisfit.id)?.withheldAnswers).toEqual(["place"]);
    expect(byId.get(placeMisfit.id)?.answers).toEqual({ consent: true, support_grid: { housing: "ok" } });
  });

  it("stays off an evaluator's review page, answer and message both", async () => {
    for (const id of [gridMisfit.id, placeMisfit.id]) {
      const text = await review(evaluator, id);
      expect(text.includes("Canal Street"), "the grid row's text").toBe(false);
      expect(text.includes("Quay Road"), "the changed question's text").toBe(false);
    }
    const detail = JSON.parse(await review(evaluator, gridMisfit.id)) as ReviewDetail;
    expect(detail.issues.map((i) => i.question)).toContain("support_grid");
  });

  it("reaches the data manager as it was sent", async () => {
    const files = await everyFile(admin);
    expect(files["responses.json"]).toContain(NAME);
    expect(files["responses.json"]).toContain(ADDRESS);
    expect(await review(admin, gridMisfit.id)).toContain(NAME);
    expect(await review(admin, placeMisfit.id)).toContain(ADDRESS);
  });

  it("leaves an evaluator every answer that fits, grid included", async () => {
    const files = await everyFile(evaluator);
    const json = JSON.parse(files["responses.json"] ?? "{}") as {
      responses: { responseId: string; answers: Record<string, unknown>; withheldAnswers: string[] }[];
    };
    const fine = json.responses.find((r) => r.responseId === fitting.id);
    expect(fine?.withheldAnswers).toEqual([]);
    expect(fine?.answers).toEqual({
      consent: true,
      support_grid: { housing: "good", health: "poor" },
      place: "hostel",
    });
  });
});
