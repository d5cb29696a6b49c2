import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { upload } from "../outcomes/helpers.ts";
import { everyExportFile, probeInterview, publishVersions } from "./probe-helpers.ts";

/**
 * Probe (outside survey author, December 2026): a question whose kind changed between versions is
 * exported in one column of a kind that takes both (text, or JSON when one version is a structure),
 * and that column's kind says nothing about what is a code. An answer the server's check rightly
 * accepts because its own version allows it — "Other" stored as the words typed
 * (`storeOthersAsComment: false`) — was therefore neither flagged nor caught by the column, and the
 * participant's words reached evaluators in every export:
 *
 * - a rating in version 1 that became a single choice with "Other" in version 2;
 * - a grid in version 1 that became a multiple choice with "Other" in version 2.
 *
 * Each answer is now also checked against the question as it stood in the version the participant was
 * asked: there the typed words are not one of the codes.
 */

const SURVEY = "probe-changed-kind";
const PLACE = "Jo Bloggs, 14 Quay Road";
const SUPPORT = "Sam Bloggs at the Canal St hostel, 07700 900123";

const consent = { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true };
const version1 = {
  pages: [
    {
      name: "p1",
      elements: [
        consent,
        { type: "rating", name: "place", title: "How settled is where you stay?" },
        {
          type: "matrix",
          name: "support",
          title: "How is each kind of support?",
          columns: ["poor", "good"],
          rows: ["housing", "health"],
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
          type: "radiogroup",
          name: "place",
          title: "Where are you staying?",
          choices: ["hostel", "own"],
          showOtherItem: true,
          storeOthersAsComment: false,
        },
        {
          type: "checkbox",
          name: "support",
          title: "Who supports you?",
          choices: ["gp", "keyworker"],
          showOtherItem: true,
          storeOthersAsComment: false,
        },
      ],
    },
  ],
};

let t: TestContext;
let admin: string;
let typed: SyncItem;
let coded: SyncItem;
let older: SyncItem;

beforeEach(async () => {
  t = await createTestContext();
  await publishVersions(t, SURVEY, "Probe changed kind", [version1, version2]);
  admin = await t.signIn("admin");
  typed = probeInterview(SURVEY, 2, { place: PLACE, support: ["gp", SUPPORT] });
  coded = probeInterview(SURVEY, 2, { place: "hostel", support: ["keyworker"] });
  older = probeInterview(SURVEY, 1, { place: 3, support: { housing: "good" } });
  await upload(t, await t.signIn("peer_researcher", "north"), [typed, coded, older]);
  // The server's check accepts all three: "Other" as typed words is what version 2 asks for.
  const stored = await t.db.selectFrom("responses").select(["id", "review_status"]).execute();
  expect(stored.map((r) => r.review_status)).toEqual(["received", "received", "received"]);
});
afterEach(async () => {
  await t.close();
});

interface JsonExport {
  responses: { responseId: string; answers: Record<string, unknown>; withheldAnswers: string[] }[];
}

describe("probe: 'Other' typed into a question whose kind changed between versions", () => {
  it.each([
    ["an evaluator of the whole study", null],
    ["an evaluator of one area", "north"],
  ])("stays out of every file %s exports", async (_who, area) => {
    const files = await everyExportFile(t, SURVEY, await t.signIn("evaluator", area));
    for (const [name, text] of Object.entries(files)) {
      expect(text.includes("Bloggs"), `${name} gives what the participant typed`).toBe(false);
    }
    const json = JSON.parse(files["responses.json"] ?? "{}") as JsonExport;
    const byId = new Map(json.responses.map((r) => [r.responseId, r]));
    expect(byId.get(typed.id)?.withheldAnswers).toEqual(["place", "support"]);
    expect(byId.get(coded.id)).toMatchObject({
      withheldAnswers: [],
      answers: { consent: true, place: "hostel", support: ["keyworker"] },
    });
    expect(byId.get(older.id)).toMatchObject({
      withheldAnswers: [],
      answers: { consent: true, place: 3, support: { housing: "good" } },
    });
  });

  it("reaches the data manager as it was sent", async () => {
    const json = (await everyExportFile(t, SURVEY, admin))["responses.json"];
    expect(json).toContain(PLACE);
    expect(json).toContain(SUPPORT);
  });
});
