import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SurveyId } from "../../shared/contract/surveys.schema.ts";
import { indicatorDirections, registerAlongsideProperties } from "../../shared/survey/properties.ts";
import { TheoryOfChange } from "../../shared/toc/theory-of-change.schema.ts";
import { isOutcomeId } from "../../shared/toc/theory-of-change.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const instrumentsDir = join(repoRoot, "surveys/instruments");
const toc = TheoryOfChange.parse(
  JSON.parse(readFileSync(join(repoRoot, "surveys/theory-of-change.json"), "utf8")),
);

/**
 * Choices that are a way of not answering. They carry no score so they never pull an indicator
 * up or down; every other choice of a scored question must say what it is worth. "other" is
 * survey-core's own value for its "Somewhere else" style item.
 */
const unscoredChoiceValues = new Set(["prefer_not_to_say", "dont_know", "not_applicable", "other"]);

const Choice = z.union([
  z.string(),
  z.number(),
  z.looseObject({
    value: z.union([z.string(), z.number()]),
    text: z.string().optional(),
    score: z.number().optional(),
  }),
]);
type Choice = z.infer<typeof Choice>;

interface Element {
  type: string;
  name: string;
  title?: string | undefined;
  description?: string | undefined;
  isRequired?: boolean | undefined;
  outcome?: string | undefined;
  indicator?: string | undefined;
  inputType?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  choices?: Choice[] | undefined;
  elements?: Element[] | undefined;
}
const Element: z.ZodType<Element> = z.looseObject({
  type: z.string(),
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  isRequired: z.boolean().optional(),
  outcome: z.string().optional(),
  indicator: z.string().optional(),
  inputType: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  choices: z.array(Choice).optional(),
  get elements() {
    return z.array(Element).optional();
  },
});

const InstrumentFile = z.strictObject({
  id: SurveyId,
  title: z.string().min(1),
  description: z.string().min(1),
  definition: z.looseObject({
    pages: z.array(
      z.looseObject({ name: z.string(), visibleIf: z.string().optional(), elements: z.array(Element) }),
    ),
  }),
});
type InstrumentFile = z.infer<typeof InstrumentFile>;

const files = readdirSync(instrumentsDir)
  .filter((file) => file.endsWith(".json"))
  .sort();
const instruments = files.map((file) => ({
  file,
  instrument: InstrumentFile.parse(JSON.parse(readFileSync(join(instrumentsDir, file), "utf8"))),
}));

/** Every element, panels opened up, in page order. */
function elementsOf(instrument: InstrumentFile): Element[] {
  const walk = (elements: Element[]): Element[] => elements.flatMap((el) => [el, ...walk(el.elements ?? [])]);
  return instrument.definition.pages.flatMap((page) => walk(page.elements));
}

function choiceValue(choice: Choice): string | number {
  return typeof choice === "object" ? choice.value : choice;
}

function choiceScore(choice: Choice): number | undefined {
  return typeof choice === "object" ? choice.score : undefined;
}

function isScored(el: Element): boolean {
  if (el.type === "rating") return true;
  if (el.type === "boolean") return el.name !== "consent";
  if (el.type === "text") return el.inputType === "number";
  return (el.choices ?? []).some((choice) => choiceScore(choice) !== undefined);
}

function buildModel(instrument: InstrumentFile): Model {
  registerAlongsideProperties();
  return new Model(instrument.definition);
}

