import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SyncResponse } from "../../../shared/contract/sync.ts";
import { publishedSurvey } from "../../helpers/editor.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { probeInterview } from "./probe-helpers.ts";

/**
 * Probe (outside survey author, December 2026): a peer researcher sees an interview until it is
 * uploaded, not after (README "Who sees what"). Once the server has it, the tablet forgets its answers
 * (client/offline/outbox.ts, `forgetContent`) and keeps only the server's receipt, shown in the outbox
 * for two weeks. The receipt of an interview put to review listed the server's check messages, and
 * those quoted the answer that failed: a tag typed by the participant (`allowCustomChoices`), words
 * in a date or a number question, a grid row answered with words. So the participant's words stayed on
 * the tablet, and in front of whoever opened its outbox, long after the upload.
 *
 * The messages now say what kind of answer failed and why, never the answer: the data manager reads
 * the answer itself on the review page.
 */

const SURVEY = "probe-receipt";
const elements = [
  { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true },
  {
    type: "tagbox",
    name: "tags",
    title: "What matters to you?",
    choices: ["money"],
    allowCustomChoices: true,
  },
  { type: "text", name: "when", title: "When did you last see a doctor?", inputType: "date" },
  { type: "text", name: "nights", title: "How many nights outside?", inputType: "number" },
  { type: "radiogroup", name: "place", title: "Where do you stay?", choices: ["hostel", "own"] },
  { type: "matrix", name: "grid", title: "How is it?", columns: ["poor", "good"], rows: ["housing"] },
];
const words = (place: string) => `Jo Bloggs ${place} 07700 900123`;

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
  await publishedSurvey(t, SURVEY, ...elements);
});
afterEach(async () => {
  await t.close();
});

describe("probe: the receipt a tablet keeps after an upload", () => {
  it("says which questions need a look and why, without the participant's words", async () => {
    const researcher = await t.signIn("peer_researcher", "north");
    const item = probeInterview(SURVEY, 1, {
      tags: ["money", words("tag")],
      when: words("date"),
      nights: words("number"),
      place: words("choice"),
      grid: { housing: words("grid") },
    });
    const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items: [item] } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const [outcome] = (JSON.parse(text) as SyncResponse).results;
    expect(outcome?.outcome).toBe("needs_review");
    const issues = outcome?.outcome === "needs_review" ? outcome.issues : [];
    expect(issues.map((i) => i.question).sort()).toEqual(["grid", "nights", "place", "tags", "when"]);
    expect(text.includes("Bloggs"), "the receipt quotes what the participant said").toBe(false);
    expect(text.includes("07700"), "the receipt quotes what the participant said").toBe(false);
  });

  it("keeps the answers themselves for the data manager's review", async () => {
    const item = probeInterview(SURVEY, 1, { place: words("choice") });
    const researcher = await t.signIn("peer_researcher", "north");
    await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items: [item] } });
    const review = await t.request(`/api/review/responses/${item.id}`, { cookie: await t.signIn("admin") });
    expect(review.status).toBe(200);
    expect(await review.text()).toContain(words("choice"));
  });
});
