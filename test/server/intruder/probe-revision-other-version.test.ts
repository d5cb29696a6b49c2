import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReviewDetail } from "../../../shared/contract/review.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { probeInterview, publishVersions } from "./probe-helpers.ts";

/**
 * Probe (outside prober, December 2026): the review page showed every revision of an interview through
 * the current revision's survey version. A conflicting copy sent under another version (the tablet
 * moved to version 2, the same interview id sent again) kept its answers there, and what fitted the
 * current version's question passed for an evaluator even where the copy's own question took the
 * participant's own words: a grid in version 1 (a choice per row, readable by evaluators) became a
 * table of typed notes in version 2, and the notes typed into the copy reached the evaluator.
 *
 * Each revision is now read through its own survey version, as its issues already were.
 */

const SURVEY = "probe-revision-version";
const NOTE = "Jo Bloggs, 07700 900123, Flat 9 Quay Road";

const consent = { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true };
const rows = [
  { value: "housing", text: "Housing" },
  { value: "health", text: "Health" },
];
const version1 = {
  pages: [
    {
      name: "p1",
      elements: [
        consent,
        {
          type: "matrix",
          name: "support",
          title: "How is each kind of support?",
          columns: [
            { value: "poor", text: "Poor" },
            { value: "good", text: "Good" },
          ],
          rows,
        },
      ],
    },
  ],
};
const version2 = {
  pages: [
    {
      name: "p1",
      elements: [
        consent,
        {
          type: "matrixdropdown",
          name: "support",
          title: "Tell us about each kind of support",
          columns: [{ name: "note", title: "What happened", cellType: "text" }],
          rows,
        },
      ],
    },
  ],
};

let t: TestContext;
let first: SyncItem;

beforeEach(async () => {
  t = await createTestContext();
  await publishVersions(t, SURVEY, "Probe revisions", [version1, version2]);
  const researcher = await t.signIn("peer_researcher", "north");
  first = probeInterview(SURVEY, 1, { support: { housing: "good" } });
  const again = { ...first, surveyVersion: 2, data: { consent: true, support: { housing: { note: NOTE } } } };
  const outcomes: string[] = [];
  for (const item of [first, again]) {
    const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items: [item] } });
    expect(res.status).toBe(200);
    outcomes.push(((await res.json()) as { results: { outcome: string }[] }).results[0]?.outcome ?? "");
  }
  expect(outcomes).toEqual(["accepted", "conflict"]);
});
afterEach(async () => {
  await t.close();
});

async function review(cookie: string): Promise<{ text: string; detail: ReviewDetail }> {
  const res = await t.request(`/api/review/responses/${first.id}`, { cookie });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, detail: JSON.parse(text) as ReviewDetail };
}

describe("probe: a conflicting copy sent under another survey version", () => {
  it.each([
    ["an evaluator of the whole study", null],
    ["an evaluator of one area", "north"],
  ])("keeps the copy's typed notes from %s", async (_who, area) => {
    const { text, detail } = await review(await t.signIn("evaluator", area));
    expect(text.includes("Bloggs"), "the copy's note").toBe(false);
    expect(detail.revisions.map((r) => r.item.surveyVersion)).toEqual([1, 2]);
    expect(detail.revisions[0]?.item.data).toEqual({ consent: true, support: { housing: "good" } });
    expect(detail.revisions[1]?.item.data).toEqual({ consent: true, support: "[withheld]" });
  });

  it("shows the data manager both copies as sent", async () => {
    const { text } = await review(await t.signIn("admin"));
    expect(text).toContain(NOTE);
  });
});
