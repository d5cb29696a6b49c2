import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  Draft,
  DraftView,
  EditorSurveysResponse,
  PublishResponse,
  Suggestion,
  VersionHistoryResponse,
  WordingDiffResponse,
} from "../../shared/contract/editor.ts";
import {
  definitionWith,
  type EditorClient,
  editorAs,
  OUTCOME,
  publishedSurvey,
  sayQuestion,
} from "../helpers/editor.ts";
import { syncItem } from "../helpers/sync-items.ts";
import {
  createTestContext,
  readFixtureSurvey,
  TEST_SURVEY_ID,
  type TestContext,
} from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

describe("co-design workflow: draft → in review → published", () => {
  it("creates a survey that fieldwork does not see until a coordinator publishes it with an expert's sign-off", async () => {
    const owner = await editorAs(t, "expert");
    const reviewer = await editorAs(t, "expert");
    const coordinator = await editorAs(t, "coordinator");
    const created = await owner.create("having-a-say");
    expect(created).toMatchObject({
      revision: 1,
      status: "draft",
      baseVersion: null,
      owner: { name: "expert 1" },
    });

    const saved = await owner.saveOk("having-a-say", 1, definitionWith(sayQuestion));
    expect(saved).toMatchObject({ revision: 2, status: "draft", updatedBy: { name: "expert 1" } });

    const researcher = await t.signIn("peer_researcher");
    const listed = async () =>
      (
        (await (await t.request("/api/surveys", { cookie: researcher })).json()) as {
          surveys: { id: string }[];
        }
      ).surveys.map((s) => s.id);
    expect(await listed()).not.toContain("having-a-say");

    expect((await owner.status("having-a-say", "in_review", 2)).status).toBe(200);
    expect((await reviewer.signOff("having-a-say", 2)).status).toBe(201);
    const res = await coordinator.publish("having-a-say", 2);
    expect(res.status).toBe(201);
    const published = (await res.json()) as PublishResponse;
    expect(published.version).toBe(1);
    expect(published.draft).toMatchObject({ status: "published", baseVersion: 1, revision: 2 });
    expect(await listed()).toContain("having-a-say");

    const version = await t.request("/api/surveys/having-a-say/versions/1", { cookie: researcher });
    const body = (await version.json()) as { definition: { pages: { elements: { name: string }[] }[] } };
    expect(body.definition.pages[0]?.elements.map((e) => e.name)).toEqual(["say"]);
    const fields = await t.db
      .selectFrom("survey_versions")
      .select("fields")
      .where("survey_id", "=", "having-a-say")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(fields.fields)).toEqual([
      expect.objectContaining({ name: "say", outcome: OUTCOME, indicator: "higherIsBetter" }),
    ]);

    const history = (await (
      await coordinator.request("GET", "/surveys/having-a-say/versions")
    ).json()) as VersionHistoryResponse;
    expect(history.versions).toEqual([
      expect.objectContaining({
        version: 1,
        publishedBy: expect.objectContaining({ name: "coordinator 3" }),
        signedOffBy: [expect.objectContaining({ name: "expert 2" })],
        reason: null,
        responses: 0,
      }),
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "survey.publish")
      .execute();
    expect(audit.map((a) => a.target)).toContain("having-a-say@1");
  });

  it("starts a new draft at the next edit after publishing, and version 1 stays exactly as it was", async () => {
    const { owner, reviewer, coordinator } = await publishedSurvey(t, "having-a-say", sayQuestion);
    const v1 = await (
      await t.request("/api/surveys/having-a-say/versions/1", { cookie: owner.cookie })
    ).json();
    const reworded = { ...sayQuestion, title: "How much say do you have in your support?" };
    const next = await owner.saveOk("having-a-say", 2, definitionWith(reworded));
    expect(next).toMatchObject({ status: "draft", revision: 3, baseVersion: 1 });
    await owner.status("having-a-say", "in_review", 3);
    await reviewer.signOff("having-a-say", 3);
    const res = await coordinator.publish("having-a-say", 3);
    expect(((await res.json()) as PublishResponse).version).toBe(2);
    expect(
      await (await t.request("/api/surveys/having-a-say/versions/1", { cookie: owner.cookie })).json(),
    ).toEqual(v1);
  });

  it("keeps responses to version 1 counted under version 1 once version 2 is published", async () => {
    const researcher = await t.signIn("peer_researcher");
    const sync = (surveyVersion: number) =>
      t.request("/api/sync", {
        method: "POST",
        cookie: researcher,
        json: { items: [syncItem({ surveyVersion })] },
      });
    expect((await sync(1)).status).toBe(200);

    const owner = await editorAs(t, "expert");
    const reviewer = await editorAs(t, "expert");
    const coordinator = await editorAs(t, "coordinator");
    // The fixture is tagged with a test outcome; a real edit tags it with one from the theory of change.
    const fixture = readFixtureSurvey() as { pages: { elements: Record<string, unknown>[] }[] };
    const page = fixture.pages[1];
    if (!page) throw new Error("fixture changed");
    page.elements = page.elements.map((e) => (e.name === "say_in_support" ? { ...e, outcome: OUTCOME } : e));
    page.elements.push({ type: "boolean", name: "felt_heard", title: "Did you feel heard today?" });
    const view = await owner.view(TEST_SURVEY_ID);
    expect(view.draft).toMatchObject({ revision: 0, status: "published", baseVersion: 1, owner: null });
    const saved = await owner.saveOk(TEST_SURVEY_ID, 0, fixture);
    expect(saved.owner?.name).toBe("expert 2");
    await owner.status(TEST_SURVEY_ID, "in_review", saved.revision);
    await reviewer.signOff(TEST_SURVEY_ID, saved.revision);
    expect((await coordinator.publish(TEST_SURVEY_ID, saved.revision)).status).toBe(201);
    expect((await sync(2)).status).toBe(200);
    expect((await sync(2)).status).toBe(200);

    const history = (await (
      await owner.request("GET", `/surveys/${TEST_SURVEY_ID}/versions`)
    ).json()) as VersionHistoryResponse;
    expect(history.versions.map((v) => [v.version, v.responses])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    const rows = await t.db.selectFrom("responses").select("survey_version").execute();
    expect(rows.map((r) => Number(r.survey_version)).sort()).toEqual([1, 2, 2]);
  });

  it("needs an expert's sign-off on the current revision, or a recorded reason, to publish", async () => {
    const owner = await editorAs(t, "expert");
    const reviewer = await editorAs(t, "expert");
    const coordinator = await editorAs(t, "coordinator");
    await owner.create("having-a-say");
    await owner.saveOk("having-a-say", 1, definitionWith(sayQuestion));

    const early = await coordinator.publish("having-a-say", 2);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: "draft_not_in_review" });

    await owner.status("having-a-say", "in_review", 2);
    expect((await reviewer.signOff("having-a-say", 2)).status).toBe(201);
    expect((await reviewer.signOff("having-a-say", 2)).status).toBe(200); // the same sign-off, once
    // A change after the sign-off: the sign-off was for what the expert read, not for this.
    await owner.saveOk(
      "having-a-say",
      2,
      definitionWith({ ...sayQuestion, title: "How much say do you get?" }),
    );
    const unsigned = await coordinator.publish("having-a-say", 3);
    expect(unsigned.status).toBe(409);
    expect(await unsigned.json()).toMatchObject({ code: "signoff_required" });

    const shortReason = await coordinator.publish("having-a-say", 3, "because");
    expect(shortReason.status).toBe(400);
    const withReason = await coordinator.publish(
      "having-a-say",
      3,
      "The expert panel agreed this wording at the workshop on 20 November.",
    );
    expect(withReason.status).toBe(201);
    const history = (await (
      await coordinator.request("GET", "/surveys/having-a-say/versions")
    ).json()) as VersionHistoryResponse;
    expect(history.versions[0]).toMatchObject({
      reason: "The expert panel agreed this wording at the workshop on 20 November.",
      signedOffBy: [],
    });
  });

  it("refuses to publish a draft identical to the published version, or to send one for review", async () => {
    const coordinator = await editorAs(t, "coordinator");
    const view = await coordinator.view(TEST_SURVEY_ID);
    const res = await coordinator.status(TEST_SURVEY_ID, "in_review", view.draft.revision);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "draft_unchanged" });
  });

  it("refuses to publish a survey tagged with an outcome that is not in the theory of change", async () => {
    const owner = await editorAs(t, "expert");
    const coordinator = await editorAs(t, "coordinator");
    const fixture = readFixtureSurvey();
    const saved = await owner.saveOk(TEST_SURVEY_ID, 0, { ...fixture, description: "Edited" });
    const view = await owner.view(TEST_SURVEY_ID);
    expect(view.issues).toContainEqual(
      expect.objectContaining({ code: "unknown_outcome", severity: "warning" }),
    );
    await owner.status(TEST_SURVEY_ID, "in_review", saved.revision);
    const res = await coordinator.publish(TEST_SURVEY_ID, saved.revision, "Testing an unknown outcome tag.");
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: "survey_json_invalid",
      issues: [expect.objectContaining({ path: ["say_in_support"] })],
    });
  });

  it("lists every survey with its draft state on the editor's home page", async () => {
    const owner = await editorAs(t, "expert");
    await owner.create("having-a-say");
    const res = await owner.request("GET", "/surveys");
    const body = (await res.json()) as EditorSurveysResponse;
    expect(body.surveys).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "having-a-say", status: "draft", revision: 1, latestVersion: null }),
        expect.objectContaining({ id: TEST_SURVEY_ID, status: "published", revision: 0, latestVersion: 1 }),
      ]),
    );
    const again = await owner.request("POST", "/surveys", { id: "having-a-say", title: "Again" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "survey_exists" });
  });
});

