import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { xlsxOf } from "../helpers/xlsform.ts";
import { everyRowType } from "../shared/xlsform/corpus.ts";

/** `npm run import-xlsform -- form.xlsx out.json`: the interface people script against, kept exactly. */
const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "import-xlsform-"));

function run(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts/import-xlsform.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm run import-xlsform", () => {
  it("writes the SurveyJS JSON and prints exactly { converted, changed, notConverted }", async () => {
    const form = join(dir, "form.xlsx");
    const out = join(dir, "out.json");
    writeFileSync(form, await xlsxOf(everyRowType));
    const result = run(form, out);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(["converted", "changed", "notConverted"]);
    expect(report.converted).toBeGreaterThan(30);
    expect(report.notConverted).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 36, name: "where" })]),
    );
    const survey = JSON.parse(readFileSync(out, "utf8")) as unknown;
    expect(createSurveyModel(survey).jsonErrors ?? []).toEqual([]);
  }, 60_000);

  it("exits 0 when rows could be read even if none converted, non-zero only when nothing could be read", async () => {
    const nothingConverts = join(dir, "geo.xlsx");
    writeFileSync(
      nothingConverts,
      await xlsxOf({
        survey: [
          ["type", "name"],
          ["geopoint", "where"],
        ],
      }),
    );
    const some = run(nothingConverts, join(dir, "geo.json"));
    expect(some.status).toBe(0);
    expect(JSON.parse(some.stdout)).toMatchObject({
      converted: 0,
      notConverted: [expect.objectContaining({ row: 2 })],
    });

    const text = join(dir, "notes.xlsx");
    writeFileSync(text, "not a spreadsheet");
    const bad = run(text, join(dir, "bad.json"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/not an Excel workbook/);
    const missing = run(join(dir, "nope.xlsx"), join(dir, "nope.json"));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no file/);
    const noSurvey = join(dir, "nosurvey.xlsx");
    writeFileSync(noSurvey, await xlsxOf({ choices: [["list_name", "name"]] }));
    expect(run(noSurvey, join(dir, "x.json")).status).toBe(1);
  }, 60_000);
});
