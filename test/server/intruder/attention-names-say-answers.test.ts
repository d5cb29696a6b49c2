import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishVersion } from "../../../server/surveys/surveys.repository.ts";
import type { AttentionItem, AttentionResponse } from "../../../shared/contract/review.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { surveyFields } from "../../../shared/survey/fields.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { createTestContext, NOW, type TestContext } from "../../helpers/test-app.ts";
import { interview } from "../outcomes/helpers.ts";

/**
 * A coordinator's "needs attention" list names the questions whose answers need checking, never the
 * answers (docs/decisions/0024). A question asked only after a certain answer gives that answer away by
 * its name alone: "How often did you inject in the last month?" is only asked of people who said they
 * use drugs. The list named every affected question, so a coordinator, who may know the participant,
 * learnt the answer. Also named: a question the survey does not have, by the name the tablet sent,
 * which is whatever the tablet wrote there.
 *
 * Nor may a question be named whose own rule in the survey flagged it (a check that fires on a "yes",
 * a range): that it needs checking says what the answer was. Only questions every participant who
 * took part is asked, with no rule of the survey's own on the answer, are named now; the others are
 * counted.
 */

const SURVEY = "attention-names";
const definition = {
  pages: [
    { name: "start", elements: [{ type: "boolean", name: "consent", title: "Are you happy to take part?" }] },
    {
      name: "about",
      visibleIf: "{consent} = true",
      elements: [
        { type: "boolean", name: "uses_drugs", title: "Do you use drugs?" },
        {
          type: "radiogroup",
          name: "heroin",
          title: "Have you used heroin this month?",
          choices: ["yes", "no"],
          validators: [{ type: "expression", expression: "{heroin} <> 'yes'", text: "Please check this." }],
        },
        { type: "text", inputType: "number", name: "age", title: "How old are you?", min: 16, max: 110 },
        { type: "text", inputType: "number", name: "nights", title: "How many nights did you sleep rough?" },
        {
          type: "text",
          inputType: "number",
          name: "injecting_days",
          title: "On how many days did you inject in the last month?",
          visibleIf: "{uses_drugs} = true",
        },
        {
          type: "panel",
          name: "prison",
          visibleIf: "{uses_drugs} = true",
          elements: [{ type: "text", inputType: "number", name: "overdoses", title: "How many overdoses?" }],
        },
      ],
    },
    {
      name: "treatment",
      visibleIf: "{uses_drugs} = true",
      elements: [
        { type: "text", inputType: "number", name: "script_days", title: "Days on a methadone script?" },
      ],
    },
  ],
};

let t: TestContext;
let coordinator: string;

/** An interview of this file's survey, built as the outcomes fixture's are. */
function item(data: Record<string, unknown>): SyncItem {
  return { ...interview({}, {}), surveyId: SURVEY, data: { consent: true, ...data } };
}

beforeEach(async () => {
  t = await createTestContext();
  await publishVersion(
    t.db,
    {
      id: SURVEY,
      title: "Attention names",
      description: "",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    NOW,
  );
  coordinator = await t.signIn("coordinator", "north");
});
afterEach(async () => {
  await t.close();
});

async function upload(items: SyncItem[]): Promise<void> {
  const res = await t.request("/api/sync", {
    method: "POST",
    cookie: await t.signIn("admin"),
    json: { items },
  });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: { outcome: string }[] };
  expect(results.map((r) => r.outcome)).toEqual(items.map(() => "needs_review"));
}

async function attention(): Promise<{ text: string; items: Map<string, AttentionItem> }> {
  const res = await t.request("/api/review/attention", { cookie: coordinator });
  expect(res.status).toBe(200);
  const text = await res.clone().text();
  const body = (await res.json()) as AttentionResponse;
  return { text, items: new Map(body.items.map((i) => [i.participantCode, i])) };
}

describe("the needs-attention list names no question that says what was answered", () => {
  it("names a question everyone is asked and counts those asked only after an answer", async () => {
    const plain = item({ uses_drugs: false, nights: "lots" });
    const followOn = item({
      uses_drugs: true,
      nights: 3,
      injecting_days: "most",
      overdoses: "two",
      script_days: "x",
    });
    const both = item({ uses_drugs: true, nights: "none", injecting_days: "most" });
    await upload([plain, followOn, both]);

    const { text, items } = await attention();
    expect(items.get(plain.participantCode)).toMatchObject({
      questions: [{ name: "nights", title: "How many nights did you sleep rough?" }],
      unnamedQuestions: 0,
    });
    expect(items.get(followOn.participantCode)).toMatchObject({ questions: [], unnamedQuestions: 3 });
    expect(items.get(both.participantCode)).toMatchObject({
      questions: [{ name: "nights", title: "How many nights did you sleep rough?" }],
      unnamedQuestions: 1,
    });
    for (const said of ["inject", "overdose", "methadone", "script_days", "injecting_days", "overdoses"]) {
      expect(text.toLowerCase()).not.toContain(said);
    }
  });

  it("names no question whose own rule in the survey flagged it: that would say what the answer was", async () => {
    // Found by the outside probe (December 2026): a check written into the survey fires on a "yes".
    const yes = item({ uses_drugs: false, nights: 1, heroin: "yes" });
    const old = item({ uses_drugs: false, nights: 1, age: 130 });
    await upload([yes, old]);
    const { text, items } = await attention();
    expect(items.get(yes.participantCode)).toMatchObject({ questions: [], unnamedQuestions: 1 });
    expect(items.get(old.participantCode)).toMatchObject({ questions: [], unnamedQuestions: 1 });
    for (const said of ["heroin", "How old"]) expect(text).not.toContain(said);
  });

  it("does not repeat a name the tablet made up, and says the interview's own details in words", async () => {
    const madeUp = item({ uses_drugs: false, nights: 2, "Jo Bloggs HIV positive": "yes", constructor: "x" });
    const misdated = { ...item({ uses_drugs: false, nights: 1 }), completedAt: "2026-11-20T09:00:00.000Z" };
    await upload([madeUp, misdated]);

    const { text, items } = await attention();
    expect(text).not.toContain("Jo Bloggs");
    expect(items.get(madeUp.participantCode)).toMatchObject({ questions: [], unnamedQuestions: 2 });
    expect(items.get(misdated.participantCode)).toMatchObject({
      questions: [{ name: "completedAt", title: "When the interview ended" }],
      unnamedQuestions: 0,
    });
  });
});
