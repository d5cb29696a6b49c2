import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishVersion } from "../../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../../shared/survey/fields.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { createTestContext, NOW, type TestContext } from "../../helpers/test-app.ts";

// Decision 0050: an interview stored without a language (by an instance of the release before
// languages, during a rolling restart) is recorded in its version's main language, never read as English.

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
  await t.signIn("peer_researcher", "north");
});
afterEach(async () => {
  await t.close();
});

const polishFirst = {
  locale: "pl",
  pages: [
    {
      name: "p",
      elements: [
        { type: "text", name: "town", title: { default: "Gdzie mieszkasz?", en: "Where do you live?" } },
      ],
    },
  ],
};

async function publish(id: string, definition: Record<string, unknown>): Promise<void> {
  await publishVersion(
    t.db,
    { id, title: id, description: "", definition, fields: surveyFields(createSurveyModel(definition)) },
    NOW,
  );
}

/** An insert as the release before languages made it: no `language` column named at all. */
async function insertWithoutLanguage(surveyId: string): Promise<string> {
  const user = await t.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
  const id = randomUUID();
  await t.db
    .insertInto("responses")
    .values({
      id,
      survey_id: surveyId,
      survey_version: 1,
      participant_code: "ABCD-EFGH-J",
      wave: 0,
      area_id: "north",
      administration_mode: "read_aloud",
      started_at: "2026-11-26T09:30:00.000Z",
      completed_at: "2026-11-26T09:52:00.000Z",
      received_at: NOW.toISOString(),
      submitted_by: user.id,
      device_id: null,
      data: JSON.stringify({ town: "Northtown" }),
      content_hash: "x",
      review_status: "received",
      issues: "[]",
    })
    .execute();
  return id;
}

const languageOf = async (id: string) =>
  (await t.db.selectFrom("responses").select("language").where("id", "=", id).executeTakeFirstOrThrow())
    .language;

describe("an interview stored without a language", () => {
  it("is recorded in its version's main language, not English", async () => {
    await publish("polish-first", polishFirst);
    expect(await languageOf(await insertWithoutLanguage("polish-first"))).toBe("pl");
  });

  it("is English when the version names no main language, or names one that is not a language", async () => {
    await publish("english-first", { ...polishFirst, locale: undefined });
    expect(await languageOf(await insertWithoutLanguage("english-first"))).toBe("en");
    await publish("odd-locale", { ...polishFirst, locale: "<b>" });
    expect(await languageOf(await insertWithoutLanguage("odd-locale"))).toBe("en");
  });

  it("keeps a language that was sent", async () => {
    await publish("polish-first", polishFirst);
    const id = await insertWithoutLanguage("polish-first");
    await t.db.updateTable("responses").set({ language: "ar" }).where("id", "=", id).execute();
    expect(await languageOf(id)).toBe("ar");
  });
});
