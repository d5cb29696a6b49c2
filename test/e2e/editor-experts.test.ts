import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { testSetting } from "../helpers/test-env.ts";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";

/**
 * Issue 15, "Expert by experience (editor)": the editor as an expert by experience meets it, on a
 * laptop (1440×900) and a tablet (1180×820, touch). Screenshots go to SCREENSHOT_DIR when it is set.
 */
const SURVEY_ID = "having-our-say";
// 64 characters, the longest a data name may be.
const LONG_NAME = "did_staff_at_the_service_help_you_to_make_a_plan_for_what_is_nex";
const definition = {
  title: "Having our say",
  pages: [
    {
      name: "consent_page",
      elements: [
        { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true },
        {
          type: "radiogroup",
          name: "support_now",
          title: "Are you getting support at the moment?",
          isRequired: true,
          choices: [
            { value: "yes", text: "Yes" },
            { value: "no", text: "No" },
          ],
        },
      ],
    },
    {
      name: "support_page",
      elements: [
        {
          type: "boolean",
          name: LONG_NAME,
          title: "Did staff help you make a plan?",
          visibleIf: "{support_now} = 'yes'",
        },
        { type: "boolean", name: "workers_listen", title: "Do workers listen to you?" },
      ],
    },
  ],
};

const NOTWITHSTANDING =
  "Notwithstanding the support you received from services in the past, do you feel that your worker listens to what you want now?";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("expert", null, "ayesha@example.org");
  await e2e.addUser("expert", null, "ben@example.org");
  await e2e.addUser("coordinator", "northtown", "coordinator@example.org");
  await publishVersion(
    e2e.server.handle.db,
    {
      id: SURVEY_ID,
      title: "Having our say",
      description: "",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    new Date(),
  );
});
afterAll(async () => {
  await e2e?.close();
});

const LAPTOP = { width: 1440, height: 900 };
const TABLET = { width: 1180, height: 820 };

