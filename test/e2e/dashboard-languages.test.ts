import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom, syntheticAnswers } from "../../server/demo/synthetic-answers.ts";
import { syncBatch } from "../../server/fieldwork/sync.service.ts";
import { ValidatorCache } from "../../server/fieldwork/validator-cache.ts";
import { generateParticipantCode } from "../../shared/contract/participant-code.ts";
import type { SyncItem } from "../../shared/contract/sync.ts";
import type { SurveyField } from "../../shared/survey/fields.ts";
import { axeViolations, type E2E, E2E_PASSWORD, keepScreenshot, startE2E } from "./harness.ts";

/**
 * Issue 18: an analyst's live outcome page broken down by interview language (decision 0048), read in
 * Chromium at a tablet's size (1180 × 820) as an evaluator would: a table per question with one row per
 * language named in plain English, the total, and nothing an analyst would not understand. axe-clean.
 */

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("evaluator", null, "languages-evaluator@example.org");
  await seed();
});
afterAll(async () => {
  await e2e?.close();
});

/** 24 participants in one area, at baseline and a follow-up: most in English, a third in Polish, one in Arabic. */
async function seed(): Promise<void> {
  const db = e2e.server.handle.db;
  const version = await db
    .selectFrom("survey_versions")
    .select(["version", "fields"])
    .where("survey_id", "=", "participant-interview")
    .executeTakeFirstOrThrow();
  const fields = JSON.parse(version.fields) as SurveyField[];
  const random = seededRandom(18);
  const items: SyncItem[] = [];
  for (let p = 0; p < 24; p++) {
    const participantCode = generateParticipantCode((a) => a.map(() => Math.floor(random() * 256)));
    const language = p === 23 ? "ar" : p % 3 === 0 ? "pl" : "en";
    for (const wave of [0, 1]) {
      const startedAt = new Date(Date.UTC(2026, 1 + wave * 3, 2 + p, 10));
      items.push({
        id: randomUUID(),
        surveyId: "participant-interview",
        surveyVersion: Number(version.version),
        participantCode,
        wave,
        areaId: "northtown",
        startedAt: startedAt.toISOString(),
        completedAt: new Date(startedAt.getTime() + 20 * 60_000).toISOString(),
        administrationMode: "read_aloud",
        language,
        data: syntheticAnswers(fields, random, 0.4 + wave * 0.2),
      });
    }
  }
  const evaluator = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "languages-evaluator@example.org")
    .executeTakeFirstOrThrow();
  const user = { id: evaluator.id, email: "seed", displayName: "Seed", role: "admin" as const, areaId: null };
  await syncBatch({ db, validators: new ValidatorCache(), user, now: new Date() }, { items });
  // The survey version offers English only, so the Polish and Arabic interviews went to review
  // (decision 0037); a reviewer has approved them, and they count.
  await db.updateTable("responses").set({ review_status: "approved" }).execute();
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill("languages-evaluator@example.org");
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Outcomes", level: 1 }).waitFor();
}

describe("outcome page by interview language", () => {
  it("an evaluator asks for every figure by interview language and reads one row per language", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1180, height: 820 } });
    try {
      const page = await context.newPage();
      await signIn(page);
      await page
        .getByRole("link", { name: "Areas co-produce the design and delivery of their work" })
        .click();
      await page
        .getByRole("heading", { name: "Areas co-produce the design and delivery of their work", level: 1 })
        .waitFor();
      // The breakdown is asked for in the filters, as an analyst would.
      await page.getByLabel("Also show each figure by", { exact: true }).selectOption({ value: "language" });
      await page.getByRole("button", { name: "Show figures" }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get("breakdown")).toBe("language");
      const listen = page.getByRole("button", { name: "Do workers listen to what you want?", exact: true });
      await listen.click();
      await expect.poll(() => listen.getAttribute("aria-expanded")).toBe("true");
      const section = page.getByRole("region", { name: "Do workers listen to what you want?" });
      await section.getByRole("heading", { name: "By interview language", level: 3 }).waitFor();
      // Says which people the rows are about, as the area and wave tables do.
      await section
        .getByText("Each row is the figure for the interviews done in that language only")
        .waitFor();
      const table = section.getByRole("table", {
        name: /Do workers listen to what you want\? by interview language, all areas, all waves$/,
      });
      await table.waitFor();
      // One row per language, named in plain English (never a code such as "pl"), and the total.
      const heads = (await table.locator("tbody th, tbody tr > :first-child").allTextContents()).map((t) =>
        t.trim(),
      );
      expect(heads).toEqual(expect.arrayContaining(["Arabic", "English", "Polish"]));
      expect(heads.some((h) => /^(ar|en|pl)$/.test(h))).toBe(false);
      expect(await page.getByText(/NaN|undefined|null/).count()).toBe(0);
      await section.scrollIntoViewIfNeeded();
      await section
        .getByRole("heading", { name: "By interview language", level: 3 })
        .scrollIntoViewIfNeeded();
      await keepScreenshot(page, "dashboard-languages");
      const violations = await axeViolations(page);
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
