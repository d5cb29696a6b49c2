import type { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { VersionValidator } from "../../../shared/survey/version-validator.ts";

/**
 * Third outside round (docs/decisions/0078): values survey-core stores for SurveyJS features the
 * earlier rounds did not use, given as the survey's own UI gives them (each through the question's
 * own setter, never by writing `data` by hand), must pass the server's check: an interview flagged
 * for no reason is left out of every figure until someone reviews it.
 */

const TYPED = "Jo Bloggs 07700 900123";

const survey = {
  pages: [
    {
      name: "p",
      elements: [
        {
          type: "checkbox",
          name: "needs",
          choices: [{ value: "food", showCommentArea: true }, "bed", { value: 3, showCommentArea: true }],
        },
        { type: "imagepicker", name: "pictures", multiSelect: true, choices: pictures(["cat", "dog"]) },
        { type: "imagepicker", name: "picture", choices: pictures([1, 2]) },
        {
          type: "paneldynamic",
          name: "people",
          templateElements: [
            { type: "checkbox", name: "help", choices: [{ value: "a", showCommentArea: true }, "b"] },
            { type: "imagepicker", name: "face", multiSelect: true, choices: pictures(["x", "y"]) },
          ],
        },
      ],
    },
  ],
};

function pictures(values: unknown[]) {
  return values.map((value) => ({ value, imageLink: `https://example.org/${String(value)}.png` }));
}

type Choosing = { visibleChoices: { value: unknown }[]; renderedValue: unknown } & {
  setCommentValue(choice: unknown, text: string): void;
};

function answered(fill: (model: Model) => void): Record<string, unknown> {
  const model = createSurveyModel(survey);
  fill(model);
  return { ...model.data };
}

const choose = (q: unknown, values: unknown[], comments: Record<string, string> = {}) => {
  const question = q as Choosing;
  question.renderedValue = values;
  for (const [value, text] of Object.entries(comments)) {
    const choice = question.visibleChoices.find((c) => String(c.value) === value);
    question.setCommentValue(choice, text);
  }
};

describe("values survey-core stores for features outside surveys use", () => {
  it("passes a multiple choice whose choices have comment boxes, with and without a comment", () => {
    const data = answered((m) => choose(m.getQuestionByName("needs"), ["food", "bed", 3], { food: TYPED }));
    // survey-core stores every chosen item as { value }, a comment beside the one that has one.
    expect(data.needs).toEqual([{ value: "food", comment: TYPED }, { value: "bed" }, { value: 3 }]);
    for (const compile of [true, false])
      expect(new VersionValidator(survey, { compile }).validate(data)).toEqual([]);
  });

  it("passes a multiple image picker and a single one with numeric values", () => {
    const data = answered((m) => {
      choose(m.getQuestionByName("pictures"), ["cat", "dog"]);
      (m.getQuestionByName("picture") as unknown as Choosing).renderedValue = 2;
    });
    expect(data).toEqual({ pictures: ["cat", "dog"], picture: 2 });
    for (const compile of [true, false])
      expect(new VersionValidator(survey, { compile }).validate(data)).toEqual([]);
  });

  it("passes both inside a dynamic panel", () => {
    const data = { people: [{ help: [{ value: "a", comment: TYPED }, { value: "b" }], face: ["x"] }] };
    expect(new VersionValidator(survey).validate(data)).toEqual([]);
  });

  it("still flags what no question of these can take", () => {
    const issues = (data: Record<string, unknown>) =>
      new VersionValidator(survey).validate(data).map((i) => i.path ?? i.question);
    // A comment on a choice without a comment box, a code not listed, a comment that is not text,
    // other keys beside value and comment, and the same choice twice.
    expect(issues({ needs: [{ value: "bed", comment: TYPED }] })).toEqual(["needs"]);
    expect(issues({ needs: [{ value: "soap" }] })).toEqual(["needs"]);
    expect(issues({ needs: [{ value: "food", comment: 7 }] })).toEqual(["needs"]);
    expect(issues({ needs: [{ value: "food", note: TYPED }] })).toEqual(["needs"]);
    expect(issues({ needs: [{ value: "food" }, "food"] })).toEqual(["needs"]);
    expect(issues({ pictures: ["cat", "mouse"] })).toEqual(["pictures"]);
    expect(issues({ pictures: "cat" })).toEqual(["pictures"]);
    expect(issues({ picture: [1] })).toEqual(["picture"]);
  });
});

describe("a multiple choice kept as objects (valuePropertyName)", () => {
  const shared = {
    pages: [
      {
        name: "p",
        elements: [
          {
            type: "checkbox",
            name: "services",
            valueName: "used",
            valuePropertyName: "service",
            choices: ["gp", "housing"],
          },
          {
            type: "paneldynamic",
            name: "about",
            valueName: "used",
            templateElements: [
              { type: "comment", name: "note" },
              { type: "rating", name: "good" },
            ],
          },
          {
            type: "checkbox",
            name: "plain",
            valuePropertyName: "v",
            choices: ["a", "b"],
            showOtherItem: true,
          },
        ],
      },
    ],
  };

  it("passes it alone and with a dynamic panel of the same value name, one panel per chosen item", () => {
    const model = createSurveyModel(shared);
    choose(model.getQuestionByName("services"), ["gp", "housing"]);
    const about = model.getQuestionByName("about") as unknown as {
      panels: { getQuestionByName(name: string): { value: unknown } }[];
    };
    const first = about.panels[0]?.getQuestionByName("note");
    if (first) first.value = TYPED;
    const good = about.panels[0]?.getQuestionByName("good");
    if (good) good.value = 4;
    const plain = model.getQuestionByName("plain") as unknown as Choosing & { otherValue: string };
    plain.renderedValue = ["a", "other"];
    plain.otherValue = TYPED;
    const data = { ...model.data };
    expect(data).toEqual({
      used: [{ service: "gp", note: TYPED, good: 4 }, { service: "housing" }],
      plain: [{ v: "a" }, { v: TYPED }],
    });
    expect(new VersionValidator(shared).validate(data)).toEqual([]);
  });

  it("still flags a choice that is not offered, or a panel answer that does not fit", () => {
    const issues = (data: Record<string, unknown>) =>
      new VersionValidator(shared).validate(data).map((i) => i.path ?? i.question);
    expect(issues({ used: [{ service: "dentist" }] })).toEqual(["used[0].service"]);
    expect(issues({ used: [{ service: "gp", good: "Jo" }] })).toEqual(["used[0].good"]);
    expect(issues({ plain: ["a"] })).toEqual(["plain"]);
  });
});

describe("grids survey-core keeps more in", () => {
  const grids = {
    pages: [
      {
        name: "p",
        elements: [
          {
            type: "matrixdynamic",
            name: "people",
            rowCount: 1,
            detailPanelMode: "underRow",
            detailElements: [
              { type: "comment", name: "more" },
              { type: "rating", name: "close" },
            ],
            columns: [{ name: "who", cellType: "text" }],
          },
          { type: "matrix", name: "ticks", rows: ["r1"], columns: ["a", "b"], cellType: "checkbox" },
        ],
      },
    ],
  };
  type Row = {
    cells: { question: { value: unknown } }[];
    showDetailPanel(): void;
    detailPanel: { getQuestionByName(name: string): { value: unknown } };
  };

  it("passes a row's detail panel and a grid of tick boxes", () => {
    const model = createSurveyModel(grids);
    const [row] = (model.getQuestionByName("people") as unknown as { visibleRows: Row[] }).visibleRows;
    if (!row?.cells[0]) throw new Error("no row");
    row.cells[0].question.value = TYPED;
    row.showDetailPanel();
    row.detailPanel.getQuestionByName("more").value = TYPED;
    row.detailPanel.getQuestionByName("close").value = 3;
    model.getQuestionByName("ticks").value = { r1: ["a", "b"] };
    const data = { ...model.data };
    expect(data).toEqual({ people: [{ who: TYPED, more: TYPED, close: 3 }], ticks: { r1: ["a", "b"] } });
    expect(new VersionValidator(grids).validate(data)).toEqual([]);
  });

  it("still flags a detail answer that does not fit, and a tick outside the columns", () => {
    const issues = (data: Record<string, unknown>) =>
      new VersionValidator(grids).validate(data).map((i) => i.path ?? i.question);
    expect(issues({ people: [{ close: "Jo" }] })).toEqual(["people[0].close"]);
    expect(issues({ ticks: { r1: ["a", "c"] } })).toEqual(["ticks"]);
    expect(issues({ ticks: { r1: ["a", "a"] } })).toEqual(["ticks"]);
  });
});
