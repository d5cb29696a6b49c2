import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDefinition } from "../../../shared/editor/check-definition.ts";
import { prepareImport } from "../../../shared/editor/import-surveyjs.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";

/** Import of realistic SurveyJS surveys (issue 16, finding 6): refused before, imported now. */

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, "../../fixtures/surveys/imports", `${name}.json`), "utf8"),
  );

const wordingOf = (definition: unknown) =>
  createSurveyModel(definition)
    .getAllQuestions(false, false, true)
    .map((q) => q.title);

describe.each(["customer-satisfaction", "household", "legacy-root-questions", "service-review"])(
  "importing %s",
  (name) => {
    const original = fixture(name);

    it("was refused by the publish check as it is", () => {
      expect(checkDefinition(original).issues.some((issue) => issue.severity === "error")).toBe(true);
    });

    it("passes the check after import, with every question and its wording intact", () => {
      const { definition, changes } = prepareImport(original);
      const report = checkDefinition(definition);
      expect(report.issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(wordingOf(definition)).toEqual(wordingOf(original));
      expect(changes.length).toBeGreaterThan(0);
      expect(changes.join(" ")).not.toMatch(/[{}]|valueName|jsonErrors/);
    });
  },
);

describe("prepareImport", () => {
  it("proposes safe data names, lists old → new, and rewrites conditions and carried-forward choices", () => {
    const { definition, renames } = prepareImport(fixture("customer-satisfaction"));
    expect(renames).toEqual([
      { from: "Overall Satisfaction", to: "overall_satisfaction", title: "How satisfied are you overall?" },
      { from: "Why?", to: "why", title: "Why?" },
      { from: "Used Services", to: "used_services", title: "Used Services" },
    ]);
    const text = JSON.stringify(definition);
    expect(text).toContain('"visibleIf":"{overall_satisfaction} < 3"');
    expect(text).toContain('"choicesFromQuestion":"used_services"');
    expect(text).toContain('"visibleIf":"{used_services.length} > 1"');
    expect(text).toContain('"showOtherItem":true');
    expect(text).not.toContain("hasOther");
  });

  it("renames a duplicate and leaves references with the question that kept the name", () => {
    const { definition, renames } = prepareImport(fixture("household"));
    expect(renames.map((r) => [r.from, r.to])).toEqual([
      ["member age", "member_age"],
      ["age", "age_2"],
    ]);
    expect(JSON.stringify(definition)).toContain('"visibleIf":"{age} > 18"');
  });

  it("moves legacy root questions to a page and follows trigger references", () => {
    const { definition, renames } = prepareImport(fixture("legacy-root-questions"));
    expect(definition.pages[0]?.elements).toHaveLength(2);
    expect(renames.map((r) => r.to)).toEqual(["first_name", "q_2nd"]);
    expect(definition.triggers).toEqual([
      { type: "visible", expression: "{first_name} notempty", questions: ["q_2nd"] },
    ]);
  });

  it("renames matrix columns, multiple-text items and dynamic-panel questions, with every reference", () => {
    const { definition, renames } = prepareImport(fixture("service-review"));
    expect(renames.filter((r) => r.within).map((r) => [r.within, r.from, r.to])).toEqual([
      ["household_members", "Member Name", "member_name"],
      ["household_members", "Member Age", "member_age"],
      ["service_satisfaction", "Staff helpfulness", "staff_helpfulness"],
      ["service_satisfaction", "Would return", "would_return"],
      ["service_satisfaction", "Why not", "why_not"],
      ["visits", "Place name", "place_name"],
      ["visits", "How long", "how_long"],
      ["contact_details", "Phone number", "phone_number"],
      ["contact_details", "e-mail", "e_mail"],
    ]);
    const text = JSON.stringify(definition);
    expect(text).toContain('"visibleIf":"{row.would_return} = false"');
    expect(text).toContain('"templateTitle":"Person {panelIndex}: {panel.member_name}"');
    expect(text).toContain(
      "{service_satisfaction.support.staff_helpfulness} < 3 or {contact_details.phone_number} empty or {household_members[0].member_age} > 80 or {visits[0].place_name} = 'x'",
    );
    // The same answers work the same way: survey-core shows the follow-up for the renamed data.
    const model = createSurveyModel(definition);
    model.data = { service_satisfaction: { support: { staff_helpfulness: 2 } } };
    expect(model.getQuestionByName("followUp").isVisible).toBe(true);
    model.data = {
      service_satisfaction: { support: { staff_helpfulness: 5 } },
      contact_details: { phone_number: "1" },
    };
    expect(model.getQuestionByName("followUp").isVisible).toBe(false);
  });
});

describe("matrix rows", () => {
  const survey = {
    elements: [
      {
        type: "matrix",
        name: "Feelings",
        columns: [1, 2, 3],
        rows: ["Right now", { value: "Last Week", text: "Over the last week" }, "today", 4, "today"],
        isAllRowRequired: true,
      },
      {
        type: "matrixdropdown",
        name: "Places",
        rows: ["At home", "work"],
        columns: [{ name: "How often", cellType: "dropdown", choices: ["daily", "weekly"] }],
      },
      {
        type: "comment",
        name: "more",
        visibleIf:
          "{Feelings.Right now} = 1 or {Feelings.Last Week} = 3 or {Feelings.today} = 2 or {Places.At home.How often} = 'daily' or {Places.work.How often} = 'weekly'",
      },
    ],
  };

  it("renames unsafe row names within their matrix, keeps the wording, and rewrites every reference", () => {
    const { definition, renames, changes } = prepareImport(survey);
    expect(renames.filter((r) => r.row)).toEqual([
      { from: "Right now", to: "right_now", title: "Right now", within: "Feelings", row: true },
      { from: "Last Week", to: "last_week", title: "Over the last week", within: "Feelings", row: true },
      { from: "today", to: "today_2", title: "today", within: "Feelings", row: true },
      { from: "At home", to: "at_home", title: "At home", within: "Places", row: true },
    ]);
    const [feelings, places, more] = (definition.pages[0]?.elements ?? []) as Record<string, unknown>[];
    expect(feelings?.rows).toEqual([
      { value: "right_now", text: "Right now" },
      { value: "last_week", text: "Over the last week" },
      "today",
      4,
      { value: "today_2", text: "today" },
    ]);
    expect(places?.rows).toEqual([{ value: "at_home", text: "At home" }, "work"]);
    expect(more?.visibleIf).toBe(
      "{Feelings.right_now} = 1 or {Feelings.last_week} = 3 or {Feelings.today} = 2 or {Places.at_home.how_often} = 'daily' or {Places.work.how_often} = 'weekly'",
    );
    expect(changes.join(" ")).toMatch(/4 rows of tables were given a new data name/);
    expect(checkDefinition(definition).issues.some((issue) => issue.severity === "error")).toBe(false);
  });

  it("answers under the new row names work as the old ones did", () => {
    const { definition } = prepareImport(survey);
    const model = createSurveyModel(definition);
    const more = () => model.getQuestionByName("more").isVisible;
    model.data = { Feelings: { right_now: 1 } };
    expect(more()).toBe(true);
    model.data = { Feelings: { last_week: 3 } };
    expect(more()).toBe(true);
    model.data = { Places: { at_home: { how_often: "daily" } } };
    expect(more()).toBe(true);
    model.data = { Feelings: { right_now: 2, last_week: 1 }, Places: { at_home: { how_often: "weekly" } } };
    expect(more()).toBe(false);
    // survey-core shows the old wording for the renamed rows.
    const rows = (model.getQuestionByName("Feelings") as unknown as { visibleRows: { text: string }[] })
      .visibleRows;
    expect(rows.map((r) => r.text)).toEqual(["Right now", "Over the last week", "today", "4", "today"]);
  });
});

describe("a matrix's own settings that name its rows", () => {
  const survey = {
    elements: [
      {
        type: "matrix",
        name: "Feelings",
        columns: [1, 2, 3],
        rows: ["Right now", "Not sure", "Last week"],
        rowsVisibleIf: "{item} != 'Not sure'",
        defaultValue: { "Right now": 2, "Last week": 3 },
        correctAnswer: { "Right now": 1 },
      },
      {
        type: "matrixdropdown",
        name: "Places",
        rows: ["At home", "__proto__"],
        columns: [{ name: "often", cellType: "dropdown", choices: ["daily", "weekly"] }],
        defaultValue: JSON.parse('{"At home": {"often": "daily"}, "__proto__": {"often": "weekly"}}'),
      },
    ],
  };
  const visibleRowTexts = (definition: unknown) =>
    (
      createSurveyModel(definition as never).getQuestionByName("Feelings") as unknown as {
        visibleRows: { text: string }[];
      }
    ).visibleRows.map((r) => r.text);

  it("follow a renamed row: rowsVisibleIf's {item} values, defaultValue and correctAnswer keys", () => {
    const { definition } = prepareImport(survey);
    const [feelings, places] = (definition.pages[0]?.elements ?? []) as Record<string, unknown>[];
    expect(feelings?.rowsVisibleIf).toBe("{item} != 'not_sure'");
    expect(feelings?.defaultValue).toEqual({ right_now: 2, last_week: 3 });
    expect(feelings?.correctAnswer).toEqual({ right_now: 1 });
    expect(Object.keys(places?.defaultValue as object)).toEqual(["at_home", "proto"]);
    expect(Object.getPrototypeOf(places?.defaultValue)).toBe(Object.prototype);
  });

  it("show the same rows and start from the same answers as before the import", () => {
    expect(visibleRowTexts(survey)).toEqual(["Right now", "Last week"]);
    const { definition } = prepareImport(survey);
    expect(visibleRowTexts(definition)).toEqual(["Right now", "Last week"]);
    const model = createSurveyModel(definition);
    expect(model.getValue("Feelings")).toEqual({ right_now: 2, last_week: 3 });
  });
});

describe("conditions inside a dynamic panel", () => {
  it("know {panel.x} there, and only there", () => {
    const inPanel = {
      elements: [
        {
          type: "paneldynamic",
          name: "people",
          templateElements: [
            { type: "text", name: "who" },
            { type: "text", name: "age", visibleIf: "{panel.who} notempty" },
          ],
        },
        { type: "text", name: "after", visibleIf: "{panel.who} notempty" },
      ],
    };
    const bad = checkDefinition(inPanel).issues.filter((i) => i.code === "bad_expression");
    expect(bad.map((i) => i.question)).toEqual(["after"]);
  });
});
