import { randomBytes, randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import type { BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenId } from "../../server/auth/tokens.ts";
import { DEVICE_TOKEN_KEY } from "../../shared/contract/devices.ts";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";
import { completeInterview, giveConsent, signIn, startInterview, usePin } from "./offline-helpers.ts";

/**
 * Issue 17 in real Chromium (docs/decisions/0036). A tablet holds two finished interviews it could not
 * send (its uploads kept dropping) but it did tell the server what it held. The coordinator reports it
 * lost on the tablets screen and sees those two participant codes as not sent. At the tablet's next
 * contact it deletes every store (no IndexedDB database, no cache left) and says it was reported lost.
 */

const FIELDWORK_TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;
const LAPTOP = { viewport: { width: 1440, height: 900 } } as const;
const screenshots = tmpdir();

let e2e: E2E;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("coordinator", "northtown", "lead@northtown.example");
  await e2e.addUser("peer_researcher", "northtown", "sam@northtown.example");
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await e2e?.close();
});

async function userId(email: string): Promise<string> {
  const row = await e2e.server.handle.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An enrolled tablet, as the enrolment exchange would leave it: a device row and the token. */
async function enrolledTablet(label: string): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const id = randomUUID();
  const at = new Date().toISOString();
  await e2e.server.handle.db
    .insertInto("devices")
    .values({
      id,
      user_id: await userId("sam@northtown.example"),
      area_id: "northtown",
      label,
      token_hash: tokenId(token),
      enrolled_at: at,
      enrolled_by: await userId("lead@northtown.example"),
      revoked_at: null,
      revoked_by: null,
      last_seen_at: null,
    })
    .execute();
  return { id, token };
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe("a lost tablet", () => {
  it("is reported lost, shows the coordinator what was not sent, and deletes every store at its next contact", async () => {
    const tablet = await enrolledTablet("Tablet 5");
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    contexts.push(context);
    const page = await context.newPage();
    // A poor connection: every upload drops, but the tablet's other requests get through.
    await page.route("**/api/sync", (route: Route) => route.abort("connectionreset"));
    await signIn(page, e2e.server.url, "sam@northtown.example");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await page.evaluate(
      ([key, token]) => localStorage.setItem(key as string, token as string),
      [DEVICE_TOKEN_KEY, tablet.token],
    );
    await page.reload();
    // An enrolled tablet: the PIN is required first (decision 0042); what Sam collects is sealed.
    await usePin(page, "482913");
    const codes: string[] = [];
    for (let i = 0; i < 2; i++) {
      codes.push(await startInterview(page));
      await giveConsent(page);
      await completeInterview(page);
      await page.getByRole("link", { name: "Alongside" }).click();
      await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    }
    // The tablet told the server what it holds (its manifest), though nothing arrived.
    const listed = async () =>
      (
        await e2e.server.handle.db
          .selectFrom("device_manifest_items")
          .select("participant_code")
          .where("device_id", "=", tablet.id)
          .where("on_tablet", "=", 1)
          .execute()
      )
        .map((r) => r.participant_code)
        .sort();
    await expect.poll(listed, { timeout: 30_000 }).toEqual([...codes].sort());
    expect(await e2e.server.handle.db.selectFrom("responses").select("id").execute()).toEqual([]);
    const before = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(before.length).toBeGreaterThan(0);

    // The coordinator reports it lost, on a laptop.
    const laptop = await e2e.browser.newContext(LAPTOP);
    contexts.push(laptop);
    const lead = await laptop.newPage();
    await lead.goto(`${e2e.server.url}/login`);
    await lead.getByLabel("Email", { exact: true }).fill("lead@northtown.example");
    await lead.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await lead.getByRole("button", { name: "Sign in" }).click();
    await lead.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 20_000 });
    await lead.goto(`${e2e.server.url}/coordination/tablets`);
    await lead.getByRole("heading", { name: "Tablets", level: 1 }).waitFor();
    await lead.getByRole("button", { name: "Report lost Tablet 5" }).click();
    // Nothing is reported without saying what happened.
    await lead.getByRole("button", { name: "Report Tablet 5 lost" }).click();
    await lead.getByText("Say briefly what happened").waitFor();
    await lead.getByLabel("What happened").fill("Left on the number 12 bus on Tuesday afternoon.");
    await expectNoAxeViolations(lead, "reporting a tablet lost");
    await lead.screenshot({ path: `${screenshots}/alongside-report-lost-form.png`, fullPage: true });
    await lead.getByRole("button", { name: "Report Tablet 5 lost" }).click();

    const notSent = lead.getByRole("table", { name: /Not sent from Tablet 5/ });
    await notSent.waitFor();
    await expect.poll(() => notSent.getByRole("row").count()).toBe(3);
    const notSentText = (await notSent.textContent()) ?? "";
    for (const code of codes) expect(notSentText).toContain(code);
    expect(notSentText).toContain("Finished interview");
    await lead.getByText("It has not connected since.").first().waitFor();
    await expectNoAxeViolations(lead, "what was on a lost tablet");
    await lead.screenshot({ path: `${screenshots}/alongside-lost-tablet-report.png`, fullPage: true });

    // The tablet's next contact: refused, and it deletes everything.
    await page.unroute("**/api/sync");
    await page.reload();
    await page
      .getByRole("heading", { name: "This tablet was reported lost", level: 1 })
      .waitFor({ timeout: 20_000 });
    // The service worker's own bookkeeping database (Workbox) stays open, so it can only go once the
    // worker stops. Chromium stops an idle worker by itself within about 30 s, but not while a debugger
    // is attached, as Playwright is: stop it the way the browser would.
    const cdp = await context.newCDPSession(page);
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), {
        timeout: 30_000,
      })
      .toEqual([]);
    expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(0);
    await page.getByText("Alongside has deleted everything it kept on this tablet").waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(["alongside.tabletWiped"]);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await expectNoAxeViolations(page, "the tablet's 'reported lost' screen");
    await page.screenshot({ path: `${screenshots}/alongside-tablet-lost-screen.png` });
    // Nothing was uploaded after it was reported lost.
    expect(await e2e.server.handle.db.selectFrom("responses").select("id").execute()).toEqual([]);

    // The tablet said so; every step is in the audit log.
    await expect
      .poll(async () => {
        const row = await e2e.server.handle.db
          .selectFrom("devices")
          .select("wiped_at")
          .where("id", "=", tablet.id)
          .executeTakeFirstOrThrow();
        return row.wiped_at !== null;
      })
      .toBe(true);
    const actions = (
      await e2e.server.handle.db
        .selectFrom("audit_log")
        .select("action")
        .where("device_id", "=", tablet.id)
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(["device.lost", "device.lost_refused", "device.wiped", "device.lost_report"]),
    );

    // A reload still says so (and still holds nothing).
    await page.reload();
    await page.getByRole("heading", { name: "This tablet was reported lost", level: 1 }).waitFor();
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);

    // The coordinator sees that it deleted everything.
    await lead.reload();
    await lead
      .getByText(/it said it had deleted everything on it/)
      .first()
      .waitFor();
    await lead.screenshot({ path: `${screenshots}/alongside-lost-tablet-list.png`, fullPage: true });

    // Found again: it stays withdrawn until it is enrolled again, and the screen says so.
    await lead.getByRole("button", { name: "Mark as found Tablet 5" }).click();
    await lead.getByText("until you enrol it again").waitFor();
    await expectNoAxeViolations(lead, "marking a tablet found");
    await lead.getByRole("button", { name: "Mark Tablet 5 as found" }).click();
    await lead
      .getByText(/It needs enrolling again before it can be used\./)
      .first()
      .waitFor();
  }, 180_000);
});