describe("comments and suggested rewordings", () => {
  async function setUp() {
    const owner = await editorAs(t, "expert");
    const other = await editorAs(t, "expert");
    await owner.create("having-a-say");
    await owner.saveOk("having-a-say", 1, definitionWith(sayQuestion));
    return { owner, other };
  }

  async function suggestion(by: EditorClient, proposed = "How much say do you have in your support?") {
    const res = await by.request("POST", "/surveys/having-a-say/suggestions", {
      question: "say",
      field: "title",
      proposed,
      note: "“Get” sounds like it is handed out.",
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Suggestion;
  }

  it("lets another expert suggest a rewording that the owner accepts as a tracked, attributed change", async () => {
    const { owner, other } = await setUp();
    const made = await suggestion(other);
    expect(made).toMatchObject({
      status: "open",
      original: sayQuestion.title,
      author: { name: "expert 2" },
    });
    const own = await other.request("POST", `/surveys/having-a-say/suggestions/${made.id}/accept`);
    expect(own.status).toBe(403);
    expect(await own.json()).toMatchObject({ code: "own_suggestion" });
    const third = await editorAs(t, "expert");
    const refused = await third.request("POST", `/surveys/having-a-say/suggestions/${made.id}/accept`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "not_draft_owner" });

    const accepted = await owner.request("POST", `/surveys/having-a-say/suggestions/${made.id}/accept`);
    expect(accepted.status).toBe(200);
    const draft = (await accepted.json()) as Draft;
    expect(draft.revision).toBe(3);
    const view = await owner.view("having-a-say");
    const title = (view.draft.definition as { pages: { elements: { title: string }[] }[] }).pages[0]
      ?.elements[0]?.title;
    expect(title).toBe("How much say do you have in your support?");
    expect(view.suggestions[0]).toMatchObject({ status: "accepted", decidedBy: { name: "expert 1" } });
    expect(view.events[0]).toMatchObject({
      kind: "suggestion_accepted",
      actor: { name: "expert 1" },
      questions: ["say"],
    });

    const twice = await owner.request("POST", `/surveys/having-a-say/suggestions/${made.id}/accept`);
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ code: "suggestion_decided" });
  });

  it("marks a suggestion outdated when the wording changed after it was made", async () => {
    const { owner, other } = await setUp();
    const made = await suggestion(other);
    await owner.saveOk("having-a-say", 2, definitionWith({ ...sayQuestion, title: "Do you have a say?" }));
    const res = await owner.request("POST", `/surveys/having-a-say/suggestions/${made.id}/accept`);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "suggestion_outdated" });
  });

  it("lets a coordinator decide and the author withdraw, but not a third expert", async () => {
    const { other } = await setUp();
    const third = await editorAs(t, "expert");
    const coordinator = await editorAs(t, "coordinator");
    const first = await suggestion(other);
    const second = await suggestion(other, "Do you have a say in your support?");
    expect(
      (await third.request("POST", `/surveys/having-a-say/suggestions/${first.id}/decline`)).status,
    ).toBe(403);
    const declined = await coordinator.request(
      "POST",
      `/surveys/having-a-say/suggestions/${first.id}/decline`,
    );
    expect(await declined.json()).toMatchObject({ status: "declined", decidedBy: { name: "coordinator 4" } });
    const withdrawn = await other.request("POST", `/surveys/having-a-say/suggestions/${second.id}/decline`);
    expect(withdrawn.status).toBe(200);
  });

  it("records comments per question with who wrote them", async () => {
    const { owner, other } = await setUp();
    const res = await other.request("POST", "/surveys/having-a-say/comments", {
      question: "say",
      body: "Could we add “Don't know”?",
    });
    expect(res.status).toBe(201);
    const general = await owner.request("POST", "/surveys/having-a-say/comments", {
      question: null,
      body: "Looks good overall.",
    });
    expect(general.status).toBe(201);
    const missing = await owner.request("POST", "/surveys/having-a-say/comments", {
      question: "nope",
      body: "Hi",
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "question_not_found" });
    const view: DraftView = await owner.view("having-a-say");
    expect(view.comments).toHaveLength(2);
    expect(view.comments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ question: "say", author: expect.objectContaining({ name: "expert 2" }) }),
        expect.objectContaining({ question: null, author: expect.objectContaining({ name: "expert 1" }) }),
      ]),
    );
  });
});

