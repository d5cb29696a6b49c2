import { describe, expect, it } from "vitest";
import { describeSummary, summariseChanges } from "../../../shared/editor/change-summary.ts";
import { checkDefinition, publishBlockers, stripUnknown } from "../../../shared/editor/check-definition.ts";
import { dataNameChanges, lockedChanges } from "../../../shared/editor/guards.ts";
import { applySuggestion } from "../../../shared/editor/suggestion.ts";
import { normaliseSurvey } from "../../../shared/editor/survey-json.ts";

const survey = (...elements: Record<string, unknown>[]) =>
  normaliseSurvey({ pages: [{ name: "p", elements }] });
const locked = { type: "rating", name: "opt", title: "I feel optimistic", locked: true, rateMax: 5 };

describe("locked questions", () => {
  it("lets what is not wording change and flags rewording and unlocking", () => {
    const before = survey(locked);
    expect(lockedChanges(before, null, survey({ ...locked, isRequired: true, outcome: "x" }))).toEqual([]);
    expect(lockedChanges(before, null, survey({ ...locked, title: "I feel hopeful" }))).toEqual([
      expect.objectContaining({ question: "opt", kind: "reworded" }),
    ]);
    expect(lockedChanges(before, null, survey({ ...locked, rateMax: 7 }))[0]?.kind).toBe("reworded");
    expect(lockedChanges(before, null, survey({ ...locked, locked: false }))[0]?.kind).toBe("unlocked");
  });

  it("remembers a lock from the published version after the draft dropped the question", () => {
    expect(
      lockedChanges(survey(), survey(locked), survey({ ...locked, locked: undefined, title: "x" })),
    ).toEqual([expect.objectContaining({ kind: "unlocked" })]);
  });
});

describe("published data names", () => {
  const published = survey(
    { type: "rating", name: "mood", title: "How is your mood?" },
    { type: "html", name: "info" },
  );

  it("notices a rename, a removal and a change of type; ignores items with no answer", () => {
    expect(
      dataNameChanges(published, survey({ type: "rating", name: "mood_now", title: "How is your mood?" })),
    ).toEqual([expect.objectContaining({ name: "mood", change: "removed", renamedTo: "mood_now" })]);
    expect(dataNameChanges(published, survey())).toEqual([
      expect.objectContaining({
        name: "mood",
        change: "removed",
        message: expect.stringContaining("series ends"),
      }),
    ]);
    expect(dataNameChanges(published, survey({ type: "text", name: "mood" }))[0]?.change).toBe(
      "type_changed",
    );
    expect(dataNameChanges(published, survey({ type: "rating", name: "x", valueName: "mood" }))).toEqual([]);
  });
});

describe("definition checks", () => {
  it("passes a sound survey and blocks publishing an unknown outcome", () => {
    const def = {
      pages: [
        {
          name: "p",
          elements: [{ type: "rating", name: "r", outcome: "outcome-x", indicator: "higherIsBetter" }],
        },
      ],
    };
    const report = checkDefinition(def, { outcomeIds: new Set(["outcome-y"]) });
    expect(report.issues).toEqual([
      expect.objectContaining({ code: "unknown_outcome", severity: "warning" }),
    ]);
    expect(publishBlockers(report)).toEqual([
      expect.objectContaining({ code: "unknown_outcome", severity: "error" }),
    ]);
    expect(checkDefinition(def, { outcomeIds: new Set(["outcome-x"]) }).issues).toEqual([]);
  });

  it("strips exactly the unknown parts it reports, and nothing else", () => {
    const def = {
      title: "T",
      bogus: 1,
      pages: [
        {
          name: "p",
          elements: [
            {
              type: "radiogroup",
              name: "q",
              title: { default: "Q", pl: "P" },
              choices: ["a", { value: "b", text: "B", score: 2, junk: true }],
              validators: [{ type: "regex", regex: "x", nope: 1 }],
              outcome: "o",
            },
            { type: "madeup", name: "m" },
          ],
        },
      ],
    };
    const { definition, removed } = stripUnknown(def);
    expect(removed).toEqual([
      "bogus (not a property of survey)",
      "pages[0].elements[0].choices[1].junk (not a property of choiceitem)",
      "pages[0].elements[0].validators[0].nope (not a property of regexvalidator)",
      "pages[0].elements[1] (unknown type “madeup”)",
    ]);
    expect(checkDefinition(definition).issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(definition.pages[0]?.elements[0]).toMatchObject({
      title: { default: "Q", pl: "P" },
      outcome: "o",
    });
  });
});

describe("suggestions and change summaries", () => {
  it("applies a suggestion only to the wording it was made against, keeping translations", () => {
    const s = survey({ type: "comment", name: "q", title: { default: "Old", pl: "Stare" } });
    const applied = applySuggestion(s, { question: "q", field: "title", original: "Old", proposed: "New" });
    expect(applied.ok && applied.survey.pages[0]?.elements[0]?.title).toEqual({
      default: "New",
      pl: "Stare",
    });
    expect(applySuggestion(s, { question: "q", field: "title", original: "Other", proposed: "New" })).toEqual(
      {
        ok: false,
        reason: "outdated",
      },
    );
    expect(applySuggestion(s, { question: "x", field: "title", original: "", proposed: "N" })).toMatchObject({
      reason: "question_not_found",
    });
    expect(
      applySuggestion(survey(locked), {
        question: "opt",
        field: "title",
        original: "I feel optimistic",
        proposed: "N",
      }),
    ).toMatchObject({ reason: "question_locked" });
  });

  it("says which questions a save touched", () => {
    const a = survey({ type: "comment", name: "x" }, { type: "comment", name: "y" });
    const b = survey({ type: "comment", name: "y", title: "Y" }, { type: "comment", name: "z" });
    const summary = summariseChanges(a, b);
    expect(summary).toMatchObject({ added: ["z"], removed: ["x"], changed: ["y"] });
    expect(describeSummary(summary)).toBe("added z; removed x; changed y");
  });
});
