import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { axeViolations, type E2E, E2E_PASSWORD, keepScreenshot, startE2E } from "./harness.ts";
import { choosePinIfAsked } from "./offline-helpers.ts";

/**
 * Issue 16, finding 6 in the browser: an expert pastes a SurveyJS survey with names that have spaces and
 * capitals, carried-forward choices and a matrix; the import panel lists what it changed and the new
 * data names, the check finds no errors, and the survey replaces the draft. Screenshot at laptop size.
 *
 * And a newcomer's whole way (issue 16, "done when"): a typical SurveyJS survey (matrices, a dynamic
 * panel, names with spaces and capitals, matrix rows among them, carried-forward choices) is imported
 * in the editor, the changes are read in plain words, another expert signs it off, the coordinator
 * publishes it, and a peer researcher runs it on a tablet; the interview uploads and is accepted with the
 * answers under the new data names.
 */
const SURVEY_ID = "import-check";
const FIELD_ID = "community-services";
const start = { pages: [{ name: "page1", elements: [{ type: "text", name: "first", title: "First" }] }] };

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("expert", null, "importer@example.org");
  await e2e.addUser("expert", null, "reviewer@example.org");
  await e2e.addUser("coordinator", "northtown", "coordinator@example.org");
  await e2e.addUser("peer_researcher", "northtown", "researcher@example.org");
  await publishVersion(
    e2e.server.handle.db,
    {
      id: FIELD_ID,
      title: "Community services check",
      description: "",
      definition: start,
      fields: surveyFields(createSurveyModel(start)),
    },
    new Date(),
  );
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
    await keepScreenshot(page, "editor-import", { fullPage: true });
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.getByRole("button", { name: "Replace the draft with this survey" }).click();
    // The published question "first" is not in the import, so the editor asks to confirm dropping it.
    await page.getByText(/drops or changes published data names/).waitFor();
    await context.close();
  }, 120_000);

  it("takes a typical SurveyJS survey from import to an accepted interview on a tablet", async () => {
    // 1. The expert imports it and reads what was changed.
    const expert = await signIn(e2e.browser, "importer@example.org");
    await expert.goto(`${e2e.server.url}/editor/${FIELD_ID}`);
    await expert.getByRole("button", { name: "Import and export" }).click();
    await expert
      .getByLabel("Or paste the JSON")
      .fill(
        readFileSync(
          join(import.meta.dirname, "../fixtures/surveys/imports/community-services.json"),
          "utf8",
        ),
      );
    await expert.getByRole("button", { name: "Check this JSON" }).click();
    const renames = expert.getByRole("table", { name: "New data names" });
    await renames.waitFor();
    const listed = await renames.innerText();
    for (const wording of ["Which one helped you most?", "Right now", "Next month", "First name"])
      expect(listed).toContain(wording);
    const report = await expert.locator(".import-report").innerText();
    expect(report).toContain("0 errors");
    const page = await expert.locator("main").innerText();
    expect(page).toMatch(/7 questions were given a new data name/);
    expect(page).toMatch(/2 rows of tables were given a new data name/);
    await keepScreenshot(expert, "editor-import-field", { fullPage: true });
    await expectNoAxeViolations(expert, "import report");
    await expert.getByRole("button", { name: "Replace the draft with this survey" }).click();
    // The placeholder question of version 1 is not in the import: its data name is dropped, on purpose.
    await expert.getByRole("heading", { name: "Confirm changes to published data names" }).waitFor();
    for (const box of await expert.locator(".alert--error input[type=checkbox]").all()) await box.check();
    await expert.getByRole("button", { name: "Confirm and save" }).click();
    await expert
      .getByRole("heading", { name: "Confirm changes to published data names" })
      .waitFor({ state: "detached" });
    await expert.getByRole("button", { name: /^Review and publish/ }).click();
    await expert.getByRole("button", { name: "Send for review" }).click();
    await expert.getByText("In review", { exact: true }).first().waitFor();

    // 2. Another expert signs it off; 3. the coordinator publishes it.
    const reviewer = await signIn(e2e.browser, "reviewer@example.org");
    await reviewer.goto(`${e2e.server.url}/editor/${FIELD_ID}`);
    await reviewer.getByRole("button", { name: /^Review and publish/ }).click();
    await reviewer.getByRole("button", { name: /^Sign off revision \d+$/ }).click();
    await reviewer.getByText(/reviewer signed off revision/).waitFor();
    const coordinator = await signIn(e2e.browser, "coordinator@example.org");
    await coordinator.goto(`${e2e.server.url}/editor/${FIELD_ID}`);
    await coordinator.getByRole("button", { name: /^Review and publish/ }).click();
    await coordinator.getByRole("button", { name: "Publish version 2" }).click();
    await coordinator.getByText("Version 2 is published.", { exact: false }).waitFor();

    // 4. A peer researcher runs it on a tablet, landscape.
    const tablet = await signIn(e2e.browser, "researcher@example.org", {
      viewport: { width: 1180, height: 820 },
      hasTouch: true,
    });
    await tablet.goto(`${e2e.server.url}/fieldwork`);
    await tablet.getByRole("heading", { name: "Choose a survey" }).waitFor();
    const card = tablet.locator(".card").filter({ hasText: "Community services check" });
    await card.getByText("Version 2").waitFor();
    await card.getByRole("button", { name: /Choose Community services check/ }).click();
    await choosePinIfAsked(tablet);
    await tablet.getByRole("button", { name: "New code" }).click();
    await tablet.getByRole("button", { name: "Start, read aloud by me" }).click();
    await tablet.getByRole("heading", { name: "Readiness check" }).waitFor();
    await tablet.getByRole("button", { name: "All of these are true: go to consent" }).click();
    const question = (title: string) => tablet.locator(".sd-question").filter({ hasText: title }).first();
    const used = question("Which services did you use this month?");
    await used.waitFor();
    await used.getByText("Food bank").click();
    await used.getByText("Housing advice").click();
    // The choices carried from the answer above: only the two services used are offered.
    const most = question("Which one helped you most?");
    await most.getByText("Housing advice").waitFor();
    expect(await most.getByText("Drop-in clinic").count()).toBe(0);
    await most.getByText("Housing advice").click();
    const feelings = question("How do you feel about these?");
    // Each cell of the table is a choice named by its row and column (survey-core's own labels). The
    // input is hidden behind its circle; a check that lands while survey-core redraws the table (after
    // the answer above) is tried again until survey-core has it.
    const pick = async (name: string) => {
      const radio = feelings.getByRole("radio", { name });
      await expect
        .poll(
          async () => {
            if (!(await radio.isChecked()))
              await radio.check({ force: true, timeout: 5_000 }).catch(() => undefined);
            return radio.isChecked();
          },
          { timeout: 30_000 },
        )
        .toBe(true);
    };
    await pick("row Right now, column Worried");
    await pick("row Next month, column Settled");
    await question("What would help you feel less worried?").locator("textarea").fill("A quiet place");
    await tablet.getByLabel("First name").fill("Sam");
    // Every choice in a table and a repeated section's buttons are 44 × 44 targets on the tablet.
    const small = await tablet.evaluate(() =>
      [
        ...document.querySelectorAll(
          ".sd-matrix__label, .sd-paneldynamic .sd-action, .sd-paneldynamic button",
        ),
      ]
        .map((element) => {
          const box = element.getBoundingClientRect();
          return {
            what: element.textContent?.trim() || element.className,
            width: box.width,
            height: box.height,
          };
        })
        .filter((box) => box.width > 0 && (box.width < 44 || box.height < 44)),
    );
    expect(small).toEqual([]);
    await keepScreenshot(tablet, "editor-import-tablet", { fullPage: true });
    await tablet.getByRole("button", { name: "Complete" }).click();
    await tablet.getByRole("heading", { name: /Interview finished|Saved on the server/, level: 1 }).waitFor();

    // 5. The interview reaches the server and is accepted, with the answers under the new names.
    const stored = () =>
      e2e.server.handle.db
        .selectFrom("responses")
        .select(["survey_version", "data", "review_status"])
        .where("survey_id", "=", FIELD_ID)
        .execute();
    await expect.poll(async () => (await stored()).length, { timeout: 20_000 }).toBe(1);
    const [response] = await stored();
    expect(Number(response?.survey_version)).toBe(2);
    expect(response?.review_status).toBe("received");
    expect(JSON.parse(response?.data ?? "{}")).toMatchObject({
      services_used: ["food", "housing"],
      most_helpful: "housing",
      feelings_now: { right_now: 1, next_month: 3 },
      what_would_help: "A quiet place",
      household_members: [{ member_name: "Sam" }],
    });
  }, 240_000);
});

async function signIn(
  browser: Browser,
  email: string,
  options: { viewport: { width: number; height: number }; hasTouch?: boolean } = {
    viewport: { width: 1440, height: 900 },
  },
): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return page;
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}
