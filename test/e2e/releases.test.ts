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
 * Releases in real Chromium, through the real API: an evaluator composes a release, runs the checks
 * and signs off; an expert by experience reads it, adds a note, edits the summary and signs off; the
 * evaluator publishes; a coordinator and an expert read it; an anonymous visitor opens the public
 * link and prints it to PDF. A coordinator cannot open it before it is published. axe-core checks every
 * screen. Interviews are seeded through the real sync code.
 *
 * Set RELEASES_SCREENSHOTS=<dir> to keep screenshots and the PDF for a person to look at.
 */

const ANALYST = "eve.evaluator@example.org";
const EXPERT = "sam.expert@example.org";
const COORDINATOR = "cora.coordinator@example.org";
/** An evaluator whose agreement covers one area: a reader of releases, like the area's partnership. */
const AREA_EVALUATOR = "ash.evaluator@example.org";
const TITLE = "How people feel about their support, 2026";
const OUTCOME = "Areas co-produce the design and delivery of their work";
const shots = testSetting("RELEASES_SCREENSHOTS");

let e2e: E2E;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.server.handle.db
    .insertInto("areas")
    .values({ id: "eastfield", name: "Eastfield", region: "East", created_at: new Date().toISOString() })
    .execute();
  await e2e.addUser("evaluator", null, ANALYST);
  await e2e.addUser("expert", null, EXPERT);
  await e2e.addUser("coordinator", "northtown", COORDINATOR);
  await e2e.addUser("evaluator", "northtown", AREA_EVALUATOR);
  await seedInterviews();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await e2e?.close();
});

/** 30 participants in each of three areas, most seen again at a follow-up. */
async function seedInterviews(): Promise<void> {
  const db = e2e.server.handle.db;
  const analyst = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", ANALYST)
    .executeTakeFirstOrThrow();
  const version = await db
    .selectFrom("survey_versions")
    .select(["version", "fields"])
    .where("survey_id", "=", "participant-interview")
    .executeTakeFirstOrThrow();
  const fields = JSON.parse(version.fields) as SurveyField[];
  const random = seededRandom(13);
  const bytes = (a: Uint8Array) => a.map(() => Math.floor(random() * 256));
  const items: SyncItem[] = [];
  for (const areaId of ["northtown", "southport", "eastfield"]) {
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
  const user = { id: analyst.id, email: "seed", displayName: "Seed", role: "admin" as const, areaId: null };
  const validators = new ValidatorCache();
  for (let i = 0; i < items.length; i += 50) {
    await syncBatch({ db, validators, user, now: new Date() }, { items: items.slice(i, i + 50) });
  }
}

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport });
  contexts.push(context);
  return context.newPage();
}

const laptop = { width: 1440, height: 900 };
const tablet = { width: 820, height: 1180 };

async function signIn(email: string, viewport = laptop): Promise<Page> {
  const page = await newPage(viewport);
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return page;
}

async function check(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  // No figure withheld by a rule carries a number of its own, nor says which rule withheld it (0071).
  const withheld = await page.locator("td", { hasText: "withheld" }).allTextContents();
  for (const text of withheld) {
    const words = text.replace(/^\d+(\.\d)? \(/, "");
    expect(words, `${where}: "${text}"`).not.toMatch(/\d/);
    expect(words, `${where}: "${text}"`).toMatch(/^(withheld|(share|range) withheld\))$/);
  }
  expect(await page.getByText("NaN").count(), where).toBe(0);
  if (shots) await screenshots(page, `${shots}/${where.replaceAll(" ", "-")}`);
}

/** The page in slices of one screen and a bit, so a person can read every word of each. */
async function screenshots(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? laptop;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const slice = Math.round(viewport.height * 1.5);
  for (let y = 0, i = 0; y < height && i < 12; y += slice, i++) {
    const clip = { x: 0, y, width: viewport.width, height: Math.min(slice, height - y) };
    await page.screenshot({ path: `${path}-${i}.png`, fullPage: true, clip });
  }
}

