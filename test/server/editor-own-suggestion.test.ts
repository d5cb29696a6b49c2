import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Suggestion } from "../../shared/contract/editor.ts";
import { definitionWith, type EditorClient, editorAs, sayQuestion } from "../helpers/editor.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const PROPOSED = "How much say do you have in your support?";

async function suggest(by: EditorClient): Promise<Suggestion> {
  const res = await by.request("POST", "/surveys/having-a-say/suggestions", {
    question: "say",
    field: "title",
    proposed: PROPOSED,
    note: "",
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Suggestion;
}

async function titleOf(client: EditorClient): Promise<string | undefined> {
  const view = await client.view("having-a-say");
  return (view.draft.definition as { pages: { elements: { title: string }[] }[] }).pages[0]?.elements[0]
    ?.title;
}

/** Issue 15: a suggestion is decided by someone other than the person who made it, whatever their role. */
describe("nobody accepts their own suggestion", () => {
  for (const role of ["expert", "coordinator", "admin"] as const) {
    it(`refuses a ${role} accepting their own suggestion, and lets someone else decide it`, async () => {
      const owner = await editorAs(t, "expert");
      await owner.create("having-a-say");
      await owner.saveOk("having-a-say", 1, definitionWith(sayQuestion));
      // The expert case is the draft's owner, who may otherwise accept anyone's suggestion.
      const author = role === "expert" ? owner : await editorAs(t, role);
      const made = await suggest(author);

      const refused = await author.request("POST", `/surveys/having-a-say/suggestions/${made.id}/accept`);
      expect(refused.status).toBe(403);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await refused.json()) as { code: string; title: string };
      expect(problem.code).toBe("own_suggestion");
      expect(problem.title).toMatch(/someone else/i);
      expect(await titleOf(owner)).toBe(sayQuestion.title);
      const still = await owner.view("having-a-say");
      expect(still.suggestions[0]).toMatchObject({ id: made.id, status: "open" });

      // The author may still withdraw it (decline), which is not deciding on it for others.
      const decider = role === "expert" ? await editorAs(t, "coordinator") : owner;
      const accepted = await decider.request("POST", `/surveys/having-a-say/suggestions/${made.id}/accept`);
      expect(accepted.status, await accepted.clone().text()).toBe(200);
      expect(await titleOf(owner)).toBe(PROPOSED);
      // The change log names the question by its wording, not its data name (issue 15).
      const events = (await owner.view("having-a-say")).events;
      expect(events[0]?.summary).toBe(
        `accepted a suggested rewording of the question “${sayQuestion.title}”`,
      );
      expect(events.find((e) => e.kind === "saved")?.summary).toBe(
        `added the question “${sayQuestion.title}”`,
      );
    });
  }

  it("lets the author withdraw their own suggestion", async () => {
    const owner = await editorAs(t, "expert");
    await owner.create("having-a-say");
    await owner.saveOk("having-a-say", 1, definitionWith(sayQuestion));
    const made = await suggest(owner);
    const withdrawn = await owner.request("POST", `/surveys/having-a-say/suggestions/${made.id}/decline`);
    expect(withdrawn.status).toBe(200);
    expect(await titleOf(owner)).toBe(sayQuestion.title);
  });

  for (const role of ["peer_researcher", "evaluator"] as const) {
    it(`refuses a ${role} any decision on a suggestion`, async () => {
      const owner = await editorAs(t, "expert");
      await owner.create("having-a-say");
      await owner.saveOk("having-a-say", 1, definitionWith(sayQuestion));
      const made = await suggest(await editorAs(t, "expert"));
      const cookie = await t.signIn(role);
      const res = await t.request(`/api/editor/surveys/having-a-say/suggestions/${made.id}/accept`, {
        method: "POST",
        cookie,
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "forbidden_role" });
      expect(await titleOf(owner)).toBe(sayQuestion.title);
    });
  }
});
