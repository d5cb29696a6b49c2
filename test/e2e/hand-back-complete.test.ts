import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { type E2E, startE2E } from "./harness.ts";
import { giveConsent, holdToTakeBack, signIn, startInterview, typePin } from "./offline-helpers.ts";

/**
 * The participant reaches the end in hand-over and presses Complete: they are asked to give the tablet
 * back, and the interviewer's PIN finishes the interview. Seen in session 8: in an interview opened
 * again (a reload, the PIN typed), the PIN at that screen seemed to do nothing.
 */

const TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "fresh@example.org");
  await e2e.addUser("peer_researcher", "northtown", "resumed@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

/** From consent given, Next on the interviewer view until the last page (Complete is there). */
async function toLastPage(page: Page): Promise<void> {
  for (let i = 0; i < 14; i++) {
    if (await page.getByRole("button", { name: "Complete" }).isVisible()) return;
    await page.getByRole("button", { name: "Next" }).click();
  }
  throw new Error("The last page was not reached.");
}

/** The participant presses Complete; the interviewer takes the tablet back and the interview ends. */
async function participantCompletesAndInterviewerTakesBack(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Complete" }).click();
  await page.getByRole("heading", { name: "Thank you. Please give the tablet back" }).waitFor();
  await page.getByText("You have reached the end. The interviewer will finish from here.").waitFor();
  await holdToTakeBack(page);
  await page.getByRole("heading", { name: "Interview finished", level: 1 }).waitFor();
}

describe("the participant completes in hand-over", () => {
  it("finishes with the interviewer's PIN", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "fresh@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await startInterview(page);
    await giveConsent(page);
    await toLastPage(page);
    await page.getByRole("button", { name: "Hand over" }).click();
    await page.getByText("You are answering on your own.").waitFor();
    await participantCompletesAndInterviewerTakesBack(page);
    await context.close();
  });

  it("finishes with the interviewer's PIN in an interview opened again after a reload", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "resumed@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await startInterview(page);
    await giveConsent(page);
    await toLastPage(page);
    await page.getByRole("button", { name: "Hand over" }).click();
    await page.getByText("You are answering on your own.").waitFor();
    await page.reload();
    await typePin(page);
    await page.getByText("You are answering on your own.").waitFor();
    await participantCompletesAndInterviewerTakesBack(page);
    await context.close();
  });
});
