import type { BrowserContext, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { E2E_PASSWORD } from "./harness.ts";

/**
 * Steps the offline fieldwork tests share: signing in, waiting until the service worker holds what an
 * interview needs offline, and going through an interview the way a researcher does.
 */
export const TABLET = { viewport: { width: 800, height: 1280 }, hasTouch: true } as const;

export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The service worker controls the page and keeps who is signed in, the surveys and their versions. */
export async function waitUntilReadyOffline(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker.controller) return false;
          const has = async (cache: string, path: string) =>
            (await (await caches.open(cache)).match(path)) !== undefined;
          return (
            (await has("alongside-session", "/api/auth/me")) &&
            (await has("alongside-fieldwork-data", "/api/surveys")) &&
            (await has("alongside-survey-versions", "/api/surveys/participant-interview/versions/1"))
          );
        }),
      { timeout: 20_000 },
    )
    .toBe(true);
}

export async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
}

/** From the fieldwork home to the consent question of a new interview. */
export async function startInterview(page: Page, options: { code?: string } = {}): Promise<string> {
  await page.getByRole("button", { name: "Choose Participant interview" }).click();
  await choosePinIfAsked(page);
  await page.getByRole("heading", { name: "Start an interview", level: 1 }).waitFor();
  if (options.code) await page.getByLabel("Participant code").fill(options.code);
  else await page.getByRole("button", { name: "New code" }).click();
  const code = await page.getByLabel("Participant code").inputValue();
  await page.getByRole("button", { name: "Start, read aloud by me" }).click();
  await passReadinessCheck(page);
  return code;
}

export async function passReadinessCheck(page: Page): Promise<void> {
  await page.getByRole("heading", { name: "Readiness check" }).waitFor();
  await page.getByRole("button", { name: "All of these are true: go to consent" }).click();
  await page.getByText("Are you happy to take part today?").waitFor();
}

/** A "yes" goes straight on to the first question (no Next to tap). */
export async function giveConsent(page: Page): Promise<void> {
  await page.getByText("Yes, I am happy to take part").click();
  await page.getByText("Are you happy to take part today?").waitFor({ state: "detached" });
}

/** Next through every page to the end (only consent is required), then Complete. */
export async function completeInterview(page: Page): Promise<void> {
  for (let i = 0; i < 12; i++) {
    if (await page.getByRole("button", { name: "Complete" }).isVisible()) break;
    await page.getByRole("button", { name: "Next" }).click();
  }
  await page.getByRole("button", { name: "Complete" }).click();
  await page
    .getByRole("heading", { name: /Interview finished|Consent not given|Interview stopped/, level: 1 })
    .waitFor();
}

/** Every answer so far has reached IndexedDB (the interview bar says "Saved hh:mm:ss"). */
export async function waitUntilSaved(page: Page): Promise<void> {
  await expect.poll(() => page.locator(".save-state").textContent()).toMatch(/^Saved \d/);
}

/**
 * The interviewer takes the tablet back: with their PIN (every researcher has one before their first
 * interview, decision 0049); where a page has no PIN to ask for, by pressing and holding the hand-back
 * control for over 2 seconds.
 */
export async function holdToTakeBack(page: Page, ms = 2300, pin = E2E_PIN): Promise<void> {
  const pinField = page.getByLabel("Interviewer's PIN");
  if (await pinField.isVisible()) {
    await pinField.fill(pin);
    await page.getByRole("button", { name: "I am the interviewer: carry on" }).click();
    return;
  }
  const button = page.getByRole("button", { name: /hold to/ });
  await button.hover();
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

/** The PIN the fieldwork tests choose when asked before their first interview (decision 0049). */
export const E2E_PIN = "135790";

/**
 * Every browser asks for a PIN before the first interview (decision 0049): chosen here if asked (or
 * typed, where one was chosen before a reload), then on the page that asked for it.
 */
export async function choosePinIfAsked(page: Page, pin = E2E_PIN): Promise<void> {
  const choose = page.getByRole("heading", { name: "Lock your interviews with a PIN", level: 1 });
  const unlock = page.getByRole("heading", { name: "Type your PIN" });
  const start = page.getByRole("heading", { name: "Start an interview", level: 1 });
  await choose.or(unlock).or(start).first().waitFor();
  // After a reload the space is locked again: the PIN chosen before is typed.
  if (await unlock.isVisible()) return typePin(page, pin);
  if (!(await choose.isVisible())) return;
  await page.getByLabel("New PIN").fill(pin);
  await page.getByLabel("Type the PIN again").fill(pin);
  await page.getByRole("button", { name: "Lock my interviews" }).click();
  await choose.waitFor({ state: "detached" });
}

/**
 * After opening a fieldwork page by its address: the researcher types their PIN if that page asks for
 * it, and the page `arrived` shows. Waits for whichever comes first, never for a prompt that is not shown.
 */
export async function unlockIfAsked(page: Page, pin: string, arrived: Locator): Promise<void> {
  const unlock = page.getByRole("heading", { name: "Type your PIN" });
  await unlock.or(arrived).first().waitFor();
  if (await unlock.isVisible()) await typePin(page, pin);
  await arrived.waitFor();
}

/** After a reload: the researcher types their PIN where fieldwork asks for it, and stays on that page. */
export async function typePin(page: Page, pin = E2E_PIN): Promise<void> {
  const unlock = page.getByRole("heading", { name: "Type your PIN" });
  await unlock.waitFor();
  await page.getByLabel("PIN", { exact: true }).fill(pin);
  await page.getByRole("button", { name: "Open my interviews" }).click();
  await unlock.waitFor({ state: "detached" });
}

/**
 * The PIN step in front of a researcher's interviews (issue 17): chooses `pin` where fieldwork offers
 * one, or types it where the interviews are locked, and waits for the fieldwork home.
 */
export async function usePin(page: Page, pin: string): Promise<void> {
  const choose = page.getByRole("heading", { name: "Lock your interviews with a PIN" });
  const unlock = page.getByRole("heading", { name: "Type your PIN" });
  await choose.or(unlock).first().waitFor();
  if (await choose.isVisible()) {
    await page.getByLabel("New PIN").fill(pin);
    await page.getByLabel("Type the PIN again").fill(pin);
    await page.getByRole("button", { name: "Lock my interviews" }).click();
    await choose.waitFor({ state: "detached" });
  } else {
    await page.getByLabel("PIN", { exact: true }).fill(pin);
    await page.getByRole("button", { name: "Open my interviews" }).click();
    await unlock.waitFor({ state: "detached" });
  }
  await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
}