async function signIn(browser: Browser, email: string, viewport = LAPTOP, touch = false): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: touch });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[${email}] page error:`, error));
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

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = testSetting("SCREENSHOT_DIR");
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: false });
}

async function openEditor(page: Page): Promise<void> {
  await page.goto(`${e2e.server.url}/editor/${SURVEY_ID}`);
  await page.getByRole("heading", { name: "Editing: Having our say", level: 1 }).waitFor();
}

/** The words on the screen as a person sees them (folded "Advanced" sections are not rendered). */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (closed sections are left out).
const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);

describe("the editor for experts by experience (issue 15)", () => {
  it("on a laptop: the preview beside the question, at its page, with earlier required answers filled", async () => {
    const page = await signIn(e2e.browser, "ayesha@example.org");
    await openEditor(page);
    await page.locator(".qlist__select").filter({ hasText: "Did staff help you make a plan?" }).click();

    const preview = page.getByRole("region", { name: "Survey preview" });
    // The question is on page 2, behind two required answers and a condition: it shows at once.
    await preview.getByText("Did staff help you make a plan?").waitFor();
    await page.getByText("the preview answered 2 earlier questions for you", { exact: false }).waitFor();
    const previewBox = await preview.boundingBox();
    const formBox = await page.locator(".editor__form").boundingBox();
    const wording = await page.getByLabel("Question wording").boundingBox();
    expect(previewBox && formBox && wording).toBeTruthy();
    if (!previewBox || !formBox || !wording) return;
    // Side by side, both in the first screenful.
    expect(previewBox.x).toBeGreaterThanOrEqual(formBox.x + formBox.width);
    expect(previewBox.y).toBeLessThan(LAPTOP.height);
    expect(wording.y).toBeLessThan(LAPTOP.height);
    const question = await preview.locator(`[data-name="${LONG_NAME}"]`).boundingBox();
    expect(question?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(LAPTOP.height);

    // The condition in words; the expression and the data name only under "Advanced".
    await page
      .getByText("Only ask this if they answered “Yes” to “Are you getting support at the moment?”.")
      .waitFor();
    const text = await visibleText(page);
    expect(text).not.toContain(LONG_NAME);
    expect(text).not.toContain("{support_now}");
    expect(text).not.toMatch(/Data name|SurveyJS|expression/i);
    await expect
      .poll(() => page.getByLabel("Add a comment on “Did staff help you make a plan?”").count())
      .toBe(1);

    // Long data names do not push the move buttons out of their card.
    for (const card of await page.locator(".qlist__item").all()) {
      const box = await card.boundingBox();
      for (const button of await card.locator(".qlist__moves button").all()) {
        const b = await button.boundingBox();
        expect(b && box && b.x + b.width <= box.x + box.width + 0.5).toBe(true);
        expect(b && b.width >= 44 && b.height >= 44).toBe(true);
      }
    }
    await expectNoAxeViolations(page, "laptop: question with preview");
    await screenshot(page, "laptop-question-and-preview");

    // Advanced holds the data name, for those who need it.
    await page.getByText("Advanced: the name answers are stored under").click();
    await expect
      .poll(() => page.getByLabel("Name the answers are stored under").inputValue())
      .toBe(LONG_NAME);
    await page.getByText("Advanced: the condition as the survey software writes it").click();
    await expect
      .poll(() => page.getByLabel("The condition in the survey software’s own notation").inputValue())
      .toBe("{support_now} = 'yes'");
    await expectNoAxeViolations(page, "laptop: advanced open");

    // A choice question: how each answer is stored is advanced too.
    await page
      .locator(".qlist__select")
      .filter({ hasText: "Are you getting support at the moment?" })
      .click();
    await page.getByLabel("Choice 1 text").waitFor();
    expect(await visibleText(page)).not.toContain("Stored as");
    await page.getByRole("button", { name: "Advanced: how each answer is stored" }).click();
    await expect.poll(() => page.getByLabel("Stored as").first().inputValue()).toBe("yes");
    await expectNoAxeViolations(page, "laptop: choices with stored values");

    // Plain language: the 22-word sentence with "notwithstanding" is not rated plain, and says why.
    await page.locator(".qlist__select").filter({ hasText: "Do workers listen to you?" }).click();
    await page.getByLabel("Question wording").fill(NOTWITHSTANDING);
    const note = page.locator(".plain").first();
    await expect
      .poll(() => note.textContent())
      .toMatch(/Easy to read: \d+ out of 100, (fairly hard|hard|very hard)/);
    await note.getByText("Why this score").click();
    await expect.poll(() => note.textContent()).toContain("A sentence of 22 words");
    await expect.poll(() => note.textContent()).toContain("“notwithstanding”");
    await expect.poll(() => note.textContent()).toContain("“Notwithstanding” is not an everyday word");
    await expectNoAxeViolations(page, "laptop: plain-language note");
    await screenshot(page, "laptop-plain-language");

    // The change log names the question by its wording.
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText(/Saved revision 1 by ayesha/).waitFor();
    await page.getByRole("button", { name: /^Review and publish/ }).click();
    const activity = page.locator(".activity");
    await expect
      .poll(() => activity.textContent())
      .toContain(`changed the question “${NOTWITHSTANDING.slice(0, 79)}…”`);
    expect(await activity.textContent()).not.toContain("workers_listen");
    await expectNoAxeViolations(page, "laptop: review and publish");
    await activity.scrollIntoViewIfNeeded();
    await screenshot(page, "laptop-review");
    await page.context().close();
  });

  it("lets someone else, never the author, accept a suggestion", async () => {
    // Ayesha saved first above, so she owns the draft.
    const ayesha = await signIn(e2e.browser, "ayesha@example.org");
    await openEditor(ayesha);
    await ayesha.locator(".qlist__select").filter({ hasText: "Are you happy to take part?" }).click();
    await ayesha.getByLabel("Your wording").fill("Are you happy to talk with us today?");
    await ayesha.getByRole("button", { name: "Suggest this wording" }).click();
    await ayesha.getByText("ayesha suggested a new question wording").waitFor();
    // Her own: no Accept, only Withdraw, and a plain reason.
    await ayesha.getByRole("button", { name: "Withdraw my suggestion" }).waitFor();
    expect(await ayesha.getByRole("button", { name: /^Accept suggestion/ }).count()).toBe(0);
    await ayesha.getByText("Someone else decides on your own suggestions.").waitFor();
    await expectNoAxeViolations(ayesha, "own suggestion");
    await screenshot(ayesha, "laptop-own-suggestion");

    const coordinator = await signIn(e2e.browser, "coordinator@example.org");
    await openEditor(coordinator);
    await coordinator.locator(".qlist__select").filter({ hasText: "Are you happy to take part?" }).click();
    await coordinator.getByRole("button", { name: "Accept suggestion by ayesha" }).click();
    await expect
      .poll(() => coordinator.getByLabel("Question wording").inputValue())
      .toBe("Are you happy to talk with us today?");
    await coordinator.context().close();
    await ayesha.context().close();
  });

  it("on a tablet with touch: a toggle shows the preview at the question being edited", async () => {
    const page = await signIn(e2e.browser, "ben@example.org", TABLET, true);
    await openEditor(page);
    await page.locator(".qlist__select").filter({ hasText: "Did staff help you make a plan?" }).tap();
    await page.getByLabel("Question wording").waitFor();
    expect(await page.getByRole("region", { name: "Survey preview" }).count()).toBe(0);
    await expectNoAxeViolations(page, "tablet: question form");
    await screenshot(page, "tablet-question");
    // Every tick box in the form is a touch target of at least 24 × 24 CSS px (WCAG 2.2, 2.5.8).
    const boxes = await page
      .locator(".field--check input[type=checkbox]")
      .evaluateAll((inputs) =>
        inputs.map((i) => i.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)),
      );
    expect(boxes.length).toBeGreaterThan(0);
    for (const side of boxes) expect(side).toBeGreaterThanOrEqual(24);

    const toggle = page.getByRole("button", { name: "Show the preview" });
    const toggleBox = await toggle.boundingBox();
    expect(toggleBox && toggleBox.height >= 44 && toggleBox.width >= 44).toBe(true);
    await toggle.tap();
    const preview = page.getByRole("region", { name: "Survey preview" });
    await preview.getByText("Did staff help you make a plan?").waitFor();
    const box = await preview.boundingBox();
    expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(TABLET.height);
    await expectNoAxeViolations(page, "tablet: preview");
    await screenshot(page, "tablet-preview");

    await page.getByRole("button", { name: "Back to the question" }).tap();
    await page.getByLabel("Question wording").waitFor();
    await page.context().close();
  });

  it("proposes a short name for a new survey from its name, never “q-item”", async () => {
    const page = await signIn(e2e.browser, "ben@example.org");
    await page.goto(`${e2e.server.url}/editor`);
    // A survey with no draft open says so under "Draft", never "Published" (read as a published draft).
    const surveys = page.getByRole("table", { name: "Surveys and their drafts" });
    await surveys.getByRole("cell", { name: "None: no changes since version 1" }).first().waitFor();
    expect(await surveys.getByRole("cell", { name: "Published", exact: true }).count()).toBe(0);
    const shortName = page.getByLabel("Short name for links");
    expect(await shortName.inputValue()).toBe("");
    await page.getByLabel("Survey name").fill("What matters to you, 2027?");
    await expect.poll(() => shortName.inputValue()).toBe("what-matters-to-you-2027");
    await expectNoAxeViolations(page, "new survey");
    await screenshot(page, "laptop-new-survey");
    await page.getByRole("button", { name: "Create the survey" }).click();
    await page.waitForURL((url) => url.pathname === "/editor/what-matters-to-you-2027");
    await page.context().close();
  });
});
