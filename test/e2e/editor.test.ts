import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { generateParticipantCode } from "../../shared/contract/participant-code.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";
import { choosePinIfAsked } from "./offline-helpers.ts";

/**
 * The co-design editor end to end: an expert adds a conditional, outcome-tagged question and sees it
 * in the preview; a second expert suggests a rewording; the first accepts it; a coordinator publishes
 * version 2; a peer researcher interviews on version 2; version 1's response stays under version 1.
 */
const SURVEY_ID = "co-design-check";
const version1 = {
  title: "Co-design check",
  pages: [
    {
      name: "page1",
      elements: [
        {
          type: "radiogroup",
          name: "stay",
          title: "Where are you staying at the moment?",
          choices: [
            { value: "own", text: "My own place" },
            { value: "hostel", text: "A hostel" },
          ],
        },
      ],
    },
  ],
};

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("expert", null, "ayesha@example.org");
  await e2e.addUser("expert", null, "ben@example.org");
  await e2e.addUser("coordinator", "northtown", "coordinator@example.org");
  await e2e.addUser("peer_researcher", "northtown", "researcher@example.org");
  await publishVersion(
    e2e.server.handle.db,
    {
      id: SURVEY_ID,
      title: "Co-design check",
      description: "A short check written with experts by experience.",
      definition: version1,
      fields: surveyFields(createSurveyModel(version1)),
    },
    new Date(),
  );
});
afterAll(async () => {
  await e2e?.close();
});

async function signIn(
  browser: Browser,
  email: string,
  viewport = { width: 1440, height: 1000 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
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

async function openQuestion(page: Page, title: RegExp): Promise<void> {
  await page.locator(".qlist__select").filter({ hasText: title }).click();
}

/** A version 1 interview, sent the way a tablet sends it. */
async function syncVersion1Interview(page: Page): Promise<void> {
  const participantCode = generateParticipantCode((a) => crypto.getRandomValues(a));
  const result = await page.evaluate(
    async ({ surveyId, participantCode }) => {
      const res = await fetch("/api/sync", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          items: [
            {
              id: crypto.randomUUID(),
              surveyId,
              surveyVersion: 1,
              participantCode,
              wave: 0,
              areaId: "northtown",
              startedAt: new Date(Date.now() - 600_000).toISOString(),
              completedAt: new Date().toISOString(),
              administrationMode: "read_aloud",
              data: { stay: "own" },
            },
          ],
        }),
      });
      return { status: res.status, body: await res.json() };
    },
    { surveyId: SURVEY_ID, participantCode },
  );
  expect(result.status).toBe(200);
  expect(result.body.results[0].outcome, JSON.stringify(result.body)).toBe("accepted");
}

