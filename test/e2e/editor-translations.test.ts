import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { axeViolations, type E2E, E2E_PASSWORD, keepScreenshot, startE2E } from "./harness.ts";

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
const PICTURES_ID = "pictures-e2e";
const withChoices = {
  title: "Your home",
  pages: [
    {
      name: "page1",
      elements: [
        {
          type: "radiogroup",
          name: "live",
          title: "Where do you live now?",
          choices: [
            { value: "flat", text: "A flat" },
            { value: "hostel", text: "A hostel" },
          ],
        },
      ],
    },
  ],
};

beforeAll(async () => {
  await publishVersion(
    e2e.server.handle.db,
    {
      id: PICTURES_ID,
      title: "Your home, with pictures",
      description: "",
      definition: withChoices,
      fields: surveyFields(createSurveyModel(withChoices)),
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
    await keepScreenshot(page, "editor-translations", { fullPage: true });
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

  it("uploads an Easy Read picture with words for it, refusing a wrong type, a huge file and no words", async () => {
    const { context, page } = await signIn("translator@example.org");
    await page.goto(`${e2e.server.url}/editor/${PICTURES_ID}`);
    await page.getByRole("button", { name: "Languages" }).click();
    await page.getByLabel("Add a language").selectOption("en-easy");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("heading", { name: "Easy Read pictures" }).waitFor();
    const question = page.locator(".pictures__field").first();
    const file = question.getByLabel("Choose a picture");

    await file.setInputFiles({ name: "house.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a") });
    await question
      .getByRole("alert")
      .filter({ hasText: "Choose a PNG, JPEG, WebP or SVG picture." })
      .waitFor();
    await file.setInputFiles({
      name: "huge.png",
      mimeType: "image/png",
      buffer: Buffer.alloc(400 * 1024, 1),
    });
    await question.getByRole("alert").filter({ hasText: "Pictures can be up to 300 KB" }).waitFor();

    // A real picture, drawn by the browser: a house.
    const png = await page.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = 160;
      canvas.height = 160;
      const g = canvas.getContext("2d") as CanvasRenderingContext2D;
      g.fillStyle = "#fff";
      g.fillRect(0, 0, 160, 160);
      g.fillStyle = "#1a4f8b";
      g.beginPath();
      g.moveTo(20, 80);
      g.lineTo(80, 20);
      g.lineTo(140, 80);
      g.fill();
      g.fillRect(35, 80, 90, 70);
      g.fillStyle = "#c0392b";
      g.fillRect(70, 105, 22, 45);
      return canvas.toDataURL("image/png").split(",")[1] as string;
    });
    await file.setInputFiles({
      name: "house.png",
      mimeType: "image/png",
      buffer: Buffer.from(png, "base64"),
    });
    await question.getByRole("img", { name: "The chosen picture" }).waitFor();
    await question.getByRole("button", { name: "Save picture" }).click();
    await question
      .getByRole("alert")
      .filter({ hasText: "Say in a few words what the picture shows." })
      .waitFor();
    await question.getByLabel("What the picture shows").fill("A house with a red door");
    await question.getByRole("button", { name: "Save picture" }).click();
    await question.getByRole("status").filter({ hasText: "Picture saved." }).waitFor();
    expect(await question.getByRole("alert").count()).toBe(0);
    const shown = question.getByRole("img", { name: "A house with a red door" });
    await shown.waitFor();
    expect(await shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);

    // Stored in the draft as an Easy Read-only image element with its words.
    const draft = (await (
      await page.request.get(`${e2e.server.url}/api/editor/surveys/${PICTURES_ID}/draft`)
    ).json()) as { draft: { definition: unknown } };
    const stored = JSON.stringify(draft.draft.definition);
    expect(stored).toContain("live__easy_read");
    expect(stored).toContain("A house with a red door");

    await page.getByText(/^Pictures for the answers/).click();
    await page.getByRole("group", { name: "Picture for the answer “A flat”" }).waitFor();
    await page.getByRole("heading", { name: "Easy Read pictures" }).scrollIntoViewIfNeeded();
    await keepScreenshot(page, "editor-easy-read-pictures", { fullPage: true });
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await context.close();
  }, 120_000);
});
