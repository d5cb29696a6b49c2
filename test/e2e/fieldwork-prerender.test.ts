import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type E2E, startE2E } from "./harness.ts";
import { choosePinIfAsked, signIn } from "./offline-helpers.ts";

// Issue 15, speed: while the researcher reads the readiness check, the survey is built and its first
// page (consent) rendered out of sight, so "ready" only has to show it. Out of sight means out of
// reach too: nothing of the survey can be seen, tapped, tabbed to or read out before "ready", and the
// interview's saved place does not move.

const FIELDWORK_TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "prerender@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

describe("the first page is ready before the researcher is", () => {
  it("renders consent hidden behind the readiness check, unreachable until Ready", async () => {
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "prerender@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await page.getByRole("button", { name: "Choose Participant interview" }).click();
    await choosePinIfAsked(page);
    await page.getByRole("button", { name: "New code" }).click();
    await page.getByRole("button", { name: "Start, read aloud by me" }).click();
    await page.getByRole("heading", { name: "Readiness check" }).waitFor();

    // Built and rendered while the check is read…
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".sd-question__title")].some((title) =>
        title.textContent?.includes("Are you happy to take part today?"),
      ),
    );
    // …but not shown, not in the accessibility tree, and not reachable by Tab.
    expect(await page.getByText("Are you happy to take part today?").isVisible()).toBe(false);
    expect(await page.getByRole("radio").count()).toBe(0);
    expect(await page.getByRole("button", { name: /^(Next|Complete|Previous)$/ }).count()).toBe(0);
    expect(await page.locator(".consent-note").count()).toBe(0);
    const tabbed: string[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press("Tab");
      tabbed.push(
        await page.evaluate(() =>
          document.activeElement?.closest(".interview__survey") ? "survey" : "elsewhere",
        ),
      );
    }
    expect(tabbed).not.toContain("survey");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "All of these are true: go to consent" }).click();
    await page.getByText("Are you happy to take part today?").waitFor();
    await page.locator(".consent-note").waitFor();
    expect(await page.getByRole("radio").count()).toBeGreaterThan(0);
    // A yes still goes straight on to the first real question.
    await page.getByText("Yes, I am happy to take part").click();
    await page.getByRole("heading", { name: "Having a say" }).waitFor();
    await context.close();
  });
});
