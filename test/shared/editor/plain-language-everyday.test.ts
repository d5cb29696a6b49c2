import { describe, expect, it } from "vitest";
import { everydayWords } from "../../../shared/editor/everyday-words.ts";
import {
  checkPlainLanguage,
  HARD_WORD_PENALTY,
  isEverydayWord,
  LONG_SENTENCE_PENALTY,
  PLAIN_TARGET,
  readingEase,
  words,
} from "../../../shared/editor/plain-language.ts";
import { worstQuestions } from "../../../shared/editor/plain-language-survey.ts";
import { normaliseSurvey } from "../../../shared/editor/survey-json.ts";

const everyday = everydayWords();
// Issue 15: Flesch alone rated this 69/100, "plain".
const NOTWITHSTANDING =
  "Notwithstanding the support you received from services in the past, do you feel that your worker listens to what you want now?";

describe("plain-language measure with everyday words (issue 15)", () => {
  it("does not rate the 22-word sentence with “notwithstanding” plain, and says why", () => {
    expect(words(NOTWITHSTANDING)).toHaveLength(22);
    expect(readingEase(NOTWITHSTANDING)).toBe(69);
    const result = checkPlainLanguage(NOTWITHSTANDING, { everyday });
    expect(result.readingEase).toBe(69);
    expect(result.score).toBe(69 - LONG_SENTENCE_PENALTY - HARD_WORD_PENALTY);
    expect(result.score).toBeLessThan(PLAIN_TARGET);
    expect(result.band).not.toBe("plain");
    expect(result.uncommon).toEqual(["Notwithstanding"]);
    expect(result.steps.map((s) => s.points)).toEqual([69, -LONG_SENTENCE_PENALTY, -HARD_WORD_PENALTY]);
    expect(result.steps[1]?.reason).toMatch(/^A sentence of 22 words: “Notwithstanding the support/);
    expect(result.steps[2]?.reason).toContain("“notwithstanding”");
    expect(result.hints).toContainEqual(
      expect.objectContaining({ kind: "long-sentence", words: 22, sentence: NOTWITHSTANDING }),
    );
    expect(result.hints).toContainEqual(
      expect.objectContaining({ kind: "uncommon-word", word: "Notwithstanding" }),
    );
  });

  it("takes a long sentence off even without the word list, so it is never plain by the formula alone", () => {
    const result = checkPlainLanguage(NOTWITHSTANDING);
    expect(result.score).toBe(69 - LONG_SENTENCE_PENALTY);
    expect(result.uncommon).toEqual([]);
  });

  it("leaves everyday questions as they were", () => {
    for (const text of [
      "Did staff help you make a plan?",
      "Do workers listen to you?",
      "How often do you feel safe where you're living? I don't know.",
      "How many nights did you spend sleeping in a hostel or shelter?",
    ]) {
      const result = checkPlainLanguage(text, { everyday });
      expect(result.uncommon, text).toEqual([]);
      expect(result.score, text).toBe(result.readingEase);
      expect(result.steps, text).toHaveLength(1);
    }
  });

  it("names uncommon words and gives the plainer word from the jargon list", () => {
    const result = checkPlainLanguage(
      "Please indicate whether practitioners facilitate your accommodation.",
      { everyday },
    );
    expect(result.uncommon).toEqual(expect.arrayContaining(["practitioners"]));
    expect(result.hints).toContainEqual(
      expect.objectContaining({ kind: "jargon", word: "facilitate", instead: "help, run" }),
    );
    expect(result.hints).toContainEqual(
      expect.objectContaining({ kind: "jargon", word: "accommodation", instead: "place to stay, home" }),
    );
    // A jargon word is not also listed as uncommon.
    expect(result.uncommon).not.toContain("facilitate");
    expect(result.steps.at(-1)?.reason).toMatch(
      /“facilitate”.*“practitioners”|“practitioners”.*“facilitate”/,
    );
  });

  it("caps the points taken off for words", () => {
    const result = checkPlainLanguage(
      "Ameliorate obfuscation, promulgate perspicacity, eschew sesquipedalian verbosity, notwithstanding.",
      { everyday },
    );
    expect(result.steps.at(-1)?.points).toBe(-30);
  });

  it("knows everyday words through their endings, contractions and hyphens, and skips names", () => {
    for (const word of [
      "helped",
      "workers",
      "families",
      "stopped",
      "don't",
      "can't",
      "you're",
      "short-term",
      "7",
      "I",
    ]) {
      expect(isEverydayWord(word, everyday), word).toBe(true);
    }
    for (const word of ["notwithstanding", "practitioners", "heretofore", "MEAM"]) {
      expect(isEverydayWord(word, everyday), word).toBe(false);
    }
    const named = checkPlainLanguage("Did you see Jo at Leeds station?", { everyday });
    expect(named.uncommon).toEqual([]);
  });

  it("ranks a survey's questions with the word list", () => {
    const survey = normaliseSurvey({
      pages: [
        {
          name: "p",
          elements: [
            { type: "boolean", name: "plan", title: "Did staff help you make a plan?" },
            { type: "comment", name: "listens", title: NOTWITHSTANDING },
          ],
        },
      ],
    });
    const ranked = worstQuestions(survey, { everyday });
    expect(ranked.map((q) => q.name)).toEqual(["listens", "plan"]);
    expect(ranked[0]?.score).toBeLessThan(PLAIN_TARGET);
  });

  it("keeps the list small enough to load lazily", () => {
    expect(everyday.size).toBeGreaterThan(3000);
    expect(everyday.size).toBeLessThan(6000);
    expect(everyday.has("notwithstanding")).toBe(false);
    expect(everyday.has("help")).toBe(true);
  });
});
