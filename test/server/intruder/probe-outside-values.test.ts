import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { publishedSurvey } from "../../helpers/editor.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { CO_PRODUCE } from "../outcomes/helpers.ts";
import { everyExportFile, probeInterview, uploadedOutcomes } from "./probe-helpers.ts";

/**
 * Probe, third outside round (docs/decisions/0078): SurveyJS features the earlier rounds did not use,
 * answered as survey-core stores them (test/shared/survey/outside-values.test.ts checks the shapes):
 *
 * - a multiple choice whose choices have comment boxes of their own: every chosen item is stored as
 *   `{ value }`, with `comment` where one was typed. The server flagged every such interview, so it
 *   was left out of every figure; the exports gave no code of it to anyone's wide CSV;
 * - an image picker with `multiSelect`: a list, checked as a single choice and flagged;
 * - a multiple choice kept as objects (`valuePropertyName`), alone or with a dynamic panel of the
 *   same value name (one panel per chosen item, SurveyJS's documented pattern): flagged;
 * - a yes/no question with its own values (`valueTrue`), as the XLSForm importer writes every
 *   "acknowledge": never counted in a figure, missing from every wide CSV, withheld from evaluators.
 *
 * The comment typed beside a choice is the participant's own words: only the data manager reads it.
 */

const SURVEY = "outside-values";
const TYPED = "Jo Bloggs 07700 900123";

const elements = [
  { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true },
  {
    type: "checkbox",
    name: "needs",
    title: "What do you need?",
    choices: [{ value: "food", showCommentArea: true }, "bed", { value: 3, showCommentArea: true }],
  },
  {
    type: "imagepicker",
    name: "pictures",
    title: "Which pictures look like your week?",
    multiSelect: true,
    choices: ["cat", "dog"].map((value) => ({ value, imageLink: `https://example.org/${value}.png` })),
  },
  {
    type: "checkbox",
    name: "services",
    title: "Which services do you use?",
    valueName: "used",
    valuePropertyName: "service",
    choices: ["gp", "housing"],
    showOtherItem: true,
  },
  {
    type: "paneldynamic",
    name: "about",
    title: "About each service",
    valueName: "used",
    templateElements: [{ type: "comment", name: "note", title: "Tell us about it" }],
  },
  {
    // What the XLSForm importer makes of an "acknowledge" row.
    type: "boolean",
    name: "listened",
    title: "I was listened to",
    renderAs: "checkbox",
    valueTrue: "OK",
    outcome: CO_PRODUCE,
    indicator: "higherIsBetter",
  },
];

let t: TestContext;
let admin: string;
let typed: SyncItem;
let plain: SyncItem;

beforeEach(async () => {
  t = await createTestContext();
  await publishedSurvey(t, SURVEY, ...elements);
  admin = await t.signIn("admin");
  typed = probeInterview(SURVEY, 1, {
    needs: [{ value: "food", comment: TYPED }, { value: "bed" }],
    pictures: ["cat", "dog"],
    listened: "OK",
    used: [{ service: "gp", note: TYPED }, { service: `${TYPED} other` }],
  });
  plain = probeInterview(SURVEY, 1, {
    needs: [{ value: "bed" }, { value: 3 }],
    pictures: ["dog"],
    listened: false,
    used: [{ service: "housing" }],
  });
  expect(await uploadedOutcomes(t, [typed, plain])).toEqual(["accepted", "accepted"]);
});
afterEach(async () => {
  await t.close();
});

describe("probe: values of features outside surveys use", () => {
  it("counts the yes/no question's own values in the figures", async () => {
    const rows = await t.db
      .selectFrom("indicator_values")
      .select(["response_id", "status", "value"])
      .where("question", "=", "listened")
      .execute();
    const byId = new Map(rows.map((r) => [r.response_id, [r.status, Number(r.value)]]));
    expect(byId.get(typed.id)).toEqual(["answered", 1]);
    expect(byId.get(plain.id)).toEqual(["answered", 0]);
  });

  it("gives evaluators the codes and yes/no, never the comment typed beside a choice", async () => {
    const evaluator = await t.signIn("evaluator", "north");
    const files = await everyExportFile(t, SURVEY, evaluator);
    const review = await t.request(`/api/review/responses/${typed.id}`, { cookie: evaluator });
    files.review = await review.text();
    for (const [name, text] of Object.entries(files)) {
      expect(text.includes("Bloggs"), `${name} gives what the participant typed`).toBe(false);
    }
    const json = JSON.parse(files["responses.json"] ?? "{}") as {
      withheld: string[];
      responses: { responseId: string; answers: Record<string, unknown>; withheldAnswers: string[] }[];
    };
    const byId = new Map(json.responses.map((r) => [r.responseId, r]));
    expect(byId.get(typed.id)?.withheldAnswers).toEqual(["needs"]);
    // A value name a dynamic panel shares holds its answers: the whole column is the participant's words.
    expect(json.withheld).toContain("used");
    expect(byId.get(plain.id)?.withheldAnswers).toEqual([]);
    const wide = files["responses-wide.csv"] ?? "";
    expect(wide).toContain("cat;dog,TRUE");
    expect(wide).toContain("bed;3,dog,FALSE");
  });

  it("gives the data manager the codes in the CSV files and the comment in the JSON", async () => {
    const files = await everyExportFile(t, SURVEY, admin);
    expect(files["responses.json"]).toContain(TYPED);
    expect(files["responses-wide.csv"]).toContain("food;bed,cat;dog,");
    const review = await t.request(`/api/review/responses/${typed.id}`, { cookie: admin });
    expect(await review.text()).toContain(TYPED);
  });
});
