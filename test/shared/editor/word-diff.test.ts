import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseSurvey } from "../../../shared/editor/survey-json.ts";
import { diffWording } from "../../../shared/editor/version-diff.ts";
import { diffWords, hasChanges } from "../../../shared/editor/word-diff.ts";

const textBefore = (segments: ReturnType<typeof diffWords>) =>
  segments
    .filter((s) => s.kind !== "added")
    .map((s) => s.text)
    .join(" ");
const textAfter = (segments: ReturnType<typeof diffWords>) =>
  segments
    .filter((s) => s.kind !== "removed")
    .map((s) => s.text)
    .join(" ");
const words = (text: string) => text.split(/\s+/).filter(Boolean).join(" ");

describe("word diff", () => {
  it("marks the words a reader would mark with a pen", () => {
    expect(diffWords("How much say do you get?", "How much say do you have?")).toEqual([
      { kind: "same", text: "How much say do you" },
      { kind: "removed", text: "get?" },
      { kind: "added", text: "have?" },
    ]);
    expect(diffWords("", "New words")).toEqual([{ kind: "added", text: "New words" }]);
    expect(diffWords("Old words", "")).toEqual([{ kind: "removed", text: "Old words" }]);
    expect(diffWords("Same  words\n", "Same words")).toEqual([{ kind: "same", text: "Same words" }]);
    expect(hasChanges(diffWords("a b", "a b"))).toBe(false);
  });

  it("always rebuilds both texts from its segments", () => {
    const text = fc
      .array(fc.constantFrom("you", "say", "do", "how", "much", "support", "?"), { maxLength: 30 })
      .map((w) => w.join(" "));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const segments = diffWords(a, b);
        expect(textBefore(segments)).toBe(words(a));
        expect(textAfter(segments)).toBe(words(b));
      }),
    );
  });

  it("stays within bounds on very long texts", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(" ");
    const b = Array.from({ length: 3000 }, (_, i) => `w${i * 7}`).join(" ");
    const segments = diffWords(a, b);
    expect(textBefore(segments)).toBe(a);
    expect(textAfter(segments)).toBe(b);
  });
});

describe("wording diff between versions", () => {
  it("reports added, removed and reworded questions, choices and pages, and ignores non-wording changes", () => {
    const v1 = normaliseSurvey({
      title: "Check-in",
      pages: [
        {
          name: "p1",
          title: "About you",
          elements: [
            {
              type: "radiogroup",
              name: "a",
              title: "Where do you stay?",
              choices: [{ value: "own", text: "My place" }],
            },
            { type: "comment", name: "gone", title: "Anything else?" },
            { type: "boolean", name: "same", title: "OK?", isRequired: true },
          ],
        },
      ],
    });
    const v2 = normaliseSurvey({
      title: "Check-in",
      pages: [
        {
          name: "p1",
          title: "About you today",
          elements: [
            {
              type: "radiogroup",
              name: "a",
              title: "Where are you staying?",
              choices: [{ value: "own", text: "My own place" }],
            },
            { type: "boolean", name: "same", title: "OK?" },
            { type: "text", name: "new", title: "Your age" },
          ],
        },
      ],
    });
    const items = diffWording(v1, v2);
    expect(items.map((i) => [i.kind, i.name, i.status])).toEqual([
      ["page", "p1", "changed"],
      ["question", "a", "changed"],
      ["question", "new", "added"],
      ["question", "gone", "removed"],
    ]);
    expect(items[1]?.strings.map((s) => s.key)).toEqual(["title", "choices:own"]);
  });
});
