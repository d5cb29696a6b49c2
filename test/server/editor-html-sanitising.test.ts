import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Draft } from "../../shared/contract/editor.ts";
import { definitionWith, editorAs, publishedSurvey, sayQuestion } from "../helpers/editor.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

// Issue 14, finding 2: an expert could save (and a coordinator publish) HTML that covered the
// researcher's interview with a fake "sign in again" link. What the save check lets through is now
// cut to the allow-list before it is stored, and the answer says what was removed.

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const overlay =
  '<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999;background:#fff">' +
  '<a href="jav&#x61;script:alert(1)">Your session has expired, sign in again</a></div>';
const hostile = [
  { type: "html", name: "cover", html: overlay },
  { type: "html", name: "drawing", html: "<p>Hello</p><svg/onload=alert(1)>" },
  { type: "html", name: "picture", html: '<img src="x"/onerror="alert(1)">' },
];
const hostileSurvey = () => ({
  ...definitionWith(sayQuestion, ...hostile),
  completedHtml: '<p>Thank you</p><a href="java&Tab;script:alert(1)">more</a>',
});

async function storedDefinition(surveyId: string): Promise<string> {
  const row = await t.db
    .selectFrom("survey_drafts")
    .select("definition")
    .where("survey_id", "=", surveyId)
    .executeTakeFirstOrThrow();
  return String(row.definition);
}

function expectNoHostileHtml(json: string): void {
  expect(json).not.toMatch(/position|z-index|onload|onerror|<svg|script:/i);
}

describe("saving survey HTML", () => {
  it("stores it sanitised and tells the expert what was removed, question by question", async () => {
    const expert = await editorAs(t, "expert");
    await expert.create("hostile");
    const saved = await expert.saveOk("hostile", 1, hostileSurvey());
    expectNoHostileHtml(JSON.stringify(saved.definition));
    expectNoHostileHtml(await storedDefinition("hostile"));
    expect(JSON.stringify(saved.definition)).toContain("Your session has expired, sign in again");
    expect(JSON.stringify(saved.definition)).toContain('target=\\"_blank\\"');

    const removed = new Map((saved.removedHtml ?? []).map((r) => [r.where, r.removed]));
    expect(removed.get("cover")).toEqual(
      expect.arrayContaining([
        'a style that moves it or places it over the page ("position: fixed")',
        'an address starting "javascript:" on a link',
      ]),
    );
    expect(removed.get("drawing")).toEqual(["a drawing (svg)"]);
    expect(removed.get("picture")).toEqual(['an action that runs by itself ("onerror") on a picture']);
    expect(removed.get("the survey's completedHtml")).toEqual([
      'an address starting "javascript:" on a link',
    ]);

    // Saving the cleaned survey again reports nothing more.
    const again = await expert.saveOk("hostile", saved.revision, saved.definition);
    expect(again.removedHtml).toBeUndefined();
  });

  it("sanitises an import the same way", async () => {
    const expert = await editorAs(t, "expert");
    await expert.create("imported");
    const res = await t.request("/api/editor/surveys/imported/draft?source=import", {
      method: "PUT",
      cookie: expert.cookie,
      json: { revision: 1, title: "Imported", description: "", definition: hostileSurvey() },
    });
    expect(res.status).toBe(200);
    const draft = (await res.json()) as Draft;
    expect(draft.removedHtml?.length).toBeGreaterThan(0);
    expectNoHostileHtml(await storedDefinition("imported"));
  });

  it("publishes only sanitised HTML, even from a draft stored before sanitising existed", async () => {
    const { coordinator, owner, reviewer } = await publishedSurvey(t, "legacy", sayQuestion);
    // A draft written straight to the table, as one saved before this change would be.
    const view = await owner.view("legacy");
    const saved = await owner.saveOk(
      "legacy",
      view.draft.revision,
      definitionWith(sayQuestion, { type: "html", name: "note", html: "<p>x</p>" }),
    );
    await t.db
      .updateTable("survey_drafts")
      .set({ definition: JSON.stringify(hostileSurvey()) })
      .where("survey_id", "=", "legacy")
      .execute();
    expect((await owner.status("legacy", "in_review", saved.revision)).status).toBe(200);
    expect((await reviewer.signOff("legacy", saved.revision)).status).toBe(201);
    const res = await coordinator.publish("legacy", saved.revision);
    expect(res.status, await res.clone().text()).toBe(201);
    const version = await t.db
      .selectFrom("survey_versions")
      .select("definition")
      .where("survey_id", "=", "legacy")
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    expectNoHostileHtml(String(version.definition));
    const served = await t.request("/api/surveys/legacy/versions/2", { cookie: coordinator.cookie });
    expect(served.status).toBe(200);
    expectNoHostileHtml(await served.text());
    const auditRow = await t.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "survey.publish")
      .where("target", "=", "legacy@2")
      .executeTakeFirstOrThrow();
    expect(String(auditRow.detail)).toContain("htmlRemoved");
  });
});