describe("releases", () => {
  let releasePath = "";
  let publicPath = "";

  it("an evaluator composes a release, runs the checks and signs off", async () => {
    const page = await signIn(ANALYST);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Releases" }).click();
    await page.getByRole("heading", { name: "Releases", level: 1 }).waitFor();
    await check(page, "analyst list empty");

    await page.getByRole("link", { name: "Compose a new release" }).click();
    await page.getByRole("heading", { name: "Compose a release", level: 1 }).waitFor();
    // Nothing chosen yet: the form says what is missing, next to each field.
    await page.getByRole("button", { name: "Save as a draft" }).click();
    await page.getByText("Give the release a title.").waitFor();
    await page.getByText("Choose at least one outcome.").waitFor();
    await check(page, "analyst compose errors");

    await page.getByLabel("Title", { exact: true }).fill(TITLE);
    await page.getByLabel("Survey", { exact: true }).selectOption({ value: "participant-interview" });
    await page.getByRole("checkbox", { name: new RegExp(`^${OUTCOME}`) }).check();
    await page.getByRole("checkbox", { name: "By area", exact: true }).check();
    await page
      .getByLabel("Change between interview rounds", { exact: true })
      .selectOption({ label: "First interview to follow-up 1" });
    await page
      .getByLabel("What readers should know", { exact: true })
      .fill(
        "Peer researchers asked people in three areas about their support, at the start and three months later.",
      );
    await page.getByRole("checkbox", { name: "Anyone with the link" }).check();
    await check(page, "analyst compose");
    await page.getByRole("button", { name: "Save as a draft" }).click();

    await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    await page.getByText("Draft: not checked yet").waitFor();
    releasePath = new URL(page.url()).pathname;
    expect(releasePath).toMatch(/^\/releases\/[^/]+$/);
    await check(page, "analyst draft");

    await page.getByRole("button", { name: "Run the checks" }).click();
    await page.getByRole("heading", { name: "Checks", level: 2 }).waitFor();
    await page.getByText("Checked: waiting for sign-off and publishing").waitFor();
    // The checklist names every rule, and what each withheld or that it passed.
    const rules = page.locator(".checklist__rule");
    expect(await rules.count()).toBe(7);
    for (const rule of await rules.all()) {
      expect(await rule.textContent()).toMatch(/Passed: nothing withheld\.|Withheld \d+ figures?:|rounded/);
    }
    // The preview shows the release as readers will see it: a chart with its table.
    const preview = page.getByRole("region", { name: "Preview: the release as readers will see it" });
    await preview.getByRole("heading", { name: OUTCOME, level: 2 }).waitFor();
    expect(await preview.locator("svg[role=img]").count()).toBeGreaterThan(0);
    expect(await preview.getByRole("table").count()).toBeGreaterThan(0);
    await check(page, "analyst checked");

    await page.getByRole("button", { name: "Sign off as the evaluator" }).click();
    await page.getByRole("heading", { name: "Who agreed to publish it" }).waitFor();
    // Not yet: the expert's sign-off is missing, and the page says so.
    await page.getByText("Get an expert by experience's sign-off.").waitFor();
    expect(await page.getByRole("button", { name: "Publish" }).count()).toBe(0);
  });

  it("a coordinator cannot open the release before it is published", async () => {
    const page = await signIn(COORDINATOR, tablet);
    await page.goto(`${e2e.server.url}${releasePath}`);
    await page.getByRole("heading", { name: "Release not found", level: 1 }).waitFor();
    expect(await page.getByText(TITLE).count()).toBe(0);
    await check(page, "coordinator draft");
    await page.goto(`${e2e.server.url}/releases`);
    await page.getByText("Nothing has been published for you yet.").waitFor();
  });

  it("an expert by experience reads it, adds a note, edits the summary and signs off", async () => {
    const page = await signIn(EXPERT);
    await page.goto(`${e2e.server.url}/releases`);
    await page.getByRole("heading", { name: "Waiting for an expert to read and sign off" }).waitFor();
    await page.getByRole("link", { name: TITLE }).click();
    await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Before this is published" }).waitFor();
    await check(page, "expert before sign-off");

    await page
      .getByRole("button", { name: /^Add your note on / })
      .first()
      .click();
    const form = page.getByRole("form", { name: /^Your note on / });
    await form
      .getByLabel("What this means", { exact: true })
      .fill("Most people feel listened to, but not everyone.");
    await form
      .getByLabel("What should change", { exact: true })
      .fill("Workers should ask people what they want at every meeting.");
    // Named on the public link only by choice: this note yes, the sign-off below no.
    const named = form.getByRole("checkbox", { name: /^Show my name with my note on the public link/ });
    expect(await named.isChecked()).toBe(false);
    await named.check();
    await check(page, "expert note form");
    await form.getByRole("button", { name: "Save note" }).click();
    const note = page.locator(".release-note").first();
    await note.getByText("Workers should ask people what they want at every meeting.").waitFor();
    expect(await note.textContent()).toContain("sam.expert");
    // A note may say only what the figure means: it shows no "What should change:" over nothing.
    await page
      .getByRole("button", { name: /^Add your note on / })
      .last()
      .click();
    const secondForm = page.getByRole("form", { name: /^Your note on / });
    await secondForm.getByLabel("What this means", { exact: true }).fill("Fewer people answered this one.");
    await secondForm.getByRole("button", { name: "Save note" }).click();
    const meaningOnly = page.locator(".release-note", { hasText: "Fewer people answered this one." });
    await meaningOnly.waitFor();
    expect(await meaningOnly.textContent()).not.toContain("What should change");

    // The summary's reading ease is shown, and changes with the text.
    const summary = page.getByRole("textbox", { name: "The summary, in plain words" });
    expect((await summary.inputValue()).length).toBeGreaterThan(0);
    await page.getByText(/How easy it is to read: .+ \(score \d+ out of 100/).waitFor();
    await summary.fill(
      "We asked people about their support. Most said workers listen to them. Some did not.",
    );
    await page.getByRole("button", { name: "Save the summary" }).click();
    await page.getByText("Last changed by sam.expert.").waitFor();

    await page.getByLabel("A note with your sign-off (optional)").fill("Read with the expert panel.");
    expect(
      await page
        .getByRole("checkbox", { name: /^Show my name with my sign-off on the public link/ })
        .isChecked(),
    ).toBe(false);
    await page.getByRole("button", { name: "I have read it: sign off" }).click();
    await page.getByText("An expert by experience has signed off these figures.").waitFor();
    await check(page, "expert signed off");
  });

  it("the evaluator publishes it, with a public link", async () => {
    const page = await signIn(ANALYST);
    await page.goto(`${e2e.server.url}${releasePath}`);
    await page.getByRole("button", { name: "Publish" }).click();
    await page.locator(".release-status", { hasText: "Published" }).waitFor();
    await page.getByRole("heading", { name: "Public link" }).waitFor();
    const link = (await page.locator(".release-link").textContent()) ?? "";
    publicPath = new URL(link).pathname;
    expect(publicPath).toMatch(/^\/r\/[A-Za-z0-9_-]{43}$/);
    await page.getByRole("link", { name: "Correct it: start a new release from this one" }).waitFor();
    expect(await page.getByRole("button", { name: "Run the checks again" }).count()).toBe(0);
    await check(page, "analyst published");

    // A correction starts a new release from this one's composition.
    await page.getByRole("link", { name: "Correct it: start a new release from this one" }).click();
    await page.getByRole("heading", { name: "Correct a release", level: 1 }).waitFor();
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(`${TITLE} (corrected)`);
    expect(await page.getByRole("checkbox", { name: new RegExp(`^${OUTCOME}`) }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Anyone with the link" }).isChecked()).toBe(true);
    await check(page, "analyst correction");
  });

  it("a coordinator, an expert and an evaluator of one area read the published release", async () => {
    for (const [email, viewport, who] of [
      [COORDINATOR, tablet, "coordinator"],
      [EXPERT, laptop, "expert"],
      [AREA_EVALUATOR, laptop, "area evaluator"],
    ] as const) {
      const page = await signIn(email, viewport);
      await page.goto(`${e2e.server.url}/releases`);
      await page.getByRole("link", { name: TITLE }).waitFor();
      // A release covers every area: only analysts of the whole study compose one (0024).
      expect(await page.getByRole("link", { name: /Compose a new release/ }).count(), who).toBe(0);
      await check(page, `${who} release list`);
      await page.getByRole("link", { name: TITLE }).click();
      await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
      await page.getByRole("heading", { name: "How these figures protect people", level: 2 }).waitFor();
      await page.getByText("Figures from interviews up to").waitFor();
      await page.getByText("Workers should ask people what they want at every meeting.").waitFor();
      await page
        .getByRole("region", { name: "Who agreed to publish it" })
        .getByText(/sam\.expert \(expert by experience\)/)
        .waitFor();
      // Readers do not see the analyst's checklist or actions, and nothing to add notes with.
      expect(await page.getByRole("heading", { name: "Checks", exact: true }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /Add your note|Publish|Run the checks/ }).count()).toBe(
        0,
      );
      await check(page, `${who} reads`);
    }
  });

  it("an anonymous visitor opens the public link, and it prints to a readable A4 PDF", async () => {
    const page = await newPage(tablet);
    await page.goto(`${e2e.server.url}${publicPath}`);
    await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    await page.getByRole("heading", { name: "How these figures protect people", level: 2 }).waitFor();
    await check(page, "public link");
    // Nobody is named to the public who did not choose it: the expert chose it for the note only.
    const signOffs = page.getByRole("region", { name: "Who agreed to publish it" });
    expect(await signOffs.textContent()).toMatch(
      /An expert by experience, on .*The research team, on|The research team, on .*An expert by experience, on/s,
    );
    expect(await signOffs.textContent()).not.toContain("sam.expert");
    const main = (await page.locator("main").textContent()) ?? "";
    for (const name of ["eve.evaluator", "@example.org"]) expect(main).not.toContain(name);
    await page
      .locator(".release-note footer", { hasText: /^sam\.expert, / })
      .first()
      .waitFor();
    // A change for the same people says in words what it means and how sure we are, row by row.
    const readings = page.locator(".release-readings").first();
    await readings.getByRole("heading", { name: "What the change means" }).waitFor();
    expect(
      await readings
        .getByRole("listitem")
        .filter({ hasText: /^Everyone: On average/ })
        .count(),
    ).toBe(1);
    expect(await readings.textContent()).toContain(
      "we are fairly sure (95% confidence) the true change is between",
    );

    // In print every chart and its table are shown; the header, buttons and CSV actions are not.
    await page.emulateMedia({ media: "print" });
    const figures = page.locator(".release-figure");
    const count = await figures.count();
    expect(count).toBeGreaterThan(1);
    for (const figure of await figures.all()) {
      expect(await figure.locator("table").isVisible()).toBe(true);
    }
    expect(await page.locator("svg[role=img]").first().isVisible()).toBe(true);
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByRole("button").filter({ visible: true }).count()).toBe(0);
    await page.getByText("How these figures protect people").waitFor();

    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      ...(shots ? { path: `${shots}/release.pdf` } : {}),
    });
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    const pages = text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2);
    // A4 is 595 × 842 points.
    expect(text).toMatch(
      /\/MediaBox\s*\[\s*0 0 595(\.\d+)? 841(\.\d+)?|\/MediaBox\s*\[\s*0 0 595(\.\d+)? 842/,
    );
  });

  it("on a phone the public link's charts keep their words at a readable size", async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${e2e.server.url}${publicPath}`);
    await page.getByRole("heading", { name: TITLE, level: 1 }).waitFor();
    const chart = page.locator("svg.chart").first();
    await chart.waitFor();
    // A drawing made for a laptop shrank its 14px labels to about 7px on a 390px screen.
    const smallest = await page.evaluate(() =>
      Math.min(
        ...[...document.querySelectorAll("svg.chart text")].map((t) => t.getBoundingClientRect().height),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(12);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await check(page, "public link on a phone");
  });

  it("an unknown public link says so plainly", async () => {
    const page = await newPage(tablet);
    await page.goto(`${e2e.server.url}/r/${"x".repeat(43)}`);
    await page.getByRole("heading", { name: "Release not found", level: 1 }).waitFor();
    await check(page, "public link unknown");
  });
});
