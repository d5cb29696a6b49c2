import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishVersion } from "../../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../../shared/survey/fields.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { createTestContext, NOW, type TestContext } from "../../helpers/test-app.ts";
import {
  CO_PRODUCE,
  indicator,
  interview,
  page,
  readOutcomesFixture,
  releasedPage,
  SURVEY,
  upload,
} from "./helpers.ts";

// Live outcome pages filtered and broken down by interview language (issue 18, decision 0048): the
// slice tables are keyed by language too; an interview stored without one counts as its version's main
// language (here Welsh), not as English; each language row is the page filtered to that language, so
// it is protected as every filtered view is; and coordinators still see no live figures.

let t: TestContext;
let researcher: string;
beforeEach(async () => {
  t = await createTestContext();
  const definition = {
    ...readOutcomesFixture(),
    locale: "cy",
    title: { default: "Gwiriad", pl: "Sprawdzenie", "en-easy": "A check" },
  };
  await publishVersion(
    t.db,
    {
      id: SURVEY,
      title: "Outcomes check",
      description: "",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    NOW,
  );
  researcher = await t.signIn("admin");
  const say = (language: string | undefined, values: number[]) =>
    values.map((v) => ({
      ...interview({ area: "north", wave: 0 }, { say: v }),
      ...(language ? { language } : {}),
    }));
  await upload(t, researcher, [
    ...say("pl", [1, 2, 3, 4, 5, 5]),
    ...say("en-easy", [2, 2, 3, 3, 4, 4]),
    ...say(undefined, [5, 5, 4]),
  ]);
  // Whatever the sync made of a language the version barely offers, every interview counts here.
  await t.db.updateTable("responses").set({ review_status: "approved" }).execute();
});
afterEach(async () => {
  await t.close();
});

describe("interview language on the live outcome pages", () => {
  it("filters by language, and counts an interview without one as the version's main language", async () => {
    const evaluator = await t.signIn("evaluator");
    const all = await page(t, evaluator, CO_PRODUCE);
    expect(all.options.languages).toEqual([
      { id: "cy", label: "Welsh" },
      { id: "en-easy", label: "English (Easy Read)" },
      { id: "pl", label: "Polish" },
    ]);
    expect(indicator(all, "say").summary).toMatchObject({ suppressed: false, n: 15 });
    const polish = await page(t, evaluator, CO_PRODUCE, "?language=pl");
    expect(indicator(polish, "say").summary).toMatchObject({
      suppressed: false,
      n: 6,
      values: { mean: 20 / 6 },
    });
    const welsh = await page(t, evaluator, CO_PRODUCE, "?language=cy");
    expect(indicator(welsh, "say").summary).toMatchObject({ suppressed: false, n: 3 });
    const english = await page(t, evaluator, CO_PRODUCE, "?language=en");
    expect(indicator(english, "say").summary).toMatchObject({ suppressed: false, n: 0 });
  });

  it("breaks every indicator down by language, each row protected as the filtered page is", async () => {
    const evaluator = await t.signIn("evaluator");
    const exact = await page(t, evaluator, CO_PRODUCE, "?breakdown=language");
    const rows = indicator(exact, "say").byLanguage?.rows ?? [];
    expect(rows.map((r) => [r.key, r.label, r.suppressed ? null : r.n])).toEqual([
      ["cy", "Welsh", 3],
      ["en-easy", "English (Easy Read)", 6],
      ["pl", "Polish", 6],
    ]);
    expect(indicator(exact, "say").byLanguage?.total).toMatchObject({ suppressed: false, n: 15 });
    // As it would be released (k = 5): the three Welsh interviews are not shown, and no row gives them back.
    const released = await releasedPage(t, evaluator, CO_PRODUCE, "?breakdown=language");
    const byLanguage = indicator(released, "say").byLanguage;
    const welsh = byLanguage?.rows.find((r) => r.key === "cy");
    expect(welsh?.suppressed).toBe(true);
    const shown = (byLanguage?.rows ?? []).filter((r) => !r.suppressed);
    const total = byLanguage?.total;
    if (total && !total.suppressed) {
      const sum = shown.reduce((s, r) => s + (r.suppressed ? 0 : r.n), 0);
      expect(
        total.n - sum === 0 || total.n - sum >= 5 || shown.length < (byLanguage?.rows.length ?? 0) - 1,
      ).toBe(true);
    }
    // A language filter and a language breakdown together are refused.
    const both = await t.request(`/api/outcomes/${CO_PRODUCE}?language=pl&breakdown=language`, {
      cookie: evaluator,
    });
    expect(both.status).toBe(400);
  });

  it("keeps live figures from coordinators, with or without a language", async () => {
    const coordinator = await t.signIn("coordinator", "north");
    for (const query of ["?language=pl", "?breakdown=language"]) {
      const res = await t.request(`/api/outcomes/${CO_PRODUCE}${query}`, { cookie: coordinator });
      expect(res.status).toBe(403);
    }
  });

  it("rewrites a response stored without a language in its version's main language", async () => {
    const one = await t.db.selectFrom("responses").select("id").orderBy("id").executeTakeFirstOrThrow();
    await t.db.updateTable("responses").set({ language: null }).where("id", "=", one.id).execute();
    await t.db
      .insertInto("indicator_refresh")
      .values({ response_id: one.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await page(t, await t.signIn("evaluator"), CO_PRODUCE);
    const rows = await t.db
      .selectFrom("indicator_values")
      .select("language")
      .distinct()
      .where("response_id", "=", one.id)
      .execute();
    expect(rows).toEqual([{ language: "cy" }]);
  });
});
