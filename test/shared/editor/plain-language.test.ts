import { describe, expect, it } from "vitest";
import {
  checkPlainLanguage,
  readingEase,
  sentences,
  syllables,
} from "../../../shared/editor/plain-language.ts";
import { questionsNeedingWork, worstQuestions } from "../../../shared/editor/plain-language-survey.ts";
import { normaliseSurvey } from "../../../shared/editor/survey-json.ts";

describe("plain-language check", () => {
  it("counts syllables the usual way", () => {
    expect(
      ["cat", "table", "support", "worker", "accommodation", "the", "someone", "did"].map(syllables),
    ).toEqual([1, 2, 2, 2, 5, 1, 2, 1]);
  });

  it("splits sentences at full stops, question marks and line breaks", () => {
    expect(sentences("Are you happy? We will not write your name. Thanks\nNext")).toHaveLength(4);
    expect(sentences("")).toEqual([]);
  });

  it("scores short everyday questions as easy and officialese as hard", () => {
    const easy = readingEase("Do workers listen to what you want?");
    const hard = readingEase(
      "Please indicate the extent to which practitioners facilitate meaningful engagement regarding individualised interventions.",
    );
    expect(easy).toBeGreaterThanOrEqual(80);
    expect(hard).toBeLessThan(30);
    expect(readingEase("")).toBeNull();
  });

  it("keeps the score between 0 and 100", () => {
    expect(readingEase("Yes")).toBeLessThanOrEqual(100);
    expect(readingEase("Interdisciplinary multiagency operationalisation")).toBeGreaterThanOrEqual(0);
  });

  it("hints at long sentences, long words and jargon with a plainer word", () => {
    const result = checkPlainLanguage(
      "We would like to understand whether the support that you have received from the different services in this area over the last three months has been helpful to you. Did staff facilitate your accommodation?",
    );
    const kinds = result.hints.map((h) => h.kind);
    expect(kinds).toContain("long-sentence");
    expect(result.hints).toContainEqual(
      expect.objectContaining({ kind: "jargon", word: "facilitate", instead: "help, run" }),
    );
    expect(result.hints).toContainEqual(expect.objectContaining({ kind: "jargon", word: "accommodation" }));
    // A word flagged as jargon is not flagged again as long.
    expect(result.hints.filter((h) => h.kind === "long-word" && h.word === "accommodation")).toEqual([]);
    expect(result.band).not.toBeNull();
  });

  it("matches jargon phrases across line breaks and not inside other words", () => {
    expect(checkPlainLanguage("Is this a service\nuser group?").hints).toContainEqual(
      expect.objectContaining({ word: "service user" }),
    );
    expect(checkPlainLanguage("Outcomes matter").hints.some((h) => h.kind === "jargon")).toBe(false);
  });

  it("lists the survey's hardest questions first", () => {
    const survey = normaliseSurvey({
      pages: [
        {
          name: "p",
          elements: [
            { type: "boolean", name: "easy", title: "Are you OK today?" },
            {
              type: "comment",
              name: "hard",
              title: "To what extent do practitioners facilitate individualised interventions?",
            },
            { type: "html", name: "info", html: "<p>Thank you for <b>taking part</b>.</p>" },
            {
              type: "panel",
              name: "panel",
              elements: [{ type: "text", name: "nested", title: "Your age?" }],
            },
          ],
        },
      ],
    });
    const ranked = worstQuestions(survey);
    expect(ranked[0]?.name).toBe("hard");
    expect(ranked.map((q) => q.name)).toEqual(expect.arrayContaining(["easy", "info", "nested"]));
    expect(ranked.map((q) => q.name)).not.toContain("panel");
    expect(questionsNeedingWork(survey).map((q) => q.name)).toEqual(["hard"]);
  });
});
