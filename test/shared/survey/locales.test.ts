import { describe, expect, it } from "vitest";
import {
  EASY_READ,
  isLocalisedText,
  isRightToLeft,
  languageName,
  localesIn,
  mainLocale,
} from "../../../shared/survey/locales.ts";

describe("languages in a survey definition", () => {
  const definition = {
    pages: [
      {
        elements: [
          {
            type: "radiogroup",
            name: "q",
            title: { default: "Hello", pl: "Cześć", ar: "مرحبا" },
            choices: [{ value: 1, text: { default: "Yes", [EASY_READ]: "Yes" } }],
            validators: [{ type: "numeric", text: "A number" }],
          },
        ],
      },
    ],
  };

  it("finds every locale, main language first, in the order met", () => {
    expect(localesIn(definition)).toEqual(["en", "pl", "ar", EASY_READ]);
    expect(localesIn({ ...definition, locale: "cy" })[0]).toBe("cy");
  });

  it("does not take short-keyed settings for localised text", () => {
    expect(isLocalisedText({ max: "5" })).toBe(false);
    expect(isLocalisedText({ name: "q" })).toBe(false);
    expect(isLocalisedText({ pl: "Tak" })).toBe(true);
    expect(isLocalisedText({ default: "Yes", xx: "?" })).toBe(true);
    expect(isLocalisedText({ default: 1 })).toBe(false);
    expect(
      localesIn({ elements: [{ type: "rating", name: "r", rateMax: 5, settings: { max: "5" } }] }),
    ).toEqual(["en"]);
  });

  it("knows the main language and right-to-left scripts", () => {
    expect(mainLocale({})).toBe("en");
    expect(mainLocale({ locale: "default" })).toBe("en");
    expect(mainLocale(null)).toBe("en");
    for (const rtl of ["ar", "ur", "fa", "he", "ur-PK"]) expect(isRightToLeft(rtl)).toBe(true);
    for (const ltr of ["en", "pl", EASY_READ, "pt-br"]) expect(isRightToLeft(ltr)).toBe(false);
  });

  it("names languages for people", () => {
    expect(languageName("pl")).toBe("polski");
    expect(languageName("pl", "en")).toBe("Polish");
    expect(languageName(EASY_READ)).toBe("Easy Read English");
  });
});
