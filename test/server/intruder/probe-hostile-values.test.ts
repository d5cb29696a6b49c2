import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishedSurvey } from "../../helpers/editor.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { probeInterview, uploadedOutcomes } from "./probe-helpers.ts";

/**
 * Probe, third outside round (docs/decisions/0078): values survey-core itself throws on while it
 * validates — a photo or signature that is an object with its own `hasOwnProperty`, an empty panel in
 * a dynamic panel's list, a slider or calculated answer that is an object — failed the whole upload
 * with a server error, every other interview of the batch with it, and the tablet kept resending
 * them. Each is now stored and flagged for review, the rest of the batch as it would be alone.
 */

const SURVEY = "hostile-values";

const elements = [
  { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true },
  { type: "file", name: "photo", title: "A photo" },
  { type: "signaturepad", name: "signature", title: "Sign here" },
  { type: "slider", name: "level", title: "How much?", min: 0, max: 10 },
  { type: "expression", name: "doubled", title: "Doubled", expression: "{level} * 2" },
  {
    type: "paneldynamic",
    name: "household",
    title: "Who lives with you?",
    templateElements: [{ type: "text", name: "who", title: "First name" }],
  },
];

let t: TestContext;

beforeEach(async () => {
  t = await createTestContext();
  await publishedSurvey(t, SURVEY, ...elements);
});
afterEach(async () => {
  await t.close();
});

describe("probe: values survey-core throws on", () => {
  it.each([
    ["a photo with its own hasOwnProperty", { photo: { hasOwnProperty: 1 } }],
    ["an empty photo in the list", { photo: [null] }],
    ["a signature with its own hasOwnProperty", { signature: { hasOwnProperty: 1 } }],
    ["a slider with its own toString", { level: { toString: "x" } }],
    ["a calculated answer with its own toString", { doubled: { toString: "x" } }],
    ["an empty panel", { household: [null] }],
  ])("stores %s for review, the rest of the batch as it is", async (_what, data) => {
    const hostile = probeInterview(SURVEY, 1, data);
    const fine = probeInterview(SURVEY, 1, { level: 4, household: [{ who: "A" }] });
    expect(await uploadedOutcomes(t, [hostile, fine])).toEqual(["needs_review", "accepted"]);
  });

  it("accepts what survey-core stores for each of them", async () => {
    const answered = probeInterview(SURVEY, 1, {
      photo: [{ name: "me.jpg", type: "image/jpeg", content: "data:image/jpeg;base64,AAAA" }],
      signature: "data:image/png;base64,AAAA",
      level: 3,
      doubled: 6,
      household: [{ who: "A" }, {}],
    });
    expect(await uploadedOutcomes(t, [answered])).toEqual(["accepted"]);
  });
});