describe("version history", () => {
  it("shows a word-level diff of wording between two versions and against the draft", async () => {
    const { owner, reviewer, coordinator } = await publishedSurvey(t, "having-a-say", sayQuestion);
    const reworded = {
      ...sayQuestion,
      title: "How much say do you have in your own support?",
      choices: [...sayQuestion.choices, { value: "dont_know", text: "Don't know" }],
    };
    const saved = await owner.saveOk("having-a-say", 2, definitionWith(reworded));
    const draftDiff = (await (
      await owner.request("GET", "/surveys/having-a-say/diff?from=1&to=draft")
    ).json()) as WordingDiffResponse;
    expect(draftDiff.items).toEqual([
      expect.objectContaining({
        name: "say",
        status: "changed",
        strings: [
          {
            key: "title",
            label: "Question",
            segments: [
              { kind: "same", text: "How much say do you" },
              { kind: "removed", text: "get" },
              { kind: "added", text: "have" },
              { kind: "same", text: "in your" },
              { kind: "added", text: "own" },
              { kind: "same", text: "support?" },
            ],
          },
          expect.objectContaining({
            key: "choices:dont_know",
            segments: [{ kind: "added", text: "Don't know" }],
          }),
        ],
      }),
    ]);
    await owner.status("having-a-say", "in_review", saved.revision);
    await reviewer.signOff("having-a-say", saved.revision);
    await coordinator.publish("having-a-say", saved.revision);
    const between = (await (
      await owner.request("GET", "/surveys/having-a-say/diff?from=1&to=2")
    ).json()) as WordingDiffResponse;
    expect(between.items.map((i) => i.name)).toEqual(["say"]);

    const missing = await owner.request("GET", "/surveys/having-a-say/diff?from=1&to=9");
    expect(missing.status).toBe(404);
    for (const query of ["from=0&to=1", "from=x&to=1", "to=1", "from=1e3&to=1"]) {
      const bad = await owner.request("GET", `/surveys/having-a-say/diff?${query}`);
      expect(bad.status, query).toBe(400);
    }
  });

  it("exports the draft and any version as SurveyJS JSON to download", async () => {
    const owner = await editorAs(t, "expert");
    const res = await owner.request("GET", `/surveys/${TEST_SURVEY_ID}/export?version=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`${TEST_SURVEY_ID}-v1.json`);
    expect(await res.json()).toEqual(readFixtureSurvey());
    const draft = await owner.request("GET", `/surveys/${TEST_SURVEY_ID}/export`);
    expect(draft.headers.get("content-disposition")).toContain("draft-r0");
  });
});
