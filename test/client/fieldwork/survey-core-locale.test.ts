import { readFileSync } from "node:fs";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { loadSanitiser } from "../../../client/fieldwork/html-sanitiser.ts";
import { createInterviewModel } from "../../../client/fieldwork/interview-model.ts";
import { loadSurveyCoreLocale } from "../../../client/fieldwork/survey-core-locale.ts";

// Issue 18: survey-core's own words (Next, Complete, "Response required.") in the participant's language,
// loaded from a lazy chunk per language (decision 0043).

const definition = JSON.parse(
  readFileSync(new URL("../../fixtures/surveys/three-languages.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

describe("survey-core's words in the participant's language", () => {
  it("loads Polish and Arabic, a regional tag through its base language, and nothing for English", async () => {
    expect(await loadSurveyCoreLocale("pl")).toBe(true);
    expect(await loadSurveyCoreLocale("ar")).toBe(true);
    expect(await loadSurveyCoreLocale("pt-PT")).toBe(true);
    expect(await loadSurveyCoreLocale("en")).toBe(false);
    expect(await loadSurveyCoreLocale("en-easy")).toBe(false);
    expect(await loadSurveyCoreLocale("xx")).toBe(false);
    const model = new Model(definition);
    model.locale = "pl";
    expect(model.pageNextText).toBe("Dalej");
    expect(model.completeText).toBe("Gotowe");
    model.locale = "pt-pt";
    expect(model.pageNextText).not.toBe("Next");
  });

  it("registers survey-core's packs under our key where survey-core names the language otherwise", async () => {
    expect(await loadSurveyCoreLocale("my")).toBe(true);
    const model = new Model(definition);
    model.locale = "my";
    expect(model.pageNextText).not.toBe("Next");
  });

  it("words the consent button in the view's language, not in the language the model was built in", async () => {
    await loadSurveyCoreLocale("pl");
    const model = createInterviewModel(definition, await loadSanitiser());
    // What the button shows (survey-core renders the text through its callback).
    const button = () => model.getLocalizableString("completeText").calculatedText;
    expect(button()).toBe("Next");
    model.locale = "pl";
    expect(button()).toBe("Dalej");
    model.setValue("consent", true);
    expect(button()).toBe("Gotowe");
    model.locale = "";
    expect(button()).toBe("Complete");
    model.setValue("consent", false);
    expect(button()).toBe("End here: consent not given");
  });
});
