import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";
import { choosePinIfAsked, passReadinessCheck } from "./offline-helpers.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "researcher@example.org");
  await e2e.addUser("evaluator", null, "evaluator@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe("from login to a stored, validated interview", () => {
  it("a peer researcher completes an interview on a tablet and an evaluator sees it counted", async () => {
    const tablet = await e2e.browser.newContext({ viewport: { width: 800, height: 1280 }, hasTouch: true });
    const page = await tablet.newPage();
    const cspViolations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });

    await signIn(page, "researcher@example.org");
    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/fieldwork$/);
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await expectNoAxeViolations(page, "choose a survey");

    await page.getByRole("button", { name: "Choose Participant interview" }).click();
    await choosePinIfAsked(page);
    await page.getByRole("heading", { name: "Start an interview" }).waitFor();
    // No training is recorded for this researcher: the start screen warns, and still lets them start.
    await page.getByText("Your training needs a refresher before fieldwork").waitFor();
    expect(await page.getByRole("status").filter({ hasText: "Safeguarding" }).textContent()).toContain(
      "Distress protocol: never recorded",
    );
    await page.getByRole("button", { name: "New code" }).click();
    const code = await page.getByLabel("Participant code").inputValue();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await expectNoAxeViolations(page, "start an interview");
    await page.getByRole("button", { name: "Start, read aloud by me" }).click();

    // The readiness check, consent, then through every page to the end: only consent is required.
    await page.getByRole("heading", { name: "Participant interview", level: 1 }).waitFor();
    await passReadinessCheck(page);
    await page.getByText("Yes, I am happy to take part").click();
    await expectNoAxeViolations(page, "interview");
    for (let i = 0; i < 12; i++) {
      const complete = page.getByRole("button", { name: "Complete" });
      if (await complete.isVisible()) break;
      await page.getByRole("button", { name: "Next" }).click();
    }
    await page.getByRole("button", { name: "Complete" }).click();
    await page.getByRole("heading", { name: "Saved on the server" }).waitFor();
    await expect.poll(() => page.getByText(/^Accepted/).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "interview finished");
    expect(cspViolations).toEqual([]);
    await tablet.close();

    const stored = await e2e.server.handle.db
      .selectFrom("responses")
      .select(["participant_code", "area_id", "administration_mode", "review_status", "data"])
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      participant_code: code,
      area_id: "northtown",
      administration_mode: "read_aloud",
      review_status: "received",
    });
    expect(JSON.parse(stored[0]?.data ?? "{}")).toMatchObject({ consent: true });

    const desktop = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const evaluator = await desktop.newPage();
    await signIn(evaluator, "evaluator@example.org");
    await expect.poll(() => evaluator.url(), { timeout: 20_000 }).toMatch(/\/dashboard/);
    const table = evaluator.getByRole("table", { name: /Responses per survey, area and wave/ });
    await table.waitFor();
    const row = table
      .getByRole("row")
      .filter({ hasText: "Participant interview" })
      .filter({ hasText: "Northtown" });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByRole("cell").allInnerTexts()).toContain("1");
    await expectNoAxeViolations(evaluator, "dashboard");
    await desktop.close();
  });
});
