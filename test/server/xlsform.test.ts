import { zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readXlsformWorkbook } from "../../server/xlsform/workbook.ts";
import type { Problem } from "../../shared/contract/problems.ts";
import type { Role } from "../../shared/contract/roles.ts";
import type { XlsformExportReport, XlsformImportResponse } from "../../shared/contract/xlsform.ts";
import { convertXlsform } from "../../shared/xlsform/import.ts";
import { publishedSurvey } from "../helpers/editor.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";
import { xlsxOf } from "../helpers/xlsform.ts";
import { everyRowType } from "../shared/xlsform/corpus.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

function upload(cookie: string | undefined, body: Uint8Array | string, query = "", type = XLSX) {
  return t.request(`/api/editor/xlsform${query}`, {
    method: "POST",
    ...(cookie ? { cookie } : {}),
    headers: { "content-type": type },
    body: body as BodyInit,
  });
}

async function problem(res: Response, status: number, code: string): Promise<Problem> {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
  const body = (await res.json()) as Problem;
  expect(body.code).toBe(code);
  return body;
}

describe("POST /api/editor/xlsform", () => {
  it("imports an XLSForm into a new draft that opens in the editor, with the report", async () => {
    const cookie = await t.signIn("expert");
    const res = await upload(cookie, await xlsxOf(everyRowType));
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as XlsformImportResponse;
    expect(body.draft.surveyId).toBe("community-support");
    expect(body.draft.title).toBe("Support in the community");
    expect(body.report.converted).toBeGreaterThan(30);
    expect(body.report.notConverted.some((n) => n.name === "where")).toBe(true);
    const view = await t.request("/api/editor/surveys/community-support/draft", { cookie });
    expect(view.status).toBe(200);
    const draft = (await view.json()) as { draft: { definition: { pages: unknown[] } } };
    expect(draft.draft.definition.pages.length).toBeGreaterThan(1);
    // The same form again: the id is taken, and a chosen id works.
    await problem(await upload(cookie, await xlsxOf(everyRowType)), 409, "survey_exists");
    expect((await upload(cookie, await xlsxOf(everyRowType), "?id=community-2")).status).toBe(201);
  });

  it.each<Role>(["peer_researcher", "evaluator"])("refuses a %s", async (role) => {
    const cookie = await t.signIn(role);
    await problem(await upload(cookie, await xlsxOf(everyRowType)), 403, "forbidden_role");
  });

  it("refuses someone not signed in", async () => {
    await problem(await upload(undefined, await xlsxOf(everyRowType)), 401, "not_signed_in");
  });

  it.each<Role>(["coordinator", "admin"])("lets a %s import", async (role) => {
    const cookie = await t.signIn(role);
    expect((await upload(cookie, await xlsxOf(everyRowType), `?id=${role}-form`)).status).toBe(201);
  });

  it("answers malformed, hostile and oversized files with a clear problem, never a 5xx", async () => {
    const cookie = await t.signIn("expert");
    const unreadable = async (body: Uint8Array | string, match: RegExp) => {
      const p = await problem(await upload(cookie, body), 422, "xlsform_unreadable");
      expect(p.detail).toMatch(match);
    };
    await unreadable("name,type\nq,text\n", /not an Excel workbook/);
    await unreadable(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), /damaged|not an Excel/);
    await unreadable(zipSync({ "hello.txt": new TextEncoder().encode("hi") }), /not an Excel workbook/);
    await unreadable(await xlsxOf({ choices: [["list_name", "name"]] }), /no sheet named “survey”/);
    await problem(
      await upload(cookie, await xlsxOf(everyRowType), "", "application/json"),
      415,
      "xlsform_media_type",
    );
    await problem(await upload(cookie, await xlsxOf(everyRowType), "?id=../../etc"), 400, "invalid_query");
    // A zip bomb: 64 MB of zeros compresses to about 64 kB.
    const bomb = zipSync({ "xl/workbook.xml": new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    await problem(await upload(cookie, bomb), 413, "body_too_large");
    // A zip bomb whose directory lies: it declares 1,000 bytes and inflates to 64 MB.
    const liar = zipSync({ "xl/workbook.xml": new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    const view = new DataView(liar.buffer, liar.byteOffset, liar.byteLength);
    view.setUint32(22, 1000, true); // the local header's uncompressed size
    for (let i = liar.byteLength - 22; i >= 0; i -= 1) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 1000, true); // the central directory's
        break;
      }
    }
    await problem(await upload(cookie, liar), 413, "body_too_large");
    // Larger than the upload limit.
    await problem(await upload(cookie, new Uint8Array(3 * 1024 * 1024)), 413, "body_too_large");
  }, 60_000);

  it("reads a 5 MB sheet within its bounds or refuses it", async () => {
    const rows: (string | null)[][] = [["type", "name", "label"]];
    for (let i = 0; i < 4999; i += 1) rows.push(["text", `q${i}`, `Question ${i} ${"x".repeat(900)}`]);
    const file = await xlsxOf({ survey: rows });
    const sheets = await readXlsformWorkbook(file);
    const { report } = convertXlsform(sheets);
    expect(report.converted).toBe(4999);
    const tooMany = [...rows, ["text", "extra1", "x"], ["text", "extra2", "y"]];
    const cookie = await t.signIn("expert");
    const p = await problem(
      await upload(cookie, await xlsxOf({ survey: tooMany })),
      422,
      "xlsform_unreadable",
    );
    expect(p.detail).toMatch(/more than 5,000 rows/);
  });
});

describe("XLSForm export", () => {
  it("exports a published version as .xlsx that imports back, with a report of what has no equivalent", async () => {
    const { owner } = await publishedSurvey(
      t,
      "exported",
      { type: "text", name: "name_given", title: "Name" },
      { type: "matrix", name: "grid", title: "Grid", columns: ["a"], rows: ["r"] },
    );
    const res = await owner.request("GET", "/surveys/exported/xlsform?version=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX);
    expect(res.headers.get("content-disposition")).toMatch(/exported-1\.xlsx/);
    const back = convertXlsform(await readXlsformWorkbook(new Uint8Array(await res.arrayBuffer())));
    expect(JSON.stringify(back.survey)).toContain("name_given");
    const report = (await (
      await owner.request("GET", "/surveys/exported/xlsform-report?version=1")
    ).json()) as XlsformExportReport;
    expect(report.lost).toEqual([
      expect.objectContaining({ name: "grid", message: expect.stringMatching(/no XLSForm equivalent/) }),
    ]);
    await problem(
      await owner.request("GET", "/surveys/exported/xlsform?version=9"),
      404,
      "survey_version_not_found",
    );
    await problem(await owner.request("GET", "/surveys/exported/xlsform?version=abc"), 400, "invalid_query");
    await problem(await owner.request("GET", "/surveys/NOPE/xlsform"), 404, "survey_not_found");
    const researcher = await t.signIn("peer_researcher");
    await problem(
      await t.request("/api/editor/surveys/exported/xlsform?version=1", { cookie: researcher }),
      403,
      "forbidden_role",
    );
  });
});
