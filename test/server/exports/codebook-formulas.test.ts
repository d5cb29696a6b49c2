import { afterEach, beforeEach, expect, it } from "vitest";
import { publishVersion } from "../../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../../shared/survey/fields.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { csvObjects } from "../../helpers/strict-csv.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { unzip } from "../../helpers/unzip.ts";
import { readOutcomesFixture, SURVEY } from "../outcomes/helpers.ts";

/**
 * Issue 13: the codebook is read by people, in a spreadsheet, and its wording is written by experts in
 * the editor, so it is user-controlled text. A title or choice label starting with =, +, -, @, tab or
 * CR would run as a formula; every codebook (on its own and in the data package) neutralises it.
 */

const TITLE = '=HYPERLINK("https://evil.example","How much say?")';
const WELSH_TITLE = "+cmd|' /C calc'!A0";
const CHOICE = "@SUM(1+1)";

let t: TestContext;
let admin: string;
beforeEach(async () => {
  t = await createTestContext();
  const definition = readOutcomesFixture() as { pages: { elements: Record<string, unknown>[] }[] };
  for (const element of definition.pages.flatMap((p) => p.elements)) {
    if (element.name === "say") element.title = { default: TITLE, cy: WELSH_TITLE };
    if (element.name === "housing")
      element.choices = [
        { value: "street", text: CHOICE, score: 1 },
        { value: "own", text: "-\tOwn place" },
      ];
  }
  const now = new Date("2026-11-26T10:00:00Z");
  const fields = surveyFields(createSurveyModel(definition));
  await publishVersion(t.db, { id: SURVEY, title: "Outcomes", description: "", definition, fields }, now);
  admin = await t.signIn("admin");
});
afterEach(async () => {
  await t.close();
});

function expectNoFormula(name: string, text: string): void {
  const rows = csvObjects(text);
  expect(rows.length, name).toBeGreaterThan(0);
  for (const row of rows) {
    for (const [column, cell] of Object.entries(row)) {
      if (cell === null || /^-?\d+(\.\d+)?$/.test(cell)) continue;
      expect(/^[=+\-@\t\r]/.test(cell), `${name} ${column}: ${cell}`).toBe(false);
    }
  }
}

it("neutralises formulas in the codebook's wording, on its own and in the data package", async () => {
  const res = await t.request(`/api/exports/${SURVEY}/codebook.csv`, { cookie: admin });
  expect(res.status).toBe(200);
  const codebook = await res.text();
  // The wording is all there, marked as text.
  for (const text of [TITLE, WELSH_TITLE, CHOICE])
    expect(codebook).toContain(`'${text}`.replaceAll('"', '""'));
  expectNoFormula("codebook.csv", codebook);
  const zip = await t.request(`/api/exports/${SURVEY}/datapackage.zip`, { cookie: admin });
  const files = unzip(new Uint8Array(await zip.arrayBuffer()));
  expectNoFormula("datapackage.zip/codebook.csv", files.get("codebook.csv")?.toString("utf8") ?? "");
});
