import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishFirstVersion } from "../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";
import { choosePinIfAsked, passReadinessCheck } from "./offline-helpers.ts";

/**
 * Issue 14, finding 2, in the browser: a published survey whose HTML carries the outside probe's
 * payloads (stored as a version published before sanitising existed, so only the render-time
 * sanitising stands between it and the screen) shows no overlay and runs no handler, in a
 * researcher's interview and in a coordinator's editor preview.
 */

const SURVEY_ID = "hostile-html";
const overlay =
  '<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;background:#fff;color:#000">' +
  '<a href="jav&#x61;script:alert(1)">Your session has expired, sign in again</a></div>';
// Written so that the save check's own pattern (a space before "on…=") does not catch them either.
const payloads =
  '<p>Thank you for your time.</p><img src="x"/onerror="window.__ran=1">' +
  "<svg/onload=window.__ran=2></svg>" +
  '<details/open/ontoggle="window.__ran=3"><summary>More</summary>Hidden</details>' +
  overlay;

const definition = {
  title: "Hostile HTML",
  pages: [
    {
      name: "consent_page",
      elements: [
        {
          type: "boolean",
          renderAs: "radio",
          name: "consent",
          title: "Are you happy to take part today?",
          labelTrue: "Yes, I am happy to take part",
          labelFalse: "No, not today",
          isRequired: true,
        },
      ],
    },
    { name: "info_page", elements: [{ type: "html", name: "info", html: payloads }] },
  ],
};

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "researcher@example.org");
  await e2e.addUser("coordinator", "northtown", "coordinator@example.org");
  await publishFirstVersion(
    e2e.server.handle.db,
    {
      id: SURVEY_ID,
      title: "Hostile HTML",
      description: "",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    new Date(),
  );
});
afterAll(async () => {
  await e2e?.close();
});

interface Watched {
  context: BrowserContext;
  page: Page;
  violations: string[];
}

/** A page that records CSP violations: a blocked inline handler is one, so "none" means none tried. */
async function watchedPage(viewport: { width: number; height: number }): Promise<Watched> {
  const context = await e2e.browser.newContext({ viewport });
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

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** What the rendered survey HTML amounts to in the live page. */
function inspect(page: Page) {
  return page.evaluate(() => {
    const link = [...document.querySelectorAll("a")].find((a) =>
      a.textContent?.includes("session has expired"),
    );
    const handlers = [...document.querySelectorAll("*")].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`),
    );
    const placed = [...document.querySelectorAll("body *")].filter((el) => {
      const style = getComputedStyle(el);
      return (style.position === "fixed" || style.position === "absolute") && Number(style.zIndex) > 1000;
    });
    const centre = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
    return {
      handlers,
      svg: document.querySelectorAll("svg[onload], .sd-html svg, .sv-html svg").length,
      ran: (window as unknown as { __ran?: number }).__ran ?? null,
      linkHref: link?.getAttribute("href") ?? null,
      linkTarget: link?.getAttribute("target") ?? null,
      linkRel: link?.getAttribute("rel") ?? null,
      linkAfter: link ? getComputedStyle(link, "::after").content : null,
      overlays: placed.length,
      centreIsTheLink:
        !!centre && !!link && (centre === link || link.parentElement?.contains(centre) === true),
      csp: (window as unknown as { __csp?: string[] }).__csp ?? [],
    };
  });
}

function expectHarmless(found: Awaited<ReturnType<typeof inspect>>, violations: string[]): void {
  expect(found.handlers).toEqual([]);
  expect(found.svg).toBe(0);
  expect(found.ran).toBeNull();
  expect(found.linkHref).toBeNull();
  expect(found.linkTarget).toBe("_blank");
  expect(found.linkRel).toBe("noopener noreferrer");
  expect(found.linkAfter).toContain("opens in a new tab");
  expect(found.overlays).toBe(0);
  expect(found.centreIsTheLink).toBe(false);
  expect(found.csp).toEqual([]);
  expect(violations).toEqual([]);
}

describe("survey HTML in the browser", () => {
  it("shows a researcher the published survey's text with no overlay and no handler run", async () => {
    const { context, page, violations } = await watchedPage({ width: 1180, height: 820 });
    await signIn(page, "researcher@example.org");
    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/fieldwork$/);
    await page.getByRole("button", { name: "Choose Hostile HTML" }).click();
    await choosePinIfAsked(page);
    await page.getByRole("heading", { name: "Start an interview" }).waitFor();
    await page.getByRole("button", { name: "New code" }).click();
    await page.getByRole("button", { name: "Start, read aloud by me" }).click();
    await passReadinessCheck(page);
    await page.getByText("Yes, I am happy to take part").click();
    await page.getByText("Thank you for your time.").waitFor();
    await page.getByText("Your session has expired, sign in again").waitFor();
    await page.waitForTimeout(300); // let a picture's error or a details toggle fire, if one could
    expectHarmless(await inspect(page), violations);
    await context.close();
  });

  it("shows a coordinator the same survey in the editor's preview with no overlay and no handler run", async () => {
    const { context, page, violations } = await watchedPage({ width: 1440, height: 900 });
    await signIn(page, "coordinator@example.org");
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto(`${e2e.server.url}/editor/${SURVEY_ID}`);
    await page.getByRole("heading", { name: "Editing: Hostile HTML", level: 1 }).waitFor();
    const preview = page.getByRole("region", { name: "Survey preview" });
    await preview.getByText("Yes, I am happy to take part").click();
    await preview.getByRole("button", { name: "Next" }).click();
    await preview.getByText("Your session has expired, sign in again").waitFor();
    await page.waitForTimeout(300);
    expectHarmless(await inspect(page), violations);
    await context.close();
  });

  it("tells the co-designer in plain words what a save took out of the survey's HTML", async () => {
    const { context, page, violations } = await watchedPage({ width: 1440, height: 900 });
    await signIn(page, "coordinator@example.org");
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto(`${e2e.server.url}/editor/${SURVEY_ID}`);
    await page.getByRole("heading", { name: "Editing: Hostile HTML", level: 1 }).waitFor();
    await page.locator(".qlist__select", { hasText: "Are you happy to take part today?" }).click();
    const wording = page.getByLabel("Question wording");
    await wording.fill("Are you happy to take part in this today?");
    await page.getByRole("button", { name: "Save draft" }).click();
    const note = page.getByRole("status").filter({ hasText: "Some formatting was taken out when you saved" });
    await note.waitFor();
    const text = (await note.textContent()) ?? "";
    expect(text).toContain("In the information text starting “Thank you for your time.");
    expect(text).toContain('an action that runs by itself ("onerror") on a picture');
    expect(text).toContain("a drawing (svg)");
    expect(text).toContain('a style that moves it or places it over the page ("position: fixed")');
    expect(text).toContain('an address starting "javascript:" on a link');
    const violationsFound = await axeViolations(page);
    expect(violationsFound, JSON.stringify(violationsFound, null, 1)).toEqual([]);
    const shots = join(tmpdir(), "alongside-account-screens");
    mkdirSync(shots, { recursive: true });
    await note.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, "editor-removed-html.png") });
    await note.getByRole("button", { name: "I have read this" }).click();
    await expect.poll(() => note.count()).toBe(0);
    expect(violations).toEqual([]);
    await context.close();
  });
});
