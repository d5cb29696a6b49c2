import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageRoutes } from "../../client/app/routes.ts";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";

/**
 * The built app in real Chromium: it runs under its strict Content Security Policy without a single
 * violation on any page, a lockout reads clearly, an admin's "disable" ends the person's open session
 * at once, "sign out everywhere" does what it says, and the audit page shows it all.
 */

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("admin", null, "admin@example.org");
  await e2e.addUser("peer_researcher", "northtown", "researcher@example.org");
  await e2e.addUser("coordinator", "northtown", "coordinator@example.org");
  await e2e.addUser("evaluator", null, "evaluator@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

interface Watched {
  context: BrowserContext;
  page: Page;
  violations: string[];
}

/** A page that records every CSP violation, from the console and from the DOM's own event. */
async function watchedPage(): Promise<Watched> {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Registered through the DevTools protocol, so the page's CSP does not apply to this script.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  return { context, page, violations };
}

async function domViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

async function signIn(page: Page, email: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe("security in the browser", () => {
  it("runs every page an admin can open under the strict CSP without a single violation", async () => {
    const { context, page, violations } = await watchedPage();
    const login = await page.goto(`${e2e.server.url}/login`);
    expect(login?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await signIn(page, "admin@example.org");
    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/admin$/);
    const pages = pageRoutes.filter((route) => route.roles.includes("admin"));
    expect(pages.length).toBeGreaterThan(3);
    for (const route of pages) {
      await page.goto(`${e2e.server.url}${route.path}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForLoadState("networkidle");
      expect(await domViolations(page), route.path).toEqual([]);
    }
    expect(violations).toEqual([]);
    expect(await domViolations(page)).toEqual([]);
    await context.close();
  });

  it("tells a person plainly that signing in is paused after repeated wrong passwords", async () => {
    await e2e.addUser("expert", "northtown", "forgetful@example.org");
    const { context, page } = await watchedPage();
    for (let i = 0; i < 5; i += 1) {
      await signIn(page, "forgetful@example.org", `wrong password ${i}`);
      await page.getByText("That email and password do not match an account.").waitFor();
    }
    await signIn(page, "forgetful@example.org");
    const alert = page.getByRole("alert").filter({ hasText: "Signing in is paused" });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Try again in 15 minutes/);
    await expectNoAxeViolations(page, "lockout message");
    await context.close();
  });

  it("lets an admin disable an account from the users list, ending that person's open session at once", async () => {
    const researcher = await watchedPage();
    await signIn(researcher.page, "researcher@example.org");
    await expect.poll(() => researcher.page.url()).toMatch(/\/fieldwork$/);

    const admin = await watchedPage();
    await signIn(admin.page, "admin@example.org");
    await admin.page.getByRole("heading", { name: "Administration", level: 1 }).waitFor();
    const row = admin.page.getByRole("row").filter({ hasText: "researcher@example.org" });
    await row.getByRole("button", { name: "Disable researcher" }).click();
    const confirm = row.getByRole("button", { name: "Yes, disable researcher" });
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectNoAxeViolations(admin.page, "confirm disable");
    await confirm.click();
    await row.getByRole("button", { name: "Enable researcher" }).waitFor();
    await expect.poll(() => row.textContent()).toContain("Disabled");

    // The researcher's next request finds the session gone and the app shows the sign-in page.
    await researcher.page.reload();
    await researcher.page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
    await signIn(researcher.page, "researcher@example.org");
    await researcher.page.getByRole("alert").filter({ hasText: "This account is disabled" }).waitFor();

    await admin.page.getByRole("link", { name: "Audit log" }).click();
    await admin.page.getByRole("heading", { name: "Audit log", level: 1 }).waitFor();
    const table = admin.page.getByRole("table", { name: "Audit entries, newest first" });
    await table.waitFor();
    // One entry whose action is the disabling (the failed sign-in's reason says it in the same words).
    const disabling = admin.page.getByRole("cell", { name: "Account disabled", exact: true });
    await expect.poll(() => table.getByRole("row").filter({ has: disabling }).count()).toBe(1);
    await expectNoAxeViolations(admin.page, "audit log");

    await admin.page.getByLabel("Action").selectOption({ label: "Failed sign-in" });
    await admin.page.getByRole("button", { name: "Search" }).click();
    await expect
      .poll(async () =>
        (await table.getByRole("row").allInnerTexts()).slice(1).every((t) => /Failed sign-in/.test(t)),
      )
      .toBe(true);
    await admin.page.getByLabel("From").fill("2001-01-02");
    await admin.page.getByLabel("To").fill("2001-01-01");
    await admin.page.getByRole("button", { name: "Search" }).click();
    await admin.page.getByText("Choose a date on or after the start date.").first().waitFor();
    await expectNoAxeViolations(admin.page, "audit log with an error");

    expect([...researcher.violations, ...admin.violations]).toEqual([]);
    await researcher.context.close();
    await admin.context.close();
  });

  it("signs a person out on every device with one button", async () => {
    const laptop = await watchedPage();
    const tablet = await watchedPage();
    for (const { page } of [laptop, tablet]) {
      await signIn(page, "evaluator@example.org");
      await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/dashboard/);
    }
    await laptop.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await laptop.page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
    await tablet.page.reload();
    await tablet.page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
    await laptop.context.close();
    await tablet.context.close();
  });
});
