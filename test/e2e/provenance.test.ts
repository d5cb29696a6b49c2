import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";

/**
 * Decision 0025 in real Chromium, at a laptop's size: a coordinator turns on "only enrolled tablets
 * may upload" on the area settings screen, and the data manager lists what was collected on a tablet
 * (no answers). axe-core checks both screens.
 */

let e2e: E2E;
const contexts: BrowserContext[] = [];
/** Screenshots to look at by eye (STYLE: read every word as the person would). */
const screenshots = tmpdir();

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("admin", null, "admin@example.org");
  await e2e.addUser("coordinator", "northtown", "lead@northtown.example");
  await e2e.addUser("peer_researcher", "northtown", "sam@northtown.example");
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await e2e?.close();
});

async function signedIn(email: string): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 20_000 });
  return page;
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe("where interviews came from", () => {
  it("lets a coordinator turn on 'only enrolled tablets may upload' for their area", async () => {
    const page = await signedIn("lead@northtown.example");
    await page.goto(`${e2e.server.url}/coordination/areas`);
    await page.getByRole("heading", { name: "Where interviews can be uploaded from" }).waitFor();
    const box = page.getByLabel("Only tablets enrolled for this area can upload interviews");
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByRole("button", { name: "Save upload rule" }).click();
    await expect
      .poll(() => page.getByText("Saved: only enrolled tablets can upload interviews for this area.").count())
      .toBeGreaterThan(0);
    const row = await e2e.server.handle.db
      .selectFrom("areas")
      .select("enrolled_tablets_only")
      .where("id", "=", "northtown")
      .executeTakeFirstOrThrow();
    expect(Number(row.enrolled_tablets_only)).toBe(1);
    await expectNoAxeViolations(page, "area settings with the upload rule");
    await page
      .getByRole("heading", { name: "Where interviews can be uploaded from" })
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshots}/alongside-upload-rule.png` });
  });

  it("lists for the data manager what was collected on a tablet, without answers", async () => {
    const db = e2e.server.handle.db;
    const sam = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "sam@northtown.example")
      .executeTakeFirstOrThrow();
    const lead = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "lead@northtown.example")
      .executeTakeFirstOrThrow();
    const version = await db
      .selectFrom("survey_versions")
      .select(["survey_id", "version"])
      .where("survey_id", "=", "participant-interview")
      .executeTakeFirstOrThrow();
    const deviceId = randomUUID();
    const at = new Date().toISOString();
    await db
      .insertInto("devices")
      .values({
        id: deviceId,
        user_id: sam.id,
        area_id: "northtown",
        label: "Tablet 9",
        token_hash: randomUUID(),
        enrolled_at: at,
        enrolled_by: lead.id,
        revoked_at: null,
        revoked_by: null,
        last_seen_at: at,
      })
      .execute();
    const ids = [randomUUID(), randomUUID()];
    for (const [wave, id] of ids.entries()) {
      await db
        .insertInto("responses")
        .values({
          id,
          survey_id: version.survey_id,
          survey_version: version.version,
          participant_code: "ABCD-EFGH",
          wave,
          area_id: "northtown",
          administration_mode: "read_aloud",
          started_at: at,
          completed_at: at,
          received_at: at,
          submitted_by: sam.id,
          device_id: deviceId,
          data: JSON.stringify({ consent: true, secret_answer: "never shown" }),
          content_hash: randomUUID(),
          review_status: "received",
          issues: "[]",
        })
        .execute();
    }

    const page = await signedIn("admin@example.org");
    await page.goto(`${e2e.server.url}/coordination/tablets`);
    await page.getByRole("heading", { name: "Tablets", level: 1 }).waitFor();
    await page.getByLabel("Area", { exact: true }).selectOption({ label: "Northtown" });
    await page.getByRole("button", { name: "What was collected on Tablet 9" }).click();
    const list = page.getByRole("table", { name: /Interviews received from Tablet 9/ });
    await list.waitFor();
    await expect.poll(() => list.getByRole("row").count()).toBe(3);
    const text = (await list.textContent()) ?? "";
    for (const id of ids) expect(text).toContain(id);
    expect(text).toContain("Follow-up 1");
    expect(await page.content()).not.toContain("never shown");
    expect(await page.content()).not.toContain("ABCD-EFGH");
    await expectNoAxeViolations(page, "what was collected on a tablet");
    await page.screenshot({ path: `${screenshots}/alongside-collected.png`, fullPage: true });
  });
});
