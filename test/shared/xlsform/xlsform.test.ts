import { isDeepStrictEqual } from "node:util";
import { Model } from "survey-core";
import { describe, expect, it } from "vitest";
import { readXlsformWorkbook } from "../../../server/xlsform/workbook.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { validateAnswers } from "../../../shared/survey/validate-answers.ts";
import { toXlsform } from "../../../shared/xlsform/export.ts";
import { convertXlsform, XlsformError } from "../../../shared/xlsform/import.ts";
import type { XlsformSheets } from "../../../shared/xlsform/sheets.ts";
import { xlsxOf } from "../../helpers/xlsform.ts";
import { breaking, everyRowType, obeying } from "./corpus.ts";

/** Through a real .xlsx file and back to rows, as the server and the command read it. */
async function viaXlsx(sheets: XlsformSheets) {
  return convertXlsform(await readXlsformWorkbook(await xlsxOf(sheets)));
}

function elementsByName(survey: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const walk = (list: unknown) => {
    for (const e of Array.isArray(list) ? list : []) {
      out.set(e.name, e);
      walk(e.elements);
      walk(e.templateElements);
    }
  };
  walk(survey.pages);
  return out;
}

describe("XLSForm import of a form that uses every row type", () => {
  it("converts every supported row, and reports each row it cannot convert with its row number and why", async () => {
    const { survey, report, formId, version } = await viaXlsx(everyRowType);
    expect(formId).toBe("community_support");
    expect(version).toBe("2024061001");
    const els = elementsByName(survey);
    expect(els.get("nickname")).toMatchObject({
      type: "text",
      title: { default: "What shall we call you?", pl: "Jak mamy cię nazywać?" },
      description: "Any name you like",
      interviewerNote: "Read this out slowly",
      isRequired: true,
      requiredErrorText: "Please give a name",
      validators: [
        { type: "regex", regex: "^[A-Za-z ]+$", text: "Letters only, at most 20" },
        {
          type: "expression",
          expression: "{nickname} empty or ({nickname.length} <= 20)",
          text: "Letters only, at most 20",
        },
      ],
    });
    expect(els.get("age")).toMatchObject({ inputType: "number" });
    expect(els.get("housed")).toMatchObject({ type: "radiogroup", colCount: 0 });
    expect(els.get("region")?.type).toBe("dropdown");
    expect(els.get("town")?.choices).toEqual([
      { value: "leeds", text: "Leeds", visibleIf: "'north' = {region}" },
      { value: "york", text: "York", visibleIf: "'north' = {region}" },
      { value: "brighton", text: "Brighton", visibleIf: "'south' = {region}" },
    ]);
    expect(els.get("support")).toMatchObject({
      type: "checkbox",
      visibleIf: "{support} = 'no'".replace("{support}", "{housed}"),
    });
    expect(els.get("other_help")).toMatchObject({
      showOtherItem: true,
      visibleIf: "(!({housed} = 'yes')) or ({age} < 18)",
    });
    expect(els.get("seen_on")).toMatchObject({
      inputType: "date",
      validators: [{ expression: "{seen_on} empty or ({seen_on} <= today())" }],
    });
    expect(els.get("seen_at")?.inputType).toBe("time");
    expect(els.get("seen")?.inputType).toBe("datetime-local");
    expect(els.get("thanks")).toMatchObject({ type: "html", html: "Thank you, {nickname} &lt;3" });
    expect(els.get("consent")).toMatchObject({ type: "boolean", valueTrue: "OK", isRequired: true });
    expect(els.get("priorities")?.type).toBe("ranking");
    expect(els.get("wellbeing")).toMatchObject({ type: "rating", rateMin: 0, rateMax: 10, rateStep: 1 });
    expect(els.get("source")).toMatchObject({ visible: false, defaultValue: "xlsform" });
    expect(els.get("story")?.type).toBe("comment");
    expect(els.get("inner")?.type).toBe("panel");
    expect(els.get("child")).toMatchObject({ type: "paneldynamic", bindings: { panelCount: "children" } });
    expect(els.get("child_age")).toMatchObject({
      visibleIf: "{panel.child_name.length} > 0",
      validators: [
        { type: "regex" },
        { type: "expression", expression: "{panel.child_age} empty or ({panel.child_age} < {age})" },
      ],
    });
    expect(els.get("visit")).toMatchObject({ panelCount: 2, minPanelCount: 2, maxPanelCount: 2 });
    expect(els.get("place")?.readOnly).toBe(true);
    const pages = survey.pages as { name: string; visibleIf?: string }[];
    expect(pages.find((p) => p.name === "about")?.visibleIf).toBe("{age} >= 16");
    expect(survey.calculatedValues).toEqual([
      {
        name: "age_months",
        expression: "(({age} * 12) + ({weekly_spend} / 2)) - (1 % 3)",
        includeIntoResult: true,
      },
      { name: "adult", expression: "iif({age} >= 18, 'yes', 'no')", includeIntoResult: true },
      { name: "label_region", expression: "displayValue('region')", includeIntoResult: true },
      {
        name: "spend_or_zero",
        expression: "iif({weekly_spend} notempty, {weekly_spend}, 0)",
        includeIntoResult: true,
      },
    ]);

    expect(report.notConverted.filter((n) => n.sheet === "choices")).toEqual([
      expect.objectContaining({
        row: 13,
        name: "money",
        message: expect.stringMatching(/already has a choice/),
      }),
    ]);
    const bySurveyRow = new Map(
      report.notConverted.filter((n) => n.sheet === "survey").map((n) => [n.row, n]),
    );
    expect(bySurveyRow.get(10)?.message).toMatch(/towns\.csv/);
    expect(bySurveyRow.get(36)?.message).toMatch(/geopoint/);
    expect(bySurveyRow.get(37)?.message).toMatch(/recorded automatically/);
    expect(bySurveyRow.get(38)).toMatchObject({ column: "relevant", expression: "${age} = /data/age" });
    expect(bySurveyRow.get(39)).toMatchObject({ column: "relevant", expression: "position(..) > 1" });
    expect(report.changed.some((c) => c.sheet === "settings" && c.column === "instance_name")).toBe(true);
    expect(report.changed.some((c) => c.row === 9 && /other/.test(c.message))).toBe(true);
    // Every survey row is accounted for: 38 rows, 3 not converted as rows.
    const rowsDropped = report.notConverted.filter((n) => n.sheet === "survey" && !n.column).length;
    expect(report.converted + rowsDropped).toBe(38);
  });

  it("gives survey-core a form it loads without errors, and answers that obey the form validate", async () => {
    const { survey } = await viaXlsx(everyRowType);
    // With Alongside's own properties registered (interviewerNote), as the server and editor load it.
    expect(createSurveyModel(survey).jsonErrors ?? []).toEqual([]);
    const model = createSurveyModel(survey);
    for (const answers of obeying) expect(validateAnswers(model, answers)).toEqual([]);
    for (const { data, question } of breaking) {
      const issues = validateAnswers(model, data);
      expect(
        issues.map((i) => i.question),
        JSON.stringify(data),
      ).toContain(question);
    }
  });

  it("keeps every converted row's meaning through XLSForm → Alongside → XLSForm → Alongside", async () => {
    const first = await viaXlsx(everyRowType);
    const exported = toXlsform(first.survey, { formId: "community_support", version: "2" });
    const second = await viaXlsx(exported.sheets);
    expect(second.report.notConverted).toEqual([]);
    expect(second.survey).toEqual(first.survey);
    expect(isDeepStrictEqual(second.survey, first.survey)).toBe(true);
  });
});

