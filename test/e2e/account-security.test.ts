import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";

/**
 * Issue 14's account screens in Chromium at a laptop's size: the sign-in page says who to ask about a
 * forgotten password; an admin makes a one-time reset link (with a QR code) in the users table; the
 * person opens it, chooses a new password and is signed in, and their other sessions end; a
 * signed-in person changes their password. Screenshots of each screen go to the system's temporary
 * folder (alongside-account-screens/), to look at as the people who use them would.
 */

const LAPTOP = { width: 1440, height: 900 };
const NEW_PASSWORD = "kettle harbour lantern";
const shots = join(tmpdir(), "alongside-account-screens");

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("admin", null, "admin@example.org");
  await e2e.addUser("coordinator", "northtown", "coordinator@example.org");
  await e2e.addUser("peer_researcher", "northtown", "sam@example.org");
  await e2e.addUser("expert", null, "ayesha@example.org");
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await e2e?.close();
});

async function newPage(): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: LAPTOP });
  return context.newPage();
}

async function signIn(page: Page, email: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe("account security screens", () => {
  it("the sign-in page says who to ask about a forgotten password", async () => {
    const page = await newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByRole("heading", { name: "Forgotten your password?" }).waitFor();
    await page.getByText("Ask your coordinator or an administrator.").waitFor();
    await expectNoAxeViolations(page, "sign in");
    await shoot(page, "login");
    await page.context().close();
  });

  it("a coordinator makes a reset link; the researcher uses it and their old session ends", async () => {
    const old = await newPage();
    await signIn(old, "sam@example.org");
    await old.goto(`${e2e.server.url}/account/password`);
    await old.getByRole("heading", { name: "Change your password" }).waitFor();

    const coordinator = await newPage();
    await signIn(coordinator, "coordinator@example.org");
    await coordinator.goto(`${e2e.server.url}/admin`);
    const row = coordinator.getByRole("row", { name: /sam/ });
    await row.getByRole("button", { name: "Password reset link for sam" }).click();
    const notice = row.getByRole("status");
    await notice.getByText("Password reset link for sam").waitFor();
    await notice.getByRole("img", { name: /QR code that opens the password reset link for sam/ }).waitFor();
    const url = await notice.getByLabel("Link to give them").inputValue();
    expect(url).toMatch(/\/reset-password#token=/);
    // Not for another coordinator, nor for an expert outside the area.
    expect(
      await coordinator.getByRole("button", { name: /Password reset link for coordinator/ }).count(),
    ).toBe(0);
    await expectNoAxeViolations(coordinator, "admin users with a reset link");
    await shoot(coordinator, "admin-reset-link");

    const reset = await newPage();
    await reset.goto(url);
    await reset.getByRole("heading", { name: "Choose a new password" }).waitFor();
    expect(reset.url()).not.toContain("token");
    await expectNoAxeViolations(reset, "reset page");
    await shoot(reset, "reset-password");
    await reset.getByLabel("New password").fill(NEW_PASSWORD);
    await reset.getByLabel("Repeat the password").fill(NEW_PASSWORD);
    await reset.getByRole("button", { name: "Set new password and sign in" }).click();
    await reset.waitForURL((u) => u.pathname === "/fieldwork");

    // The session opened before the reset has ended.
    const me = await old.evaluate(async () => (await fetch("/api/auth/me")).status);
    expect(me).toBe(401);
    for (const page of [old, coordinator, reset]) await page.context().close();
  });

  it("a signed-in person changes their password and must give the current one", async () => {
    const page = await newPage();
    await signIn(page, "ayesha@example.org");
    await page.getByRole("link", { name: "Change password" }).click();
    await page.getByRole("heading", { name: "Change your password" }).waitFor();
    await expectNoAxeViolations(page, "change password");
    await page.getByLabel("Current password").fill("not my password at all");
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("This is not the password you use now.").waitFor();
    await expectNoAxeViolations(page, "change password, wrong current");
    await shoot(page, "change-password-wrong");
    await page.getByLabel("Current password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your password is changed", { exact: true }).waitFor();
    await shoot(page, "change-password-done");
    await page.context().close();

    const again = await newPage();
    await signIn(again, "ayesha@example.org", NEW_PASSWORD);
    await again.waitForURL((url) => url.pathname === "/editor", { timeout: 20_000 });
    await again.context().close();
  });
});
