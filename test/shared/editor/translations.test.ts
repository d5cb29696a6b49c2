import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { checkDefinition } from "../../../shared/editor/check-definition.ts";
import { checkEasyRead } from "../../../shared/editor/easy-read-check.ts";
import {
  checkPicture,
  checkPictures,
  pictureOf,
  setPicture,
} from "../../../shared/editor/easy-read-pictures.ts";
import {
  keepLocales,
  languageContent,
  languageProgress,
  setTranslation,
  translatableStrings,
  translationStatus,
} from "../../../shared/editor/translations.ts";
import { parseCsv, readTranslationsCsv, translationsToCsv } from "../../../shared/editor/translations-csv.ts";

const survey = {
  title: "Your views",
  completedHtml: "<p>Thank you</p>",
  pages: [
    {
      name: "p1",
      title: "About you",
      elements: [
        { type: "text", name: "name", title: 'Say "hello", then\nwrite your name' },
        {
          type: "radiogroup",
          name: "home",
          title: "Where do you live?",
          choices: ["House", { value: "flat", text: "=A flat" }],
        },
        {
          type: "text",
          name: "age",
          title: { default: "How old are you?", pl: "Ile masz lat?" },
          validators: [{ type: "numeric", text: "Use a number" }],
        },
      ],
    },
  ],
};

const titleOf = (def: { pages: { elements: unknown[] }[] } | null): unknown =>
  (def?.pages[0]?.elements[2] as { title?: unknown } | undefined)?.title;

describe("translatable strings", () => {
  it("lists every text a participant sees under keys made of names", () => {
    const keys = translatableStrings(survey).map((s) => s.key);
    expect(keys).toEqual([
      "survey:title",
      "survey:completedHtml",
      "page:p1:title",
      "q:name:title",
      "q:home:title",
      "q:home:choices:House",
      "q:home:choices:flat",
      "q:age:title",
      "q:age:validators:0",
    ]);
    const age = translatableStrings(survey).find((s) => s.key === "q:age:title");
    expect(age?.texts).toEqual({ pl: "Ile masz lat?" });
  });

  it("sets a translation, turning a bare choice into a localised one, and removes it again", () => {
    const next = setTranslation(survey, "q:home:choices:House", "pl", "Dom");
    const home = next?.pages[0]?.elements[1] as unknown as { choices: unknown[] };
    expect(home.choices[0]).toEqual({ value: "House", text: { default: "House", pl: "Dom" } });
    const plain = setTranslation(survey, "q:age:title", "pl", "");
    expect(titleOf(plain)).toBe("How old are you?");
    expect(setTranslation(survey, "q:nothing:title", "pl", "x")).toBeNull();
    expect(setTranslation(survey, "q:age:title", "default", "x")).toBeNull();
  });

  it("marks a translation out of date when the source changed after it was made", () => {
    const strings = translatableStrings(survey);
    const age = strings.find((s) => s.key === "q:age:title");
    if (!age) throw new Error("no age");
    expect(translationStatus(age, "pl", { pl: { "q:age:title": "How old are you?" } })).toBe("done");
    expect(translationStatus(age, "pl", { pl: { "q:age:title": "What is your age?" } })).toBe("out_of_date");
    expect(translationStatus(age, "ar", {})).toBe("missing");
    const progress = languageProgress(strings, "pl", { pl: { "q:age:title": "What is your age?" } });
    expect(progress).toEqual({ total: 9, missing: 8, outOfDate: 1 });
    const changed = setTranslation(survey, "q:age:title", "pl", "Ile lat?");
    expect(languageContent(translatableStrings(changed), "pl")).not.toBe(languageContent(strings, "pl"));
  });

  it("keeps only offered languages, collapsing a text left with its main language to a string", () => {
    const withAr = setTranslation(survey, "q:age:title", "ar", "كم عمرك؟");
    const kept = keepLocales(withAr, ["pl"]);
    expect(titleOf(kept)).toEqual({
      default: "How old are you?",
      pl: "Ile masz lat?",
    });
    const none = keepLocales(withAr, []);
    expect(titleOf(none)).toBe("How old are you?");
  });
});

