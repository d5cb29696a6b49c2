import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { publishedSurvey } from "../../helpers/editor.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { everyExportFile, probeInterview, uploadedOutcomes } from "./probe-helpers.ts";

/**
 * Probe (outside survey author, December 2026): a multiple choice whose choices are not listed in the
 * survey itself — carried forward from another question (`choicesFromQuestion`) or read from a web
 * address (`choicesByUrl`) — took any text as one of its "codes" for an evaluator. With nothing to
 * compare against, every string fitted, so what a participant typed reached the evaluator's exports
 * and review page:
 *
 * - a tag box carried forward with "add your own" (`allowCustomChoices`): the typed tag, even though
 *   the server's check flagged it (and the flag's message quoting it went to the evaluator too);
 * - a checkbox carried forward with "Other" stored as the text itself (`storeOthersAsComment: false`),
 *   which the server's check accepts as it should;
 * - a tag box whose choices come from a web address, which the server cannot know;
 * - a checkbox whose choices are the names typed into a dynamic matrix (`choicesFromQuestion` with
 *   `choiceValuesFromQuestion`): its codes are the typed names themselves, and the check accepts them.
 *
 * Evaluators read codes, not the participant's own words (README "Who sees what"). A value that cannot
 * be matched to a listed code is not known to be a code, so it is withheld like any other misfit.
 */

const SURVEY = "carried-forward";
const TYPED = "Jo Bloggs 07700 900123";
const TAG = "Jo Bloggs tag 07700 900124";
const URL_TAG = "Jo Bloggs url 07700 900125";
const FRIEND = "Sam Bloggs 07700 900126";

const elements = [
  { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true },
  {
    type: "checkbox",
    name: "needs",
    title: "What do you need?",
    choices: [
      { value: "food", text: "Food" },
      { value: "bed", text: "A bed" },
    ],
  },
  {
    type: "tagbox",
    name: "most",
    title: "Which of these matter most?",
    choicesFromQuestion: "needs",
    allowCustomChoices: true,
  },
  {
    type: "checkbox",
    name: "first",
    title: "Which would you sort first?",
    choicesFromQuestion: "needs",
    showOtherItem: true,
    storeOthersAsComment: false,
  },
  {
    type: "tagbox",
    name: "services",
    title: "Which services do you use?",
    choicesByUrl: { url: "https://example.org/services.json" },
  },
  {
    type: "matrixdynamic",
    name: "people",
    title: "Who do you turn to?",
    columns: [{ name: "who", title: "Name", cellType: "text" }],
  },
  {
    type: "checkbox",
    name: "closest",
    title: "Which of them do you see every week?",
    choicesFromQuestion: "people",
    choiceValuesFromQuestion: "who",
    choiceTextsFromQuestion: "who",
  },
];

let t: TestContext;
let admin: string;
let typed: SyncItem;

beforeEach(async () => {
  t = await createTestContext();
  await publishedSurvey(t, SURVEY, ...elements);
  admin = await t.signIn("admin");
  typed = probeInterview(SURVEY, 1, {
    needs: ["food"],
    most: ["food", TAG],
    first: [TYPED],
    services: [URL_TAG],
    people: [{ who: FRIEND }],
    closest: [FRIEND],
  });
  // The typed tag is not among the carried-forward choices, so the server's check flags it.
  expect(await uploadedOutcomes(t, [typed])).toEqual(["needs_review"]);
});
afterEach(async () => {
  await t.close();
});

async function everyFile(cookie: string): Promise<Record<string, string>> {
  const files = await everyExportFile(t, SURVEY, cookie);
  const review = await t.request(`/api/review/responses/${typed.id}`, { cookie });
  expect(review.status).toBe(200);
  files.review = await review.text();
  return files;
}

describe("probe: a multiple choice whose choices come from elsewhere", () => {
  it.each([
    ["an evaluator of the whole study", null],
    ["an evaluator of one area", "north"],
  ])("keeps typed text from %s, in every export and on the review page", async (_who, area) => {
    const evaluator = await t.signIn("evaluator", area);
    for (const [name, text] of Object.entries(await everyFile(evaluator))) {
      expect(text.includes("Bloggs"), `${name} gives what the participant typed`).toBe(false);
    }
    const json = JSON.parse((await everyFile(evaluator))["responses.json"] ?? "{}") as {
      responses: { answers: Record<string, unknown>; withheldAnswers: string[] }[];
    };
    expect(json.responses[0]?.withheldAnswers).toEqual(["closest", "first", "most", "services"]);
    expect(json.responses[0]?.answers).toEqual({ consent: true, needs: ["food"] });
  });

  it("gives the data manager the answers as they were sent", async () => {
    const files = await everyFile(admin);
    for (const secret of [TYPED, TAG, URL_TAG, FRIEND]) {
      expect(files["responses.json"]).toContain(secret);
      expect(files.review).toContain(secret);
    }
  });
});
