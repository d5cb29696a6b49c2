import { describe, expect, it } from "vitest";
import { indicatorRows } from "../../../server/outcomes/ingest/indicator-values.ts";
import type { SurveyField } from "../../../shared/survey/fields.ts";

const staying: SurveyField = {
  name: "staying",
  type: "radiogroup",
  title: "Where are you staying?",
  outcome: "outcome-areas-see-better-outcomes",
  indicator: "higherIsBetter",
  choices: [
    { value: "street", text: "On the street", score: 1 },
    { value: "elsewhere", text: "Somewhere else", score: 2 },
  ],
};

const source = (answer: unknown) => ({
  id: "r1",
  surveyId: "s",
  surveyVersion: 1,
  areaId: "north",
  wave: 0,
  participantCode: "ABCD-EFGH",
  administrationMode: "read_aloud",
  completedAt: "2026-11-20T10:30:00.000Z",
  language: "en",
  data: { staying: answer },
});

describe("an indicator's value from a choice answered with its own comment box", () => {
  it("is the choice's score, the comment left out", () => {
    const row = (answer: unknown) =>
      indicatorRows(source(answer), [staying]).find((r) => r.question === "staying");
    expect(row({ value: "elsewhere", comment: "at a friend's" })).toMatchObject({
      status: "answered",
      value: 2,
      choice: "elsewhere",
    });
    expect(row("elsewhere")).toMatchObject({ status: "answered", value: 2, choice: "elsewhere" });
    expect(row({ value: "nowhere", comment: "x" })).toMatchObject({ status: "skipped", value: null });
  });
});
