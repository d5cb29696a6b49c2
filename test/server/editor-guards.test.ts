import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  DefinitionCheckResponse,
  Draft,
  DraftStaleProblem,
  DraftView,
} from "../../shared/contract/editor.ts";
import { definitionWith, editorAs, lockedQuestion, publishedSurvey, sayQuestion } from "../helpers/editor.ts";
import { createTestContext, TEST_SURVEY_ID, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

describe("who may do what in the editor", () => {
  it("keeps peer researchers and evaluators out of every editor route", async () => {
    for (const role of ["peer_researcher", "evaluator"] as const) {
      const cookie = await t.signIn(role);
      const calls: [string, string, unknown?][] = [
        ["GET", "/api/editor/surveys"],
        ["POST", "/api/editor/surveys", { id: "x", title: "X" }],
        ["GET", `/api/editor/surveys/${TEST_SURVEY_ID}/draft`],
        ["PUT", `/api/editor/surveys/${TEST_SURVEY_ID}/draft`, {}],
        ["POST", `/api/editor/surveys/${TEST_SURVEY_ID}/comments`, {}],
        ["POST", `/api/editor/surveys/${TEST_SURVEY_ID}/suggestions`, {}],
        ["POST", `/api/editor/surveys/${TEST_SURVEY_ID}/publish`, {}],
        ["POST", `/api/editor/surveys/${TEST_SURVEY_ID}/signoffs`, {}],
        ["GET", `/api/editor/surveys/${TEST_SURVEY_ID}/versions`],
      ];
      for (const [method, path, json] of calls) {
        const res = await t.request(path, { method, cookie, ...(json === undefined ? {} : { json }) });
        expect(res.status, `${role} ${method} ${path}`).toBe(403);
        expect(await res.json()).toMatchObject({ code: "forbidden_role" });
      }
    }
  });

  it("needs a session", async () => {
    const res = await t.request("/api/editor/surveys");
    expect(res.status).toBe(401);
  });

  it("does not let an expert publish, nor a coordinator sign off as an expert", async () => {
    const expert = await editorAs(t, "expert");
    const coordinator = await editorAs(t, "coordinator");
    await expert.create("having-a-say");
    await expert.saveOk("having-a-say", 1, definitionWith(sayQuestion));
    await expert.status("having-a-say", "in_review", 2);
    const publish = await expert.publish("having-a-say", 2, "I would like to publish this myself.");
    expect(publish.status).toBe(403);
    expect(await publish.json()).toMatchObject({ code: "forbidden_role" });
    expect((await coordinator.signOff("having-a-say", 2)).status).toBe(403);
  });

  it("lets an admin publish", async () => {
    const expert = await editorAs(t, "expert");
    const admin = await editorAs(t, "admin");
    await expert.create("having-a-say");
    await expert.saveOk("having-a-say", 1, definitionWith(sayQuestion));
    await expert.status("having-a-say", "in_review", 2);
    await expert.signOff("having-a-say", 2);
    expect((await admin.publish("having-a-say", 2)).status).toBe(201);
  });
});

describe("two people editing one draft", () => {
  it("refuses a save made against an older revision and returns the current draft to merge with", async () => {
    const alice = await editorAs(t, "expert");
    const bob = await editorAs(t, "expert");
    await alice.create("having-a-say");
    await alice.saveOk("having-a-say", 1, definitionWith(sayQuestion));
    // Both open revision 2.
    const mine = definitionWith({ ...sayQuestion, title: "Alice's wording" });
    const theirs = definitionWith(sayQuestion, { type: "comment", name: "why", title: "Why?" });
    await bob.saveOk("having-a-say", 2, theirs);

    const res = await alice.save("having-a-say", 2, mine);
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as DraftStaleProblem;
    expect(problem).toMatchObject({ code: "draft_stale", status: 409 });
    expect(problem.detail).toContain("expert 2");
    expect(problem.draft).toMatchObject({ revision: 3, updatedBy: { name: "expert 2" } });
    expect(problem.draft.definition).toEqual(
      expect.objectContaining({
        pages: [
          expect.objectContaining({
            elements: expect.arrayContaining([expect.objectContaining({ name: "why" })]),
          }),
        ],
      }),
    );
    // Nothing of Alice's was written.
    const view = await alice.view("having-a-say");
    expect(view.draft.revision).toBe(3);

    // Having merged, she saves against the revision she now has.
    const merged = definitionWith(
      { ...sayQuestion, title: "Alice's wording" },
      { type: "comment", name: "why", title: "Why?" },
    );
    const saved = await alice.saveOk("having-a-say", 3, merged);
    expect(saved.revision).toBe(4);
  });

  it("refuses a stale status change, sign-off and publish too", async () => {
    const { owner, reviewer, coordinator } = await publishedSurvey(t, "having-a-say", sayQuestion);
    await owner.saveOk("having-a-say", 2, definitionWith({ ...sayQuestion, title: "Reworded?" }));
    for (const res of [
      await owner.status("having-a-say", "in_review", 2),
      await reviewer.signOff("having-a-say", 2).then(async (r) => r),
      await coordinator.publish("having-a-say", 2, "Reason long enough to count."),
    ]) {
      expect([409]).toContain(res.status);
    }
    const stale = await owner.status("having-a-say", "in_review", 2);
    expect(await stale.json()).toMatchObject({ code: "draft_stale", draft: { revision: 3 } });
  });

  it("answers with the same revision when a save changes nothing", async () => {
    const alice = await editorAs(t, "expert");
    await alice.create("having-a-say");
    const first = await alice.saveOk("having-a-say", 1, definitionWith(sayQuestion));
    const again = await alice.saveOk("having-a-say", first.revision, definitionWith(sayQuestion));
    expect(again.revision).toBe(first.revision);
  });
});

describe("locked questions from licensed instruments", () => {
  it("refuses any change to a locked question's wording or options, by save or by suggestion", async () => {
    const { owner, reviewer } = await publishedSurvey(t, "wellbeing", sayQuestion, lockedQuestion);
    const reworded = definitionWith(sayQuestion, { ...lockedQuestion, title: "I feel optimistic" });
    const res = await owner.save("wellbeing", 2, reworded);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "question_locked", issues: [{ path: ["optimistic"] }] });

    const rescaled = definitionWith(sayQuestion, { ...lockedQuestion, rateMax: 7 });
    expect((await owner.save("wellbeing", 2, rescaled)).status).toBe(409);

    // What is not wording may change: whether it is required, its condition, its outcome tag.
    const required = definitionWith(sayQuestion, { ...lockedQuestion, isRequired: true });
    expect((await owner.save("wellbeing", 2, required)).status).toBe(200);

    const suggestion = await reviewer.request("POST", "/surveys/wellbeing/suggestions", {
      question: "optimistic",
      field: "title",
      proposed: "I feel hopeful",
    });
    expect(suggestion.status).toBe(409);
    expect(await suggestion.json()).toMatchObject({ code: "question_locked" });
  });

  it("lets only a coordinator or admin unlock a question, and audits it", async () => {
    const { owner, coordinator } = await publishedSurvey(t, "wellbeing", sayQuestion, lockedQuestion);
    const unlocked = definitionWith(sayQuestion, {
      ...lockedQuestion,
      locked: false,
      title: "I feel hopeful",
    });
    const byExpert = await owner.save("wellbeing", 2, unlocked);
    expect(byExpert.status).toBe(403);
    expect(await byExpert.json()).toMatchObject({ code: "unlock_not_allowed" });
    // Removing it and adding it back unlocked is the same thing, and is refused the same way.
    await owner.saveOk("wellbeing", 2, definitionWith(sayQuestion), {
      confirmDataNameChanges: ["optimistic"],
    });
    expect((await owner.save("wellbeing", 3, unlocked)).status).toBe(403);

    const byCoordinator = await coordinator.save("wellbeing", 3, unlocked);
    expect(byCoordinator.status).toBe(200);
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "survey.unlock")
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe("data names of published questions", () => {
  it("blocks renaming a published question unless the change is confirmed, and remembers the confirmation", async () => {
    const { owner } = await publishedSurvey(t, "having-a-say", sayQuestion);
    const renamed = definitionWith({ ...sayQuestion, name: "say_in_support" });
    const res = await owner.save("having-a-say", 2, renamed);
    expect(res.status).toBe(409);
    const problem = await res.json();
    expect(problem).toMatchObject({ code: "data_name_change_unconfirmed", issues: [{ path: ["say"] }] });
    expect(problem.issues[0].message).toContain("say_in_support");

    const saved = await owner.saveOk("having-a-say", 2, renamed, { confirmDataNameChanges: ["say"] });
    expect(saved.confirmedDataNameChanges).toEqual(["say"]);
    const later = definitionWith({ ...sayQuestion, name: "say_in_support", title: "Reworded" });
    expect((await owner.save("having-a-say", saved.revision, later)).status).toBe(200);
    const view: DraftView = await owner.view("having-a-say");
    expect(view.events.map((e) => e.kind)).toContain("data_names_confirmed");
    expect(view.publishedDataNames).toEqual(["say"]);
  });

  it("treats a published question that changes type as a break in its series too", async () => {
    const { owner } = await publishedSurvey(t, "having-a-say", sayQuestion);
    const retyped = definitionWith({ ...sayQuestion, type: "dropdown" });
    const res = await owner.save("having-a-say", 2, retyped);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "data_name_change_unconfirmed" });
  });

  it("lets a name that was never published change freely", async () => {
    const alice = await editorAs(t, "expert");
    await alice.create("having-a-say");
    await alice.saveOk("having-a-say", 1, definitionWith(sayQuestion));
    await alice.saveOk("having-a-say", 2, definitionWith({ ...sayQuestion, name: "say_now" }));
  });
});