describe("co-design editor", () => {
  it("takes a question from an expert's idea to an interview on version 2", async () => {
    const researcher = await signIn(e2e.browser, "researcher@example.org", { width: 800, height: 1280 });
    await syncVersion1Interview(researcher);

    // 1. Ayesha adds a conditional, outcome-tagged question and watches it appear in the preview.
    const ayesha = await signIn(e2e.browser, "ayesha@example.org");
    await expect.poll(() => new URL(ayesha.url()).pathname).toBe("/editor");
    await ayesha.getByRole("link", { name: "Co-design check" }).click();
    await ayesha.getByRole("heading", { name: "Editing: Co-design check", level: 1 }).waitFor();
    await expectNoAxeViolations(ayesha, "editor opened");

    // With the keyboard: choose the type and add the question.
    await ayesha.getByLabel("New question type").focus();
    await ayesha.getByLabel("New question type").selectOption("radiogroup");
    await ayesha.getByRole("button", { name: "Add question" }).focus();
    await ayesha.keyboard.press("Enter");
    const wording = ayesha.getByLabel("Question wording");
    await expect.poll(() => wording.evaluate((el) => el === document.activeElement)).toBe(true);
    await ayesha.keyboard.press("ControlOrMeta+a");
    await ayesha.keyboard.type("How safe do you feel where you are staying?");
    await ayesha.getByText("Advanced: the name answers are stored under").click();
    await ayesha.getByLabel("Name the answers are stored under").fill("feel_safe");
    await ayesha.getByLabel("Choice 1 text").fill("Safe");
    await ayesha.getByLabel("Choice 2 text").fill("Not safe");
    await ayesha.getByLabel("Outcome in the theory of change").selectOption({
      value: "outcome-areas-see-better-outcomes",
    });
    await ayesha.getByRole("button", { name: "Only ask it after a certain answer" }).click();
    await ayesha
      .getByLabel("Rule 1: the question")
      .selectOption({ label: "Where are you staying at the moment?" });
    await ayesha.getByLabel("Rule 1: this answer").selectOption({ label: "A hostel" });
    await expect
      .poll(() => ayesha.getByLabel("The condition in the survey software’s own notation").inputValue())
      .toBe("{stay} = 'hostel'");
    await ayesha
      .getByText("Only ask this if they answered “A hostel” to “Where are you staying at the moment?”.")
      .waitFor();

    // The plain-language check sits beside the wording.
    await expect.poll(() => ayesha.getByText(/Easy to read: \d+ out of 100/).count()).toBeGreaterThan(0);

    const preview = ayesha.getByRole("region", { name: "Survey preview" });
    await preview.getByText("Where are you staying at the moment?").waitFor();
    // Beside the form on a laptop (issue 15), not below it.
    const box = await preview.boundingBox();
    const form = await ayesha.locator(".editor__form").boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(400);
    expect(box?.x).toBeGreaterThanOrEqual((form?.x ?? 0) + (form?.width ?? 0));
    // The preview follows the editor a moment later, and answers "A hostel" by itself so the question
    // being written can be seen at once (issue 15).
    await ayesha.getByText("the preview answered one earlier question for you", { exact: false }).waitFor();
    await preview.getByText("How safe do you feel where you are staying?").waitFor();
    await expect.poll(() => preview.getByRole("radio", { name: "A hostel" }).isChecked()).toBe(true);
    await preview.getByText("My own place").click();
    await expect.poll(() => preview.getByText("How safe do you feel where you are staying?").count()).toBe(0);
    await preview.getByText("A hostel").click();

    // Reorder with the keyboard buttons: up, then back down.
    await ayesha
      .getByRole("button", { name: "Move “How safe do you feel where you are staying?” up" })
      .focus();
    await ayesha.keyboard.press("Enter");
    const titles = () => ayesha.locator(".qlist__title").allInnerTexts();
    await expect
      .poll(titles)
      .toEqual(["How safe do you feel where you are staying?", "Where are you staying at the moment?"]);
    await ayesha
      .getByRole("button", { name: "Move “How safe do you feel where you are staying?” down" })
      .focus();
    await ayesha.keyboard.press("Enter");
    await expect
      .poll(titles)
      .toEqual(["Where are you staying at the moment?", "How safe do you feel where you are staying?"]);

    await expectNoAxeViolations(ayesha, "editing a question with the preview");
    await ayesha.keyboard.press("ControlOrMeta+s");
    await ayesha.getByText(/Saved revision 1 by ayesha/).waitFor();

    // 2. Ben suggests a rewording.
    const ben = await signIn(e2e.browser, "ben@example.org");
    await ben.goto(`${e2e.server.url}/editor/${SURVEY_ID}`);
    await openQuestion(ben, /How safe do you feel where you are staying\?/);
    await ben.getByLabel("Your wording").fill("How safe do you feel where you live now?");
    await ben.getByLabel("Why (optional)").fill("Shorter, and not everyone is “staying”.");
    await ben.getByRole("button", { name: "Suggest this wording" }).click();
    await ben.getByText("ben suggested a new question wording").waitFor();
    await expectNoAxeViolations(ben, "suggestion made");

    // 3. Ayesha, the draft's owner, sees it as a tracked change and accepts it.
    await ayesha.reload();
    await openQuestion(ayesha, /How safe do you feel where you are staying\?/);
    const tracked = ayesha.locator(".suggestion--open .suggestion__text");
    await expect.poll(() => tracked.locator("del").textContent()).toContain("are staying?");
    await expect.poll(() => tracked.locator("ins").textContent()).toContain("live now?");
    await ayesha.getByRole("button", { name: "Accept suggestion by ben" }).click();
    await expect
      .poll(() => ayesha.getByLabel("Question wording").inputValue())
      .toBe("How safe do you feel where you live now?");
    await ayesha.getByRole("button", { name: /^Review and publish/ }).click();
    await ayesha.getByRole("button", { name: "Send for review" }).click();
    await ayesha.getByText("In review", { exact: true }).first().waitFor();

    // Ben signs off the revision he read.
    await ben.reload();
    await ben.getByRole("button", { name: /^Review and publish/ }).click();
    await ben.getByRole("button", { name: /^Sign off revision \d+$/ }).click();
    await ben.getByText(/ben signed off revision/).waitFor();

    // 4. The coordinator publishes version 2.
    const coordinator = await signIn(e2e.browser, "coordinator@example.org");
    await coordinator.goto(`${e2e.server.url}/editor/${SURVEY_ID}`);
    await coordinator.getByRole("button", { name: /^Review and publish/ }).click();
    await expectNoAxeViolations(coordinator, "review and publish");
    await coordinator.getByRole("button", { name: "Publish version 2" }).click();
    await coordinator.getByText("Version 2 is published.", { exact: false }).waitFor();

    // 5. A peer researcher interviews on version 2, through the fieldwork screens.
    await researcher.goto(`${e2e.server.url}/fieldwork`);
    await researcher.getByRole("heading", { name: "Choose a survey" }).waitFor();
    const card = researcher.locator(".card").filter({ hasText: "Co-design check" });
    await card.getByText("Version 2").waitFor();
    await card.getByRole("button", { name: /Choose Co-design check/ }).click();
    await choosePinIfAsked(researcher);
    await researcher.getByRole("button", { name: "New code" }).click();
    await researcher.getByRole("button", { name: "Start, read aloud by me" }).click();
    // The readiness check before consent (see the distress protocol), then the questions of version 2.
    await researcher.getByRole("heading", { name: "Readiness check" }).waitFor();
    await researcher.getByRole("button", { name: "All of these are true: go to consent" }).click();
    await researcher.getByText("A hostel").click();
    await researcher.getByText("How safe do you feel where you live now?").waitFor();
    await researcher.getByText("Not safe").click();
    await researcher.getByRole("button", { name: "Complete" }).click();
    await researcher
      .getByRole("heading", { name: /Interview finished|Saved on the server/, level: 1 })
      .waitFor();

    const storedVersions = async () =>
      (
        await e2e.server.handle.db
          .selectFrom("responses")
          .select("survey_version")
          .where("survey_id", "=", SURVEY_ID)
          .execute()
      ).map((r) => Number(r.survey_version));
    await expect.poll(storedVersions, { timeout: 20_000 }).toHaveLength(2);
    const stored = await e2e.server.handle.db
      .selectFrom("responses")
      .select(["survey_version", "data"])
      .where("survey_id", "=", SURVEY_ID)
      .orderBy("survey_version")
      .execute();
    expect(stored.map((r) => Number(r.survey_version))).toEqual([1, 2]);
    expect(JSON.parse(stored[1]?.data ?? "{}")).toMatchObject({ stay: "hostel", feel_safe: "not_safe" });

    // 6. Version 1's response is still listed under version 1.
    await coordinator.getByRole("button", { name: "History" }).click();
    const table = coordinator.getByRole("table", { name: "Published versions, newest first" });
    await table.waitFor();
    const row = (v: number) =>
      table
        .getByRole("row")
        .filter({ hasText: `Version ${v}` })
        .first();
    await expect.poll(() => row(2).textContent()).toContain("1 response");
    await expect.poll(() => row(1).textContent()).toContain("1 response");
    await expect.poll(() => row(2).textContent()).toContain("ben");

    // And the wording diff between the versions reads as tracked changes.
    await coordinator.getByLabel("Compare from", { exact: true }).selectOption("1");
    await coordinator.getByLabel("Compare to", { exact: true }).selectOption("2");
    await coordinator.getByRole("button", { name: "Show the differences" }).click();
    const added = coordinator
      .locator(".diff-list > li")
      .filter({ hasText: "How safe do you feel where you live now?" });
    await expect.poll(() => added.textContent()).toContain("(question, added)");
    await expect
      .poll(() => added.locator("ins").first().textContent())
      .toContain("How safe do you feel where you live now?");
    await expectNoAxeViolations(coordinator, "history and diff");
  });
});
