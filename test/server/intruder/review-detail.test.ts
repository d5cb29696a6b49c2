import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { interview, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";

/**
 * The review of a flagged interview, read as an evaluator (docs/decisions/0024, DESIGN rule 6):
 * evaluators work with codes, never the participant's own words nor an answer that does not fit its
 * question (where names and addresses turn up) — exports withhold both from them, and the review must
 * too. Every read of one interview's answers is recorded in the audit log.
 */

const OWN_WORDS = "Canary-own-words-Mill-Lane-7731";
const MISFIT = "canary misfit seventy-seven nights";

let t: TestContext;
let admin: string;
let flaggedId: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t);
  admin = await t.signIn("admin");
  const flagged = interview(
    { area: "north" },
    { say: 4, nights: MISFIT as unknown as number, ...({ anything_else: OWN_WORDS } as object) },
  );
  flaggedId = flagged.id;
  await upload(t, admin, [flagged]);
});
afterEach(async () => {
  await t.close();
});

describe("the review of one flagged interview", () => {
  it("gives an evaluator neither the participant's own words nor the answer that does not fit", async () => {
    for (const evaluator of [await t.signIn("evaluator", null), await t.signIn("evaluator", "north")]) {
      const list = await t.request("/api/review/responses", { cookie: evaluator });
      expect(list.status).toBe(200);
      expect(await list.text()).not.toMatch(/canary/i);
      const res = await t.request(`/api/review/responses/${flaggedId}`, { cookie: evaluator });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(OWN_WORDS);
      expect(text).not.toContain(MISFIT);
      // The answers that are codes stay: the evaluator reviews with them.
      expect(JSON.parse(text).answers.say).toBe(4);
    }
  });

  it("gives an evaluator a note that a data manager's comment exists, not its text (it may quote the answers)", async () => {
    const quoting = `Participant wrote "${OWN_WORDS}" in anything_else`;
    const posted = await t.request(`/api/review/responses/${flaggedId}/comments`, {
      method: "POST",
      cookie: admin,
      json: { comment: quoting },
    });
    expect(posted.status).toBe(201);
    expect(await posted.text()).toContain(OWN_WORDS);
    const evaluator = await t.signIn("evaluator", "north");
    const own = await t.request(`/api/review/responses/${flaggedId}/comments`, {
      method: "POST",
      cookie: evaluator,
      json: { comment: "say looks right" },
    });
    const text = await own.text();
    expect(text).not.toContain(OWN_WORDS);
    const history = JSON.parse(text).history as { comment: string | null }[];
    // Both comments are still listed: the evaluator's own in full, the data manager's as withheld.
    expect(history.map((e) => e.comment)).toEqual([
      expect.stringMatching(/^Not shown to evaluators/),
      "say looks right",
    ]);
  });

  it("still gives the data manager the whole interview", async () => {
    const res = await t.request(`/api/review/responses/${flaggedId}`, { cookie: admin });
    const text = await res.text();
    expect(text).toContain(OWN_WORDS);
    expect(text).toContain(MISFIT);
  });

  it("records every read of an interview's answers in the audit log", async () => {
    const evaluator = await t.signIn("evaluator", null);
    const before = await t.db.selectFrom("audit_log").select("action").execute();
    for (const cookie of [admin, evaluator])
      expect((await t.request(`/api/review/responses/${flaggedId}`, { cookie })).status).toBe(200);
    const after = await t.db.selectFrom("audit_log").select(["action", "target", "actor_id"]).execute();
    const reads = after.slice(before.length).filter((e) => e.target === flaggedId);
    expect(reads.length).toBe(2);
  });
});
