import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom, syntheticAnswers } from "../../server/demo/synthetic-answers.ts";
import { syncBatch } from "../../server/fieldwork/sync.service.ts";
import { ValidatorCache } from "../../server/fieldwork/validator-cache.ts";
import { generateParticipantCode } from "../../shared/contract/participant-code.ts";
import type { SyncItem } from "../../shared/contract/sync.ts";
import type { SurveyField } from "../../shared/survey/fields.ts";
import { testSetting } from "../helpers/test-env.ts";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";

/**
 * The outcome dashboards in real Chromium: an evaluator opens the theory-of-change map, opens an
 * outcome, filters it to one area and reads the change between waves for the same participants, with
 * its confidence interval. Data is seeded through the real sync code; axe-core checks every screen.
 */

let e2e: E2E;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("evaluator", null, "evaluator@example.org");
  await seedInterviews();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await e2e?.close();
});

/** 30 participants per area, most seen again at a follow-up: synthetic answers through syncBatch. */
async function seedInterviews(): Promise<void> {
  const db = e2e.server.handle.db;
  const admin = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "evaluator@example.org")
    .executeTakeFirstOrThrow();
  const version = await db
    .selectFrom("survey_versions")
    .select(["version", "fields"])
    .where("survey_id", "=", "participant-interview")
    .executeTakeFirstOrThrow();
  const fields = JSON.parse(version.fields) as SurveyField[];
  const random = seededRandom(5);
  const bytes = (a: Uint8Array) => a.map(() => Math.floor(random() * 256));
  const items: SyncItem[] = [];
  for (const areaId of ["northtown", "southport"]) {
    for (let p = 0; p < 30; p++) {
      const code = generateParticipantCode(bytes);
      const waves = p < 24 ? 2 : 1;
      for (let wave = 0; wave < waves; wave++) {
        const started = new Date(Date.UTC(2026, 2 + wave * 3, 1 + (p % 20), 10));
        items.push({
          id: randomUUID(),
          surveyId: "participant-interview",
          surveyVersion: Number(version.version),
          participantCode: code,
          wave,
          areaId,
          startedAt: started.toISOString(),
          completedAt: new Date(started.getTime() + 25 * 60_000).toISOString(),
          administrationMode: "read_aloud",
          data: syntheticAnswers(fields, random, 0.3 + wave * 0.3),
        });
      }
    }
  }
  const user = { id: admin.id, email: "seed", displayName: "Seed", role: "admin" as const, areaId: null };
  const validators = new ValidatorCache();
  for (let i = 0; i < items.length; i += 50) {
    await syncBatch({ db, validators, user, now: new Date() }, { items: items.slice(i, i + 50) });
  }
}

async function newPage(): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  // A best-practice rule outside the WCAG tags, named in issue 15: no two landmarks share a name.
  const landmarks = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, { runOnly: { type: "rule", values: ["landmark-unique"] } })) as {
      violations: { id: string; nodes: { target: string[] }[] }[];
    };
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) }));
  });
  expect(landmarks, `${where}: ${JSON.stringify(landmarks)}`).toEqual([]);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill("evaluator@example.org");
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Outcomes", level: 1 }).waitFor();
}

