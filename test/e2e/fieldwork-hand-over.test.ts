import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type E2E, startE2E } from "./harness.ts";
import { giveConsent, holdToTakeBack, signIn, startInterview, typePin } from "./offline-helpers.ts";

// While the participant holds the tablet (hand-over, show card) only the interview is on screen: no
// header, no link out, no sign-out, Back does not leave; only the interviewer's PIN gets
// past the hand-back screen, and what the participant asked for reaches the interviewer.

const FIELDWORK_TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "handover@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

/** Links on the page that go anywhere but a place on the same page. */
async function linksOut(page: Page): Promise<string[]> {
  return page.$$eval("a[href]", (links) =>
    links
      .filter((a) => (a as HTMLElement).offsetParent !== null || a === document.activeElement)
      .map((a) => a.getAttribute("href") ?? "")
      .filter((href) => !href.startsWith("#")),
  );
}

async function toSensitiveQuestions(page: Page): Promise<void> {
  await startInterview(page);
  await giveConsent(page);
  await page.getByRole("heading", { name: "Having a say" }).waitFor();
  for (const title of ["Trust in workers", "How you have been"]) {
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: title }).waitFor();
  }
}

describe("hand-over cannot be escaped", () => {
  it("shows only the interview while the participant holds the tablet, and only the interviewer's PIN gives it back", async () => {
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "handover@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await toSensitiveQuestions(page);
    const interviewUrl = page.url();
    // The researcher's own view has the header and its links.
    expect(await page.getByRole("button", { name: "Sign out", exact: true }).count()).toBe(1);
    expect((await linksOut(page)).length).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Hand over" }).click();
    await page.getByText("You are answering on your own.").waitFor();
    expect(await page.getByRole("banner").count()).toBe(0);
    expect(await page.getByRole("navigation").count()).toBe(0);
    expect(await page.getByRole("button", { name: /Sign out/ }).count()).toBe(0);
    expect(await linksOut(page)).toEqual([]);
    expect(await page.getByRole("button", { name: "Pause", exact: true }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Back (a swipe on a tablet) stays in the interview, still handed over.
    await page.goBack();
    await page.getByText("You are answering on your own.").waitFor();
    expect(page.url()).toBe(interviewUrl);
    expect(await page.getByRole("banner").count()).toBe(0);

    // The participant asks to stop: the tablet must come back to the interviewer first.
    await page.getByRole("button", { name: "I want to stop" }).click();
    await page.getByRole("heading", { name: "Please give the tablet back to the interviewer" }).waitFor();
    await page.getByText("You asked to stop.").waitFor();
    expect(await linksOut(page)).toEqual([]);
    expect(await page.getByRole("banner").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Only the interviewer's PIN gives it back (decision 0049: every researcher has one): not a wrong one.
    await holdToTakeBack(page, 0, "000000");
    await page.getByText("That PIN is not right.").waitFor();
    expect(
      await page.getByRole("heading", { name: "Please give the tablet back to the interviewer" }).isVisible(),
    ).toBe(true);
    expect(await page.getByRole("banner").count()).toBe(0);

    await holdToTakeBack(page);
    const stop = page.getByRole("dialog", { name: "Stop the interview now?" });
    await stop.waitFor();
    await stop.getByText("The participant asked to stop.").waitFor();
    await stop.getByRole("button", { name: "No, go back" }).click();
    // The interviewer has the header again.
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    expect(await page.locator(".interviewer-note").first().isVisible()).toBe(true);

    // A break is passed on as a break.
    await page.getByRole("button", { name: "Hand over" }).click();
    await page.getByRole("button", { name: "I want a break" }).click();
    await page.getByText("You asked for a break.").waitFor();
    await holdToTakeBack(page);
    const pause = page.getByRole("dialog", { name: "Interview paused" });
    await pause.waitFor();
    await pause.getByText("The participant asked for a break.").waitFor();
    await pause.getByRole("button", { name: "Carry on with the interview" }).click();

    // Show card is locked the same way, and a reload does not unlock it.
    await page.getByRole("button", { name: "Show card" }).click();
    await page.getByText("These are the answers you can choose from.").waitFor();
    expect(await linksOut(page)).toEqual([]);
    await page.reload();
    // After a reload the interviewer's PIN opens the page again; the participant cannot.
    await typePin(page);
    await page.getByText("These are the answers you can choose from.").waitFor();
    expect(await page.getByRole("banner").count()).toBe(0);
    await page.getByRole("button", { name: "Give the tablet back" }).click();
    await holdToTakeBack(page);
    await page.getByRole("button", { name: "Sign out", exact: true }).waitFor();
    await context.close();
  });
});