describe("translations CSV", () => {
  it("round-trips commas, quotes, newlines, right-to-left text and formula-looking cells", () => {
    let def: unknown = setTranslation(survey, "q:name:title", "ar", 'قل "مرحبا"،\nثم اكتب اسمك');
    def = setTranslation(def, "q:home:choices:flat", "pl", "=SUM(A1) mieszkanie, duże");
    def = setTranslation(def, "q:age:title", "pl", "'quoted");
    const strings = translatableStrings(def);
    const csv = translationsToCsv(strings, "en", ["pl", "ar"]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    expect(csv).not.toMatch(/(^|,)"?[=+\-@]/m);
    expect(csv).toContain("'=A flat");
    const read = readTranslationsCsv(csv, strings, "en");
    expect(read.problems).toEqual([]);
    const byKey = Object.fromEntries(read.translations.map((t) => [`${t.key}/${t.locale}`, t]));
    expect(byKey["q:name:title/ar"]?.text).toBe('قل "مرحبا"،\nثم اكتب اسمك');
    expect(byKey["q:home:choices:flat/pl"]?.text).toBe("=SUM(A1) mieszkanie, duże");
    expect(byKey["q:age:title/pl"]?.text).toBe("'quoted");
    expect(byKey["q:name:title/ar"]?.translatedFrom).toBe('Say "hello", then\nwrite your name');
  });

  it("refuses with the row and column what it cannot use", () => {
    const strings = translatableStrings(survey);
    const csv =
      "id,question,English (en),Klingon (tlhx!)\r\nq:gone:title,,x,y\r\nq:age:title,,x,y\r\nq:age:title,,x,y\r\n";
    const read = readTranslationsCsv(csv, strings, "en");
    expect(read.problems).toContainEqual({ row: 1, column: "Klingon (tlhx!)", message: expect.any(String) });
    expect(read.problems).toContainEqual({
      row: 2,
      column: "id",
      message: expect.stringContaining("No text"),
    });
    expect(read.problems).toContainEqual({ row: 4, column: "id", message: expect.stringContaining("twice") });
    expect(parseCsv('id,pl\r\n"open,x')).toMatchObject({
      row: 2,
      message: expect.stringContaining("not closed"),
    });
    expect(readTranslationsCsv("", strings, "en").problems).toHaveLength(1);
  });
});

const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

describe("Easy Read", () => {
  it("accepts a small PNG and a clean SVG, refuses scripts, wrong types and huge pictures", () => {
    expect(checkPicture(PNG)).toMatchObject({ ok: true });
    const svg = (s: string) => `data:image/svg+xml;base64,${btoa(s)}`;
    expect(checkPicture(svg('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'))).toMatchObject({
      ok: true,
    });
    expect(checkPicture(svg("<svg><script>alert(1)</script></svg>"))).toMatchObject({ ok: false });
    expect(checkPicture(svg('<svg onload="alert(1)"></svg>'))).toMatchObject({ ok: false });
    expect(checkPicture(svg('<svg><image href="https://x.example/a.png"/></svg>'))).toMatchObject({
      ok: false,
    });
    expect(checkPicture("data:text/html;base64,PGgxPg==")).toMatchObject({ ok: false });
    expect(checkPicture(PNG.replace("image/png", "image/jpeg"))).toMatchObject({ ok: false });
    expect(checkPicture(`data:image/png;base64,${"A".repeat(500_000)}`)).toMatchObject({ ok: false });
  });

  it("puts a question's picture before it, shown only in Easy Read, and needs alt text", () => {
    const withPicture = setPicture(survey, "age", undefined, { dataUrl: PNG, alt: "A birthday cake" });
    const names = withPicture?.pages[0]?.elements.map((e) => e.name);
    expect(names).toEqual(["name", "home", "age__easy_read", "age"]);
    expect(pictureOf(withPicture, "age")).toEqual({ dataUrl: PNG, alt: "A birthday cake" });
    expect(checkPictures(withPicture)).toEqual([]);
    const noAlt = setPicture(survey, "age", undefined, { dataUrl: PNG, alt: "" });
    expect(checkPictures(noAlt)).toHaveLength(1);
    const choices = setPicture(
      setPicture(survey, "home", "House", { dataUrl: PNG, alt: "A house" }),
      "home",
      "flat",
      {
        dataUrl: PNG,
        alt: "A flat",
      },
    );
    const els = choices?.pages[0]?.elements ?? [];
    expect(els.map((e) => [e.name, e.startWithNewLine])).toEqual([
      ["name", undefined],
      ["home", undefined],
      ["home__easy_read__House", undefined],
      ["home__easy_read__flat", false],
      ["age", undefined],
    ]);
  });

  it("shows the pictures in a SurveyJS interview only when Easy Read is chosen", () => {
    const withPicture = setPicture(survey, "age", undefined, { dataUrl: PNG, alt: "A birthday cake" });
    const model = new Model(withPicture);
    const picture = model.getQuestionByName("age__easy_read") as unknown as {
      isVisible: boolean;
      imageLink: string;
      altText: string;
    };
    expect(picture.isVisible).toBe(false);
    model.locale = "en-easy";
    expect(picture.isVisible).toBe(true);
    expect(picture.imageLink).toBe(PNG);
    expect(picture.altText).toBe("A birthday cake");
    // The definition check accepts the survey-property condition (it refused "$survey" before).
    expect(
      checkDefinition(withPicture, { outcomeIds: new Set() }).issues.filter((i) => i.severity === "error"),
    ).toEqual([]);
  });

  it("asks for shorter sentences and one idea each", () => {
    expect(checkEasyRead("Do you have a home?")).toEqual([]);
    const hints = checkEasyRead(
      "Thinking about the last twelve months, have you stayed somewhere overnight because you had nowhere else to go?",
    );
    expect(hints.map((h) => h.kind)).toContain("long-sentence");
    expect(checkEasyRead("Do you rent, and do you share, or live alone?").map((h) => h.kind)).toContain(
      "two-ideas",
    );
  });
});
