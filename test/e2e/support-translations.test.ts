import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { testSetting } from "../helpers/test-env.ts";
import { axeViolations, type E2E, startE2E } from "./harness.ts";
import { signIn } from "./offline-helpers.ts";

/**
 * Issue 18, decisions 0050 and 0057: a coordinator gives the area's support services in the languages
 * its surveys are offered in, beside the English, on the area settings page. What is saved is what the
 * tablet gets with the list.
 */

const TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;
const SHOTS = testSetting("ALONGSIDE_SCREENSHOTS");
const definition = JSON.parse(
  readFileSync(new URL("../fixtures/surveys/three-languages.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("coordinator", "northtown", "lead@northtown.example");
  await e2e.server.handle.db
    .updateTable("areas")
    .set({
      support_services: JSON.stringify([
        { name: "Northtown Crisis Café", phone: "0191 000 0000", hours: "Every evening, 6pm to midnight" },
        { name: "Riverside Food Bank", address: "12 Quay Street", notes: "No referral needed." },
      ]),
    })
    .where("id", "=", "northtown")
    .execute();
  await publishVersion(
    e2e.server.handle.db,
    {
      id: "how-things-are",
      title: "How things are",
      description: "Three languages",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    new Date(),
  );
});
afterAll(async () => {
  await e2e?.close();
});

async function expectAtLeast44(locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
}

const stored = async () =>
  JSON.parse(
    (
      await e2e.server.handle.db
        .selectFrom("areas")
        .select("support_service_translations")
        .where("id", "=", "northtown")
        .executeTakeFirstOrThrow()
    ).support_service_translations,
  ) as Record<string, Record<string, Record<string, string>>>;

describe("support services in other languages", () => {
  it("a coordinator writes the services' words beside the English, per language the surveys offer", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "lead@northtown.example");
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    await page.goto(`${e2e.server.url}/coordination/areas`);
    const section = page.getByRole("region", { name: "Support services in other languages" });
    await section.getByRole("button", { name: "Save the words in Arabic" }).waitFor();

    // The languages are those the published survey offers; English is what the coordinator wrote.
    const language = section.getByLabel("Language");
    expect(await language.locator("option").allTextContents()).toEqual([
      "Arabic (العربية)",
      "Polish (polski)",
    ]);
    await language.selectOption("pl");
    await section.getByRole("button", { name: "Save the words in Polish" }).waitFor();
    const cafe = section.getByRole("group", { name: "Service 1: Northtown Crisis Café" });
    const foodBank = section.getByRole("group", { name: "Service 2: Riverside Food Bank" });
    await cafe.getByText("Every evening, 6pm to midnight").waitFor();
    // Only what the service has is offered for translation; the phone number is never translated.
    expect(await cafe.getByLabel("Address in Polish").count()).toBe(0);
    expect(await cafe.getByLabel("Phone in Polish").count()).toBe(0);
    await cafe.getByText("0191 000 0000").waitFor();

    await cafe.getByLabel("Name in Polish").fill("Kawiarnia kryzysowa Northtown");
    await cafe.getByLabel("Opening hours in Polish").fill("x".repeat(201));
    await foodBank.getByLabel("Address in Polish").fill("12 Quay Street");
    await foodBank.getByLabel("Notes in Polish").fill("Skierowanie nie jest potrzebne.");
    const save = section.getByRole("button", { name: "Save the words in Polish" });
    await save.click();
    // Too long: said at the field, which has the focus; nothing is sent.
    const hours = cafe.getByLabel("Opening hours in Polish");
    await cafe.getByText("Opening hours: at most 200 characters (now 201).").waitFor();
    expect(await hours.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await hours.getAttribute("aria-invalid")).toBe("true");
    expect(await stored()).toEqual({});
    await expectNoAxeViolations(page);

    await hours.fill("Codziennie wieczorem, od 18:00 do północy");
    await save.click();
    await page.getByText("The support services in Polish are saved.").waitFor({ state: "attached" });
    expect((await stored()).pl).toEqual({
      "Northtown Crisis Café": {
        name: "Kawiarnia kryzysowa Northtown",
        hours: "Codziennie wieczorem, od 18:00 do północy",
      },
      "Riverside Food Bank": { address: "12 Quay Street", notes: "Skierowanie nie jest potrzebne." },
    });

    // Arabic is typed right to left; each language keeps its own words.
    await language.selectOption("ar");
    const arabicName = section
      .getByRole("group", { name: "Service 1: Northtown Crisis Café" })
      .getByLabel("Name in Arabic");
    expect(await arabicName.getAttribute("dir")).toBe("rtl");
    expect(await arabicName.getAttribute("lang")).toBe("ar");
    await arabicName.fill("مقهى الأزمات في نورثتاون");
    await expectAtLeast44(arabicName);
    await expectAtLeast44(language);
    await expectAtLeast44(section.getByRole("button", { name: "Save the words in Arabic" }));
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/support-translations.png`, fullPage: true });
    // Keyboard: from the name to the save button by Tab, and Enter saves.
    await arabicName.focus();
    for (let i = 0; i < 8; i++) {
      const onSave = await section
        .getByRole("button", { name: "Save the words in Arabic" })
        .evaluate((el) => el === document.activeElement);
      if (onSave) break;
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    await page.getByText("The support services in Arabic are saved.").waitFor({ state: "attached" });
    expect((await stored()).ar).toEqual({ "Northtown Crisis Café": { name: "مقهى الأزمات في نورثتاون" } });
    await expectNoAxeViolations(page);

    // After a reload the words are there, as the tablet gets them.
    await page.reload();
    await section.getByLabel("Language").selectOption("pl");
    expect(
      await section
        .getByRole("group", { name: "Service 1: Northtown Crisis Café" })
        .getByLabel("Name in Polish")
        .inputValue(),
    ).toBe("Kawiarnia kryzysowa Northtown");
    await context.close();
  });

  it("says plainly when the services changed and a translation was refused", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "lead@northtown.example");
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    await page.goto(`${e2e.server.url}/coordination/areas`);
    const section = page.getByRole("region", { name: "Support services in other languages" });
    await section.getByLabel("Language").selectOption("pl");
    // Meanwhile someone else renames the food bank.
    await e2e.server.handle.db
      .updateTable("areas")
      .set({
        support_services: JSON.stringify([
          { name: "Northtown Crisis Café", phone: "0191 000 0000", hours: "Every evening, 6pm to midnight" },
          { name: "Riverside Community Pantry", address: "12 Quay Street", notes: "No referral needed." },
        ]),
      })
      .where("id", "=", "northtown")
      .execute();
    const foodBank = section.getByRole("group", { name: "Service 2: Riverside Food Bank" });
    await foodBank.getByLabel("Name in Polish").fill("Bank żywności Riverside");
    await section.getByRole("button", { name: "Save the words in Polish" }).click();
    await section.getByRole("alert").getByText("The support services in Polish were not saved").waitFor();
    await foodBank.getByText("There is no service by this name on the area's list.").waitFor();
    await expectNoAxeViolations(page);
    await context.close();
  });
});
