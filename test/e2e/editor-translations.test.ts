import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";

/**
 * Issue 18 in the browser at laptop size: an expert translates two questions into Polish side by side,
 * says they read Polish, signs it off, marks the unfinished Arabic as not offered; a coordinator then
 * publishes and the version carries Polish and no Arabic. Screenshot at /tmp/editor-translations.png.
 */
const SURVEY_ID = "languages-e2e";
const start = {
  title: "Your home",
  pages: [
    {
      name: "page1",
      elements: [
        { type: "text", name: "live", title: { default: "Where do you live now?", ar: "أين تعيش الآن؟" } },
        { type: "comment", name: "better", title: "What would make it better?" },
      ],
    },
  ],
};

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("expert", null, "translator@example.org");
  await e2e.addUser("coordinator", null, "publisher@example.org");
  await publishVersion(
    e2e.server.handle.db,
    {
      id: SURVEY_ID,
      title: "Your home",
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

async function signIn(email: string) {
  const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return { context, page };
}

describe("translation in the editor", () => {
  it("translates into Polish, signs off, and publishes with Arabic not offered", async () => {
    const { context, page } = await signIn("translator@example.org");
    await page.goto(`${e2e.server.url}/editor/${SURVEY_ID}`);
    await page.getByRole("button", { name: "Languages" }).click();
    await page.getByLabel("Add a language").selectOption("pl");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "added" }).waitFor();
    const table = page.locator(".translations__table");
    expect(await table.innerText()).toContain("Not translated yet");
    const boxes = table.locator("textarea");
    expect(await boxes.count()).toBe(3);
    await boxes.nth(0).fill("Twój dom");
    await boxes.nth(1).fill("Gdzie teraz mieszkasz?");
    await boxes.nth(2).fill("Co by to poprawiło?");
    await page.getByRole("button", { name: "Save 3 translations" }).click();
    await page.getByRole("status").filter({ hasText: "Saved 3 translations" }).waitFor();
    await page.getByRole("button", { name: /^I read Polish/ }).click();
    await page.getByRole("button", { name: /^I have read every text and sign off Polish/ }).click();
    await page.getByRole("status").filter({ hasText: "You signed off" }).waitFor();
    expect(await page.locator(".translations__languages").innerText()).toContain("Signed off by");

    await page.getByRole("button", { name: /^Arabic/ }).click();
    expect(await table.locator('textarea[dir="rtl"]').count()).toBe(3);
    await page.getByLabel("Offer this language when the survey is published").click(); // a controlled box: it changes once the server has answered (the status below);
    await page.getByRole("status").filter({ hasText: "will not be offered" }).waitFor();
    await page.getByRole("button", { name: /^Polish/ }).click();
    await page.screenshot({ path: "/tmp/editor-translations.png", fullPage: true });
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);

    // Review and publish through the API with the browser's own sessions.
    const api = (p: typeof page, path: string, data: unknown) =>
      p.request.post(`${e2e.server.url}/api/editor/surveys/${SURVEY_ID}${path}`, {
        data,
        headers: { origin: e2e.server.url },
      });
    const draft = (await (
      await page.request.get(`${e2e.server.url}/api/editor/surveys/${SURVEY_ID}/draft`)
    ).json()) as {
      draft: { revision: number };
    };
    const revision = draft.draft.revision;
    expect((await api(page, "/status", { status: "in_review", revision })).status()).toBe(200);
    expect((await api(page, "/signoffs", { revision })).status()).toBe(201);
    const coordinator = await signIn("publisher@example.org");
    const published = await api(coordinator.page, "/publish", { revision });
    expect(published.status(), await published.text()).toBe(201);
    const { version } = (await published.json()) as { version: number };
    const definition = await (
      await coordinator.page.request.get(`${e2e.server.url}/api/surveys/${SURVEY_ID}/versions/${version}`)
    ).text();
    expect(definition).toContain("Gdzie teraz mieszkasz?");
    expect(definition).not.toContain("أين تعيش الآن؟");
    await coordinator.context.close();
    await context.close();
  }, 180_000);
});
