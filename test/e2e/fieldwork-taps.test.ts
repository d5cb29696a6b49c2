import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, startE2E } from "./harness.ts";
import { signIn } from "./offline-helpers.ts";

// Taps from the fieldwork home to the first real question for a new participant (issue 15: was 11;
// the four readiness boxes are now one confirm). Every tap goes through `tap`, which counts it.

const FIELDWORK_TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "taps@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

describe("taps to the first question", () => {
  it("takes 7 taps for a new participant, readiness check and consent included", async () => {
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "taps@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    let taps = 0;
    const tap = async (target: Locator) => {
      await target.tap();
      taps++;
    };

    await tap(page.getByRole("button", { name: "Choose Participant interview" }));
    await tap(page.getByRole("button", { name: "New code" }));
    await tap(page.getByLabel("Read aloud by me"));
    await tap(page.getByRole("button", { name: "Start interview" }));
    await page.getByRole("heading", { name: "Readiness check" }).waitFor();
    await tap(page.getByRole("button", { name: "All of these are true: go to consent" }));
    await tap(page.getByText("Yes, I am happy to take part"));
    await tap(page.getByRole("button", { name: "Next" }));
    await page.getByRole("heading", { name: "Having a say" }).waitFor();

    expect(taps).toBe(7);
    await context.close();
  });
});
