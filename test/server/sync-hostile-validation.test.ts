import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SyncResponse } from "../../shared/contract/sync.ts";
import { publishedSurvey } from "../helpers/editor.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * A hostile value that survey-core 3.0.0 itself throws on while validating (a list given for a matrix
 * row whose cells include a checkbox; docs/decisions/0045), uploaded by a tablet: that interview comes
 * back needs_review with its own issue, and the others of the same upload are accepted. Before, the
 * exception failed the whole upload with a server error, so the tablet would retry it for ever.
 */

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

describe("an upload with a value survey-core cannot validate", () => {
  it("is answered per interview, not with a server error", async () => {
    await publishedSurvey(t, "places", {
      type: "matrixdropdown",
      name: "places",
      title: "Where do you go?",
      rows: ["home", "work"],
      columns: [
        { name: "often", cellType: "dropdown", choices: ["daily", "weekly"] },
        { name: "with", cellType: "checkbox", choices: ["alone", "friends"] },
      ],
    });
    const researcher = await t.signIn("peer_researcher");
    const hostile = { places: { home: [1, 2], work: { often: "daily", with: ["alone", "friends"] } } };
    const fine = { places: { work: { often: "weekly", with: ["alone"] } } };
    const res = await t.request("/api/sync", {
      method: "POST",
      cookie: researcher,
      json: {
        items: [
          syncItem({ surveyId: "places", surveyVersion: 1, data: hostile }),
          syncItem({ surveyId: "places", surveyVersion: 1, data: fine }),
        ],
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const [first, second] = ((await res.json()) as SyncResponse).results;
    expect(first?.outcome).toBe("needs_review");
    expect(first && "issues" in first ? first.issues : []).toEqual([
      { question: "places", path: "places.home", message: "Expected an answer per column, got a list." },
    ]);
    expect(second?.outcome).toBe("accepted");
  });
});