describe("XPath translation", () => {
  const one = (expression: string) =>
    convertXlsform({
      survey: [
        ["type", "name", "label", "relevant"],
        ["integer", "a", "A", null],
        ["select_multiple l", "m", "M", null],
        ["text", "t", "T", expression],
      ],
      choices: [
        ["list_name", "name", "label"],
        ["l", "x", "X"],
      ],
    });
  it.each([
    ["${a} + 2 * 3 > 7", "{a} + (2 * 3) > 7".replace("{a} + (2 * 3) > 7", "({a} + (2 * 3)) > 7")],
    ["(${a} + 2) * 3 > 7", "(({a} + 2) * 3) > 7"],
    ["${a} > 1 or ${a} < 0 and ${a} != 5", "({a} > 1) or (({a} < 0) and ({a} != 5))"],
    ["-${a} < -1.5", "(0 - {a}) < (0 - 1.5)"],
    ["selected(${m}, 'x') and count-selected(${m}) = 1", "({m} contains 'x') and (count({m}) = 1)"],
    ['${a} = "q"', "{a} = 'q'"],
    ["true() and not(false())", "true and (!(false))"],
  ])("%s → %s", (xpath, surveyjs) => {
    const result = one(xpath);
    expect(result.report.notConverted).toEqual([]);
    const t = (
      result.survey.pages as { elements: { name: string; visibleIf?: string }[] }[]
    )[0]?.elements.find((e) => e.name === "t");
    expect(t?.visibleIf).toBe(surveyjs);
    expect(new Model(result.survey).jsonErrors ?? []).toEqual([]);
  });
  it.each([
    ["${a} >", /ends too early/],
    ["${a} = 'it''s'", /unexpected|apostrophe/],
    ["regex(${a}, 'x')", /regex/],
    ["${nope} = 1", /not in the form/],
    ["random() > 0.5", /random\(\)/],
    ["((((${a}", /expected|ends/],
    ["${a} = 1)", /unexpected/],
  ])("reports %s as not converted", (xpath, reason) => {
    const result = one(xpath);
    expect(result.report.notConverted).toHaveLength(1);
    expect(result.report.notConverted[0]).toMatchObject({ row: 4, column: "relevant", expression: xpath });
    expect(result.report.notConverted[0]?.message).toMatch(reason);
  });
});