describe("SurveyJS JSON with errors", () => {
  const withUnknowns = {
    title: "Imported",
    colour: "teal",
    pages: [
      {
        name: "p1",
        elements: [
          {
            type: "radiogroup",
            name: "q1",
            title: "Q1",
            choices: [{ value: "a", text: "A", weight: 2 }],
            foo: 1,
          },
          { type: "signature", name: "sig" },
          { type: "slider", name: "q2" },
        ],
      },
    ],
  };

  it("reports survey-core's jsonErrors on import and offers a copy without the unknown parts", async () => {
    const expert = await editorAs(t, "expert");
    const res = await expert.request("POST", "/check", { definition: withUnknowns });
    expect(res.status).toBe(200);
    const report = (await res.json()) as DefinitionCheckResponse;
    const messages = report.issues.map((i) => i.message).join("\n");
    expect(messages).toContain("'colour'");
    expect(messages).toContain("'foo'");
    expect(messages).toContain("'weight'");
    expect(report.issues.filter((i) => i.code === "json_error").length).toBeGreaterThanOrEqual(4);
    expect(report.removedByStripping).toEqual(
      expect.arrayContaining([
        "colour (not a property of survey)",
        expect.stringContaining("pages[0].elements[0].foo"),
        expect.stringContaining("choices[0].weight"),
        expect.stringContaining("unknown type “signature”"),
      ]),
    );
    const clean = await expert.request("POST", "/check", { definition: report.withoutUnknown });
    const cleanReport = (await clean.json()) as DefinitionCheckResponse;
    expect(cleanReport.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("refuses to save JSON with errors rather than drop any part of it", async () => {
    const expert = await editorAs(t, "expert");
    await expert.create("imported");
    const cases: [string, unknown][] = [
      ["unknown property", withUnknowns],
      ["duplicate names", definitionWith(sayQuestion, { ...sayQuestion, title: "Again" })],
      [
        "bad condition",
        definitionWith(sayQuestion, { type: "comment", name: "why", visibleIf: "{say} = = 'x'" }),
      ],
      [
        "condition on a missing question",
        definitionWith({ type: "comment", name: "why", visibleIf: "{nope} = 1" }),
      ],
      ["unsafe html", definitionWith({ type: "html", name: "info", html: "<img src=x onerror=alert(1)>" })],
      ["data name with spaces", definitionWith({ type: "comment", name: "why not" })],
      ["choice question without choices", definitionWith({ type: "radiogroup", name: "r" })],
    ];
    for (const [label, definition] of cases) {
      const res = await expert.save("imported", 1, definition);
      expect(res.status, label).toBe(422);
      const problem = await res.json();
      expect(problem.code, label).toBe("survey_json_invalid");
      expect(problem.issues.length, label).toBeGreaterThan(0);
    }
    const view = await expert.view("imported");
    expect((view.draft as Draft).revision).toBe(1);
  });

  it("records an import as its own kind of change", async () => {
    const expert = await editorAs(t, "expert");
    await expert.create("imported");
    const res = await t.request("/api/editor/surveys/imported/draft?source=import", {
      method: "PUT",
      cookie: expert.cookie,
      json: { revision: 1, title: "Imported", description: "", definition: definitionWith(sayQuestion) },
    });
    expect(res.status).toBe(200);
    const view = await expert.view("imported");
    expect(view.events[0]).toMatchObject({ kind: "imported", questions: ["say"] });
  });
});
