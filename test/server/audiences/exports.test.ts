import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csvObjects } from "../../helpers/strict-csv.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { unzip } from "../../helpers/unzip.ts";
import { interview, publishOutcomesSurvey, SURVEY, upload } from "../outcomes/helpers.ts";

/**
 * Issue 14, findings 3 and 7, and the audit of every export (issue 13).
 *
 * 3. A value that does not fit its question's type (free text in a number question, text that is not
 *    one of a choice question's codes) is where a name or an address turns up: it is withheld from
 *    every export except the data manager's, with a marker, in every file.
 * 7. A cell starting with =, +, -, @, tab or CR runs as a formula in a spreadsheet: the Excel-safe
 *    files neutralise it; the R/pandas files stay exact.
 */

const PERSONAL = "John Smith 12 High St DOB 1980-01-01";
const ADDRESS = "Flat 3, 14 Mill Lane";
const FORMULA_AREA = '-1+HYPERLINK("https://evil.example","click")';
const FORMULA_ANSWER = "=HYPERLINK(A1)";

let t: TestContext;
let admin: string;
let evaluator: string;
let misfit: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t);
  await t.db
    .insertInto("areas")
    .values({
      id: "formula",
      name: FORMULA_AREA,
      region: "=cmd|' /C calc'!A0",
      created_at: new Date().toISOString(),
    })
    .execute();
  admin = await t.signIn("admin");
  evaluator = await t.signIn("evaluator");
  const bad = interview(
    { area: "north" },
    { say: 3, nights: PERSONAL as unknown as number, housing: ADDRESS },
  );
  misfit = bad.id;
  await upload(t, admin, [
    bad,
    interview({ area: "north" }, { say: 4, nights: 2, housing: "hostel" }),
    interview({ area: "formula" }, { say: 5, nights: -3, housing: "own" }),
    ...[FORMULA_ANSWER, "@SUM(1)", "+1+2", "-2-HYPERLINK(A1)", "\tcmd"].map((text) =>
      interview({ area: "formula" }, { say: 2, ...({ anything_else: text } as object) }),
    ),
  ]);
});
afterEach(async () => {
  await t.close();
});

async function get(cookie: string, file: string, query = ""): Promise<Response> {
  const res = await t.request(`/api/exports/${SURVEY}/${file}${query}`, { cookie });
  expect(res.status, file).toBe(200);
  return res;
}

async function everyFile(cookie: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of ["responses-wide.csv", "responses-long.csv", "responses.json"]) {
    files[file] = await (await get(cookie, file)).text();
  }
  const zip = unzip(new Uint8Array(await (await get(cookie, "datapackage.zip")).arrayBuffer()));
  for (const [name, content] of zip) files[`datapackage.zip/${name}`] = content.toString("utf8");
  return files;
}

describe("a value that does not fit its question's type (issue 14, finding 3)", () => {
  it("is withheld from an evaluator's every file, with a marker saying so", async () => {
    const files = await everyFile(evaluator);
    for (const [name, text] of Object.entries(files)) {
      expect(text.includes("John Smith"), `${name} gives the number question's text`).toBe(false);
      expect(text.includes("Mill Lane"), `${name} gives the choice question's text`).toBe(false);
    }
    const wide = csvObjects(files["responses-wide.csv"] ?? "").find((r) => r.response_id === misfit);
    expect(wide).toMatchObject({ nights: null, housing: null, withheld_answers: "housing;nights" });
    const long = csvObjects(files["responses-long.csv"] ?? "").filter((r) => r.response_id === misfit);
    expect(
      long.filter((r) => r.question === "nights" || r.question === "housing").map((r) => r.value),
    ).toEqual(["[withheld]", "[withheld]"]);
    const json = JSON.parse(files["responses.json"] ?? "{}") as {
      responses: { responseId: string; answers: Record<string, unknown>; withheldAnswers: string[] }[];
    };
    const response = json.responses.find((r) => r.responseId === misfit);
    expect(response?.answers).toEqual({ consent: true, say: 3 });
    expect(response?.withheldAnswers).toEqual(["housing", "nights"]);
    expect(files["datapackage.zip/datapackage.json"]).toContain("withheld_answers");
  });

  it("reaches the data manager as it was sent", async () => {
    const files = await everyFile(admin);
    expect(files["responses-long.csv"]).toContain(PERSONAL);
    expect(files["responses.json"]).toContain(ADDRESS);
    const wide = csvObjects(files["responses-wide.csv"] ?? "").find((r) => r.response_id === misfit);
    expect(wide?.withheld_answers).toBeNull();
  });
});

describe("spreadsheet formulas (issue 14, finding 7)", () => {
  it("keeps the R/pandas files exact, and neutralises every formula in the Excel-safe ones", async () => {
    const exact = await (await get(admin, "responses-long.csv")).text();
    expect(exact).toContain(",-3\r\n");
    for (const file of ["responses-wide-excel.csv", "responses-long-excel.csv"]) {
      const text = await (await get(admin, file)).text();
      const rows = csvObjects(text);
      expect(rows.length, file).toBeGreaterThan(0);
      for (const row of rows) {
        for (const [column, cell] of Object.entries(row)) {
          if (cell === null) continue;
          const numeric = /^-?\d+(\.\d+)?$/.test(cell);
          expect(numeric || !/^[=+\-@\t\r]/.test(cell), `${file} ${column}: ${cell}`).toBe(true);
        }
      }
      // A negative number is still a number.
      expect(text, file).toMatch(/,-3(,|\r\n)/);
    }
    // The exact file keeps the formula text as it was typed.
    expect(exact).toContain(`,${FORMULA_ANSWER}\r\n`);
  });

  it("says which file is which: the Excel-safe ones are listed with their own labels", async () => {
    const { exportFileLabels } = await import("../../../shared/contract/exports.ts");
    expect(exportFileLabels["responses-wide-excel.csv" as keyof typeof exportFileLabels]).toMatch(/Excel/);
    expect(exportFileLabels["responses-wide.csv"]).toMatch(/R|pandas/);
  });
});

describe("the audit of an export", () => {
  it("records who, when, which file and filters, and how many rows, for every download", async () => {
    await get(evaluator, "responses-wide.csv", "?areaId=north&wave=0");
    const entries = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "export.download")
      .execute();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    const evaluatorId = await t.db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "evaluator")
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: evaluatorId.id, target: SURVEY, at: expect.any(String) });
    expect(JSON.parse(entry?.detail ?? "{}")).toMatchObject({
      file: "responses-wide.csv",
      responses: 2,
      filters: { areaId: "north", wave: 0, status: "all" },
    });
  });
});