describe("malformed forms", () => {
  it("refuses a workbook without a survey sheet", () => {
    expect(() => convertXlsform({ choices: [["list_name", "name"]] })).toThrow(XlsformError);
  });
  it("reports a select whose list does not exist, and one with no choices sheet", () => {
    const r = convertXlsform({
      survey: [
        ["type", "name", "label"],
        ["select_one missing", "q", "Q"],
        ["text", "t", "T"],
      ],
    });
    expect(r.report.notConverted).toEqual([
      expect.objectContaining({ row: 2, name: "q", message: expect.stringMatching(/no choices sheet/) }),
    ]);
    expect(r.report.converted).toBe(1);
  });
  it("reports unbalanced groups and closes what was left open", () => {
    const r = convertXlsform({
      survey: [
        ["type", "name", "label"],
        ["end_group", null, null],
        ["begin_group", "g", "G"],
        ["text", "t", "T"],
      ],
    });
    expect(r.report.notConverted[0]).toMatchObject({
      row: 2,
      message: expect.stringMatching(/closes nothing/),
    });
    expect(r.report.changed[0]).toMatchObject({ row: 3, message: expect.stringMatching(/never closed/) });
    expect(new Model(r.survey).jsonErrors ?? []).toEqual([]);
  });
  it("reports circular calculations and what depends on them", () => {
    const r = convertXlsform({
      survey: [
        ["type", "name", "calculation", "relevant", "label"],
        ["calculate", "a", "${b} + 1", null, null],
        ["calculate", "b", "${a} * 2", null, null],
        ["calculate", "c", "${c}", null, null],
        ["text", "t", null, "${a} > 1", "T"],
      ],
    });
    const rows = r.report.notConverted.map((n) => [n.row, n.message]);
    expect(rows).toEqual([
      [2, expect.stringMatching(/circular/)],
      [3, expect.stringMatching(/circular/)],
      [4, expect.stringMatching(/circular/)],
      [5, expect.stringMatching(/not converted/)],
    ]);
  });
});
