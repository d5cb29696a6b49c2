import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";

/**
 * Issue 16, finding 6 in the browser: an expert pastes a SurveyJS survey with names that have spaces and
 * capitals, carried-forward choices and a matrix; the import panel lists what it changed and the new
 * data names, the check finds no errors, and the survey replaces the draft. Screenshot at laptop size.
 */
const SURVEY_ID = "import-check";
const start = { pages: [{ name: "page1", elements: [{ type: "text", name: "first", title: "First" }] }] };

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("expert", null, "importer@example.org");
  await publishVersion(
    e2e.server.handle.db,
    {
      id: SURVEY_ID,
      title: "Import check",
      description: "",
      definition: start,
      fields: surveyFields(createSurveyModel(start)),
    },
    new Date(),
  );
});
afterAll(async () => {
  await e2e?.close();
});

describe("importing a SurveyJS survey in the editor", () => {
  it("explains the changes, shows the new data names and replaces the draft", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email", { exact: true }).fill("importer@example.org");
    await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.goto(`${e2e.server.url}/editor/${SURVEY_ID}`);
    await page.getByRole("button", { name: "Import and export" }).click();
    const survey = readFileSync(
      join(import.meta.dirname, "../fixtures/surveys/imports/customer-satisfaction.json"),
      "utf8",
    );
    await page.getByLabel("Or paste the JSON").fill(survey);
    await page.getByRole("button", { name: "Check this JSON" }).click();
    const renames = page.getByRole("table", { name: "New data names" });
    await renames.waitFor();
    expect(await renames.getByRole("row").count()).toBe(4);
    expect(await renames.innerText()).toContain("How satisfied are you overall?");
    expect(await page.locator(".import-report").innerText()).toContain("0 errors");
    await page.screenshot({ path: "/tmp/editor-import.png", fullPage: true });
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.getByRole("button", { name: "Replace the draft with this survey" }).click();
    // The published question "first" is not in the import, so the editor asks to confirm dropping it.
    await page.getByText(/drops or changes published data names/).waitFor();
    await context.close();
  }, 120_000);
});
