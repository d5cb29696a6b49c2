import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type E2E, startE2E } from "./harness.ts";
import {
  choosePinIfAsked,
  giveConsent,
  holdToTakeBack,
  passReadinessCheck,
  signIn,
  startInterview,
  TABLET,
  typePin,
} from "./offline-helpers.ts";

// The peer interview itself: interviewer, show-card and hand-over views, pause and stop with the
// distress protocol, a safeguarding concern and the researcher's debrief; the readiness check's
// reschedule and a declined consent. Every screen is checked with axe-core (WCAG 2.2 AA).

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "researcher@example.org");
  await e2e.server.handle.db
    .updateTable("areas")
    .set({
      support_services: JSON.stringify([
        { name: "Northtown Crisis Café", phone: "0191 000 0000", hours: "Every evening, 6pm to midnight" },
      ]),
    })
    .where("id", "=", "northtown")
    .execute();
});
afterAll(async () => {
  await e2e?.close();
});

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

const db = () => e2e.server.handle.db;

describe("the peer interview", () => {
  it("runs in interviewer, show-card and hand-over views, and a stop leads to support, a concern and a debrief", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "researcher@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await expectNoAxeViolations(page, "fieldwork home");

    await page.getByRole("button", { name: "Choose Participant interview" }).click();
    await choosePinIfAsked(page);
    await page.getByRole("button", { name: "New code" }).click();
    const code = await page.getByLabel("Participant code").inputValue();
    await page.getByRole("button", { name: "Start, read aloud by me" }).click();
    await page.getByRole("heading", { name: "Readiness check" }).waitFor();
    await expectNoAxeViolations(page, "readiness check");
    await passReadinessCheck(page);
    await page.getByText(/^Consent for this interview: First interview/).waitFor();
    await expectNoAxeViolations(page, "consent, interviewer view");
    await giveConsent(page);

    await page.getByRole("heading", { name: "Having a say" }).waitFor();
    for (const title of ["Trust in workers", "How you have been"]) {
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByRole("heading", { name: title }).waitFor();
    }
    const note = page.locator(".interviewer-note").first();
    await note.waitFor();
    await page.getByText(/^Sensitive questions: you can hand the tablet over/).waitFor();
    await expectNoAxeViolations(page, "sensitive questions, interviewer view");

    await page.getByRole("button", { name: "Show card" }).click();
    await page.getByText("These are the answers you can choose from.").waitFor();
    expect(await note.isVisible()).toBe(false);
    await expectNoAxeViolations(page, "show-card view");

    await page.getByRole("button", { name: "Give the tablet back" }).click();
    await holdToTakeBack(page);
    await page.getByRole("button", { name: "Hand over" }).click();
    await page.getByText("You are answering on your own.").waitFor();
    expect(await note.isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Stop", exact: true }).count()).toBe(0);
    await page.locator(".sd-rating__item").nth(2).click();
    await expectNoAxeViolations(page, "hand-over view");

    // Out of the sensitive section, the participant is asked to give the tablet back.
    for (let i = 0; i < 3; i++) {
      if (await page.getByRole("heading", { name: "Thank you. Please give the tablet back" }).isVisible())
        break;
      await page.getByRole("button", { name: "Next" }).click();
    }
    await page.getByRole("heading", { name: "Thank you. Please give the tablet back" }).waitFor();
    await expectNoAxeViolations(page, "hand back");
    await holdToTakeBack(page);
    await page.getByRole("heading", { name: "To finish" }).waitFor();
    expect(await page.locator(".interviewer-note").first().isVisible()).toBe(true);

    await page.getByRole("button", { name: "Pause", exact: true }).click();
    await page.getByRole("dialog", { name: "Interview paused" }).waitFor();
    await expectNoAxeViolations(page, "pause");
    await page.getByRole("button", { name: "Stop the interview" }).click();
    await page.getByRole("dialog", { name: "Stop the interview now?" }).waitFor();
    await page.getByRole("button", { name: "Yes, stop now" }).click();
    await page.getByRole("heading", { name: "Interview stopped", level: 1 }).waitFor();
    await page.getByText("Northtown Crisis Café").waitFor();
    await page.getByRole("heading", { name: "Saved on the server" }).waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(page, "interview stopped, support to offer");

    const response = await db()
      .selectFrom("responses")
      .select(["participant_code", "ending", "administration_mode", "data", "review_status"])
      .executeTakeFirstOrThrow();
    expect(response).toMatchObject({
      participant_code: code,
      ending: "stopped",
      administration_mode: "mixed",
      review_status: "received",
    });
    expect(JSON.parse(response.data)).toMatchObject({ consent: true });

    // The scale reads worst to best; its best is not "Fine, no worries", which read as below "Good".
    const feeling = page.getByRole("group", { name: "How are you feeling after this interview?" });
    expect(
      await feeling
        .getByRole("radio")
        .evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent?.trim())),
    ).toEqual(["Not good at all", "Not great", "OK", "Good", "Very good"]);
    await page.getByRole("radio", { name: "Not great" }).check();
    await page.getByRole("checkbox", { name: /coordinator to get in touch/ }).check();
    await page.getByRole("button", { name: "Save my debrief" }).click();
    await page.getByText("Thank you for your debrief.").waitFor();
    await expect
      .poll(async () => await db().selectFrom("debriefs").select(["wellbeing", "wants_support"]).execute())
      .toEqual([{ wellbeing: 2, wants_support: 1 }]);

    // No participant code in any address: the browser's history keeps those (issue 17).
    expect(page.url()).not.toContain(code);
    await page.getByRole("link", { name: "Raise a safeguarding concern" }).click();
    await page.getByRole("heading", { name: "Raise a safeguarding concern" }).waitFor();
    expect(await page.getByLabel(/Participant code/).inputValue()).toBe(code);
    expect(page.url()).not.toContain(code);
    await page.getByRole("button", { name: "Send the concern" }).click();
    await page.getByText("Say what the concern is.").waitFor();
    await expectNoAxeViolations(page, "safeguarding concern form with errors");
    await page.getByRole("radio", { name: /^Today/ }).check();
    await page.getByLabel("What is the concern?").fill("Said they have nowhere safe to stay tonight.");
    await page.getByRole("button", { name: "Send the concern" }).click();
    await page.getByRole("heading", { name: "Safeguarding concern saved" }).waitFor();
    // Once stored on the server, the page no longer also says it is waiting to go (issue 15).
    await page.getByText("Your area's coordinators can see it now.").waitFor({ timeout: 30_000 });
    expect(await page.getByText(/as soon as the tablet is online/).count()).toBe(0);
    await page.getByText(/stored on the server/).waitFor();
    await expect
      .poll(async () =>
        db().selectFrom("safeguarding_concerns").select(["participant_code", "urgency"]).execute(),
      )
      .toEqual([{ participant_code: code, urgency: "today" }]);
    // Never inside the participant's answers.
    expect(JSON.parse(response.data)).not.toHaveProperty("concern");

    await page.goto(`${e2e.server.url}/fieldwork/outbox`);
    await typePin(page);
    await page.getByRole("heading", { name: "Outbox", level: 1 }).waitFor();
    await page.getByText("Stored").first().waitFor();
    await expectNoAxeViolations(page, "outbox");
    await page.goto(`${e2e.server.url}/fieldwork/due`);
    await typePin(page);
    await page.getByRole("heading", { name: "Follow-ups due", level: 1 }).waitFor();
    await page.getByText(/^List as of/).waitFor();
    await expectNoAxeViolations(page, "follow-ups due");
    await context.close();
  });

  it("stores nothing but the date for a reschedule, and nothing but the decline when consent is no", async () => {
    await db().deleteFrom("responses").execute();
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "researcher@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();

    await page.getByRole("button", { name: "Choose Participant interview" }).click();
    await choosePinIfAsked(page);
    await page.getByRole("button", { name: "New code" }).click();
    const rescheduled = await page.getByLabel("Participant code").inputValue();
    await page.getByRole("button", { name: "Start, read aloud by me" }).click();
    await page.getByRole("button", { name: "Not today: reschedule" }).click();
    await page.getByRole("button", { name: "Yes, reschedule" }).click();
    await page.getByRole("heading", { name: "Interview rescheduled", level: 1 }).waitFor();
    await expect
      .poll(async () =>
        db().selectFrom("interview_reschedules").select(["participant_code", "wave"]).execute(),
      )
      .toEqual([{ participant_code: rescheduled, wave: 0 }]);

    await page.getByRole("link", { name: "Back to fieldwork" }).click();
    const declined = await startInterview(page);
    await page.getByText("No, not today").click();
    await page.getByRole("button", { name: "End here: consent not given" }).click();
    await page.getByRole("heading", { name: "Consent not given", level: 1 }).waitFor();
    await page.getByText("Only the “no” to consent is kept.").waitFor();
    await page.getByRole("heading", { name: "Saved on the server" }).waitFor({ timeout: 30_000 });
    const rows = await db().selectFrom("responses").select(["participant_code", "ending", "data"]).execute();
    expect(rows).toEqual([{ participant_code: declined, ending: "declined", data: '{"consent":false}' }]);
    await context.close();
  });
});