describe("outcome dashboards", () => {
  it("an evaluator opens the map, an outcome, filters to one area and reads the change with its interval", async () => {
    const page = await newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email", { exact: true }).fill("evaluator@example.org");
    await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();

    // The evaluator's home is the theory-of-change map.
    await page.getByRole("heading", { name: "Outcomes", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "MEAM Approach areas", level: 3 }).waitFor();
    const unmeasured = page.getByText("No survey question measures this outcome yet.");
    expect(await unmeasured.count()).toBeGreaterThan(0);
    // The breakdown by strand: each strand's outcomes, how many are measured, and their indicators.
    const strands = page.getByRole("table", {
      name: "Outcomes and indicators by strand of the theory of change",
    });
    await strands.waitFor();
    expect(await strands.getByRole("row", { name: /MEAM Approach areas/ }).textContent()).toMatch(/\d/);
    // Live, exact figures are marked as not for sharing on every dashboard page.
    await page
      .getByRole("heading", { name: "Not for sharing — exact figures for the research team" })
      .waitFor();
    await expectNoAxeViolations(page, "map");

    const outcome = page.getByRole("link", {
      name: "Areas co-produce the design and delivery of their work",
    });
    await outcome.focus();
    await page.keyboard.press("Enter");
    await page
      .getByRole("heading", { name: "Areas co-produce the design and delivery of their work", level: 1 })
      .waitFor();
    await page.getByRole("heading", { name: "Do workers listen to what you want?", level: 2 }).waitFor();
    // A summary of every question comes first, its change worded by the same rule as the map.
    const summary = page.getByRole("table", { name: /summary of every question/ });
    expect(
      await summary.getByRole("row", { name: /Do workers listen to what you want\?/ }).textContent(),
    ).toMatch(/(Clearly (better|worse|higher|lower)|No clear change), first interview to follow-up 1/);
    // Each row says what the change means in a sentence, with its interval.
    expect(
      await summary.getByRole("row", { name: /Do workers listen to what you want\?/ }).textContent(),
    ).toMatch(/we are fairly sure \(95% confidence\) the true change is between/);
    // Details come on demand: every question's heading is a closed disclosure button.
    const toggles = page.locator(".indicator__toggle");
    expect(await toggles.count()).toBe(await summary.locator("tbody tr").count());
    for (const t of await toggles.all()) expect(await t.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("img", { name: /average at each wave/ }).count()).toBe(0);
    // The question in the summary leads to its details, opened.
    await summary.getByRole("link", { name: "Do workers listen to what you want?" }).click();
    const listen = page.getByRole("button", { name: "Do workers listen to what you want?", exact: true });
    await expect.poll(() => listen.getAttribute("aria-expanded")).toBe("true");
    expect(new URL(page.url()).hash).toMatch(/^#indicator-participant-interview-/);
    // Each indicator has a chart of its figure at each wave, described in words.
    expect(
      await page
        .getByRole("img", { name: "Do workers listen to what you want?: average at each wave" })
        .count(),
    ).toBe(1);
    await expectNoAxeViolations(page, "outcome page");

    await page.getByLabel("Area", { exact: true }).selectOption({ label: "Northtown" });
    await page.getByRole("button", { name: "Show figures" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("area")).toBe("northtown");
    const byWave = page.getByRole("table", { name: /by wave, Northtown/ }).first();
    await byWave.waitFor();

    // "Do workers listen" is a 1–5 rating: its change has a paired t-test, Wilcoxon and a 95% interval.
    const section = page.getByRole("region", { name: "Do workers listen to what you want?" });
    await section
      .getByRole("heading", { name: "Change from first interview to follow-up 1, same participants" })
      .waitFor();
    const table = section.getByRole("table", { name: /change from first interview to follow-up 1/ });
    const row = table.getByRole("row", { name: /95% CI of the mean change/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/-?\d+\.\d\d to -?\d+\.\d\d/);
    expect(await table.getByRole("row", { name: /Paired t-test/ }).textContent()).toMatch(/t\(\d+\) = -?\d/);
    expect(await table.getByRole("row", { name: /Wilcoxon signed-rank test/ }).textContent()).toMatch(
      /V = \d/,
    );
    expect(await page.getByText(/NaN/).count()).toBe(0);
    // Each result has a plain sentence, and each statistic links to what it means.
    expect(await section.locator(".change-summary").textContent()).toMatch(
      /^On average .* we are fairly sure \(95% confidence\) the true change is between -?−?[\d.]+ and -?−?[\d.]+/,
    );
    // The first interview is named as a sentence names it, as the releases do ("than at first interview").
    expect(await section.locator(".change-summary").textContent()).toMatch(/at the first interview;/);
    await section.getByRole("link", { name: "Cohen's dz (effect size)" }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe("#glossary-dz");
    expect(await page.locator("#glossary-dz").textContent()).toMatch(/0\.2 is small/);
    expect(new URL(page.url()).searchParams.get("area")).toBe("northtown");
    await expectNoAxeViolations(page, "outcome page filtered to one area");

    // Every interview was read aloud: under that filter the change is the same participants', with a
    // note that both interviews must fall inside the filters.
    await page
      .getByLabel("How the interview was done", { exact: true })
      .selectOption({ value: "read_aloud" });
    await page.getByRole("button", { name: "Show figures" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("mode")).toBe("read_aloud");
    await section.getByText("a participant counts here only when both interviews fall inside them").waitFor();
    await table.getByRole("row", { name: /95% CI of the mean change/ }).waitFor();
    expect(await table.getByRole("row", { name: /Paired t-test/ }).textContent()).toMatch(/t\(\d+\) = -?\d/);
    expect(await page.getByText(/NaN/).count()).toBe(0);
    await expectNoAxeViolations(page, "outcome page filtered by area and mode");

    // A "To" month before the "From" month is explained next to the field, and the form stays.
    await page.getByLabel("From month", { exact: true }).fill("2026-09");
    await page.getByLabel("To month", { exact: true }).fill("2026-03");
    await page.getByRole("button", { name: "Show figures" }).click();
    await page.getByText("The “To” month is before the “From” month.", { exact: false }).waitFor();
    expect(new URL(page.url()).searchParams.get("to")).toBeNull();
    await page.getByRole("button", { name: "Show figures" }).waitFor();
    expect(await page.getByLabel("To month", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByText("issues").count()).toBe(0);
    await expectNoAxeViolations(page, "filters with a month range the wrong way round");
    await page.getByLabel("From month", { exact: true }).fill("");
    await page.getByLabel("To month", { exact: true }).fill("");

    // The switch shows the page as a release would: protected at k, means to one decimal.
    await page
      .getByRole("heading", { name: "Not for sharing — exact figures for the research team" })
      .waitFor();
    const toggle = page.getByRole("button", { name: "Show as it would be released" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    await toggle.click();
    await expect.poll(() => new URL(page.url()).searchParams.get("view")).toBe("released");
    expect(new URL(page.url()).searchParams.get("mode")).toBe("read_aloud");
    await page.getByText(/As it would be released: any figure about fewer than \d+ people/).waitFor();
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    const released = await table.getByRole("row", { name: /95% CI of the mean change/ }).textContent();
    expect(released).toMatch(/-?\d+\.\d to -?\d+\.\d(?!\d)/);
    await expectNoAxeViolations(page, "outcome page as it would be released");
  });

  it("the outcome with the most indicators: a summary first, each question's details on demand by keyboard or link", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page);
    const address = `${e2e.server.url}/dashboard/outcomes/outcome-areas-see-better-outcomes`;
    await page.goto(address);
    const summary = page.getByRole("table", { name: /summary of every question/ });
    await summary.waitFor();
    const toggles = page.locator(".indicator__toggle");
    const indicators = await toggles.count();
    expect(indicators).toBeGreaterThan(10);
    expect(await summary.locator("tbody tr").count()).toBe(indicators);
    const height = () => page.evaluate(() => document.documentElement.scrollHeight);
    // Measured, not asserted: 41,053 px for these 18 indicators with every detail shown (before).
    console.log(
      `outcome page height at 1440×900, details closed: ${await height()} px for ${indicators} indicators`,
    );
    if (testSetting("SCREENSHOT_DIR")) {
      await page.screenshot({ path: `${testSetting("SCREENSHOT_DIR")}/outcome-summary.png`, fullPage: true });
      const top = (await page.locator(".indicator-list-actions").boundingBox())?.y ?? 0;
      await page.screenshot({
        path: `${testSetting("SCREENSHOT_DIR")}/outcome-toggles.png`,
        fullPage: true,
        clip: { x: 0, y: top - 100, width: 1440, height: 900 },
      });
    }
    await expectNoAxeViolations(page, "outcome page, details closed");

    // The disclosure is a button: the keyboard opens and closes it.
    const first = toggles.first();
    await first.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => first.getAttribute("aria-expanded")).toBe("true");
    const details = page.locator(`#${await first.getAttribute("aria-controls")}`);
    await details.getByRole("heading", { name: "By wave", level: 3 }).waitFor();
    if (testSetting("SCREENSHOT_DIR")) {
      await summary.screenshot({ path: `${testSetting("SCREENSHOT_DIR")}/outcome-summary-table.png` });
      await page.screenshot({ path: `${testSetting("SCREENSHOT_DIR")}/outcome-open.png` });
    }
    await page.keyboard.press("Space");
    await expect.poll(() => first.getAttribute("aria-expanded")).toBe("false");
    expect(await details.isHidden()).toBe(true);

    // A deep link into one question's change section opens that question and shows the place.
    const last = toggles.last();
    const lastId = (await last.getAttribute("aria-controls"))
      ?.replace(/^indicator-/, "")
      .replace(/-details$/, "");
    await page.goto(`${address}#change-${lastId}`);
    await summary.waitFor();
    await expect.poll(() => last.getAttribute("aria-expanded")).toBe("true");
    expect(await first.getAttribute("aria-expanded")).toBe("false");
    await expect
      .poll(() =>
        page.evaluate((id) => {
          const box = document.getElementById(id)?.getBoundingClientRect();
          return box ? box.top >= 0 && box.top < window.innerHeight : false;
        }, `change-${lastId}`),
      )
      .toBe(true);

    // Every question's details at once, for reading the page through.
    await page.getByRole("button", { name: "Show the details of every question" }).click();
    await page.getByRole("button", { name: "Hide the details of every question" }).waitFor();
    for (const t of await toggles.all()) expect(await t.getAttribute("aria-expanded")).toBe("true");
    console.log(`outcome page height at 1440×900, every detail open: ${await height()} px`);
    await expectNoAxeViolations(page, "outcome page, every detail open");
  });
});
