import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, startE2E } from "./harness.ts";
import { completeInterview, giveConsent, signIn, startInterview } from "./offline-helpers.ts";

// Issue 15: one source of truth per state. After a server error the finished page, its upload
// status and the outbox all give the same sentence (client/fieldwork/receipt-text.ts `waitingText`).

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "messages@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

describe("a server error, worded once", () => {
  it("says the same on the finished page and in the outbox", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1180, height: 820 }, hasTouch: true });
    // A proxy in front of the server answers uploads with its own error page.
    await context.route("**/api/sync", (route) =>
      route.fulfill({ status: 502, contentType: "text/html", body: "<h1>Bad gateway</h1>" }),
    );
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "messages@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await startInterview(page);
    await giveConsent(page);
    await completeInterview(page);

    const sentence =
      "It uploads as soon as it can. Last try: The server is not answering properly right now.";
    const main = page.locator("main");
    await expect.poll(() => main.textContent(), { timeout: 20_000 }).toContain(sentence);
    await expect
      .poll(() => main.textContent())
      .toMatch(/not answering properly right now\. Trying again by itself/);
    expect(await main.textContent()).not.toContain("Could not reach the server");

    await page.getByRole("link", { name: "Open the outbox" }).first().click();
    await page.getByRole("heading", { name: "Outbox", level: 1 }).waitFor();
    await expect.poll(() => main.textContent()).toContain(sentence);
    expect(await main.textContent()).not.toContain("Could not reach the server");
    await context.close();
  });
});