describe("survey instruments", () => {
  it("includes the three instruments the evaluation starts with", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "area-self-assessment.json",
        "expert-involvement.json",
        "participant-interview.json",
      ]),
    );
  });

  it("names each instrument after its file, with no id used twice", () => {
    const ids = instruments.map(({ instrument }) => instrument.id);
    expect(ids).toEqual(files.map((file) => basename(file, ".json")));
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(instruments)("$file", ({ instrument }) => {
    const elements = elementsOf(instrument);
    const tagged = elements.filter((el) => el.outcome !== undefined);

    it("loads in survey-core with no JSON errors", () => {
      const model = buildModel(instrument);
      expect(model.jsonErrors ?? []).toEqual([]);
      expect(model.getAllQuestions().length).toBe(elements.filter((el) => el.type !== "panel").length);
    });

    it("gives every question a unique snake_case name", () => {
      const names = elements.map((el) => el.name);
      expect(names.filter((name) => !/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(name))).toEqual([]);
      expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    });

    it("tags questions only with outcome nodes of the theory of change", () => {
      expect(tagged.length).toBeGreaterThan(0);
      expect(tagged.filter((el) => !isOutcomeId(toc, el.outcome ?? "")).map((el) => el.outcome)).toEqual([]);
    });

    it("says which way is better for every tagged question", () => {
      const directions: readonly string[] = indicatorDirections;
      expect(tagged.filter((el) => !directions.includes(el.indicator ?? "")).map((el) => el.name)).toEqual(
        [],
      );
    });

    it("tags every scored question with an outcome", () => {
      expect(elements.filter((el) => isScored(el) && el.outcome === undefined).map((el) => el.name)).toEqual(
        [],
      );
    });

    it("scores every choice of a tagged question except ways of not answering", () => {
      const unscored = tagged.flatMap((el) =>
        (el.choices ?? [])
          .filter(
            (choice) =>
              choiceScore(choice) === undefined && !unscoredChoiceValues.has(String(choiceValue(choice))),
          )
          .map((choice) => `${el.name}: ${choiceValue(choice)}`),
      );
      expect(unscored).toEqual([]);
    });

    it("reads scores from the JSON through the registered choice property", () => {
      const model = buildModel(instrument);
      for (const el of tagged.filter((candidate) => candidate.choices !== undefined)) {
        const question = model.getQuestionByName(el.name);
        const fromModel = question.choices.map((item: { getPropertyValue(name: string): unknown }) =>
          item.getPropertyValue("score"),
        );
        expect(fromModel, el.name).toEqual((el.choices ?? []).map(choiceScore));
        expect(question.getPropertyValue("outcome")).toBe(el.outcome);
      }
    });

    it("bounds every number question between 0 and a stated maximum", () => {
      const numbers = elements.filter((el) => el.type === "text" && el.inputType === "number");
      expect(numbers.filter((el) => el.min !== 0 || el.max === undefined).map((el) => el.name)).toEqual([]);
    });

    it("makes nothing but consent compulsory", () => {
      expect(
        elements.filter((el) => el.isRequired === true && el.name !== "consent").map((el) => el.name),
      ).toEqual([]);
    });

    it("keeps sentences short enough to read aloud", () => {
      // A rough stand-in for a reading age of 9 to 11: no sentence a participant sees runs past 20 words.
      const texts = elements.flatMap((el) => [
        el.title ?? "",
        el.description ?? "",
        ...(el.choices ?? []).map((choice) => (typeof choice === "object" ? (choice.text ?? "") : "")),
      ]);
      const long = texts
        .flatMap((text) => text.split(/[.?!]\s+/))
        .filter((sentence) => sentence.split(/\s+/).filter(Boolean).length > 20);
      expect(long).toEqual([]);
    });
  });
});

describe("participant interview consent", () => {
  const found = instruments.find(({ instrument }) => instrument.id === "participant-interview");
  if (found === undefined) throw new Error("participant-interview.json is missing");
  const { instrument } = found;

  it("asks for consent first, and makes the yes compulsory to answer", () => {
    const first = instrument.definition.pages[0]?.elements[0];
    expect(first).toMatchObject({ name: "consent", isRequired: true });
  });

  it("shows nothing else when the participant says no", () => {
    const model = buildModel(instrument);
    model.setValue("consent", false);
    expect(model.getAllQuestions(true).map((q) => q.name)).toEqual(["consent"]);
    expect(model.visiblePages.length).toBe(1);
  });

  it("shows nothing else before consent is given", () => {
    const model = buildModel(instrument);
    expect(model.getAllQuestions(true).map((q) => q.name)).toEqual(["consent"]);
  });

  it("opens every question once the participant says yes", () => {
    const model = buildModel(instrument);
    model.setValue("consent", true);
    expect(model.getAllQuestions(true).length).toBe(model.getAllQuestions().length);
  });

  it("offers prefer not to say on the accommodation question", () => {
    const accommodation = elementsOf(instrument).find((el) => el.name === "accommodation_now");
    expect(accommodation?.choices?.map(choiceValue)).toContain("prefer_not_to_say");
  });
});
