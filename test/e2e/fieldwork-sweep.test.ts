import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, startE2E } from "./harness.ts";
import {
  choosePinIfAsked,
  completeInterview,
  giveConsent,
  holdToTakeBack,
  signIn,
  typePin,
} from "./offline-helpers.ts";

// Issue 15, styling: radio circles line up with their labels (≤ 2 px), and every tappable thing on
// each fieldwork screen is at least 44 × 44 px, measured in Chromium on a touch tablet both ways up:
// the header's links and buttons, the interview bar, the show-card and hand-over views, the hand-back
// screen, the "interview not found" page, and the main area of every other fieldwork screen.

const TABLETS = [
  { name: "landscape", viewport: { width: 1180, height: 820 }, hasTouch: true },
  { name: "portrait", viewport: { width: 820, height: 1180 }, hasTouch: true },
] as const;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "sweep@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

/**
 * Every visible button, link and form control on the page (header, interview bar and main area)
 * smaller than 44 × 44; a hidden radio or box is measured by its label. The skip link, off screen
 * until it has focus, is measured with focus.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const seen = new Set<Element>();
    const skip = document.querySelector<HTMLElement>(".skip-link");
    const focused = document.activeElement;
    skip?.focus();
    for (const element of document.querySelectorAll("button, a[href], input, select, textarea, summary")) {
      if (element instanceof HTMLInputElement && element.type === "hidden") continue;
      let target: Element = element;
      const own = element.getBoundingClientRect();
      if (element instanceof HTMLInputElement && (own.width < 44 || own.height < 44))
        target = element.closest("label") ?? element;
      if (seen.has(target)) continue;
      seen.add(target);
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (box.width === 0 && box.height === 0) continue;
      if (style.visibility === "hidden" || target.closest("[hidden]")) continue;
      if (box.width < 43.5 || box.height < 43.5) {
        const name =
          (target.textContent ?? "").trim().slice(0, 40) ||
          target.getAttribute("aria-label") ||
          target.tagName;
        small.push(`${name} (${Math.round(box.width)}×${Math.round(box.height)})`);
      }
    }
    if (focused instanceof HTMLElement) focused.focus();
    else skip?.blur();
    return small;
  });
}

/** How far each radio circle's centre sits from the centre of its label's first line. */
async function radioOffsets(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".sd-item--radio, .sd-radio")].flatMap((item) => {
      const circle = item.querySelector(".sd-item__decorator");
      const label = item.querySelector(".sd-item__control-label");
      if (!circle || !label) return [];
      const range = document.createRange();
      range.selectNodeContents(label);
      const line = range.getClientRects()[0];
      if (!line) return [];
      const c = circle.getBoundingClientRect();
      return [Math.abs(c.top + c.height / 2 - (line.top + line.height / 2))];
    }),
  );
}

describe("fieldwork screens on a tablet", () => {
  for (const tablet of TABLETS) {
    it(`aligns radio circles and keeps every target ≥ 44 × 44 (${tablet.name})`, async () => {
      const context = await e2e.browser.newContext(tablet);
      const page = await context.newPage();
      await signIn(page, e2e.server.url, "sweep@example.org");
      await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
      const found: Record<string, string[]> = {};
      const sweep = async (screen: string) => {
        found[screen] = await smallTargets(page);
      };

      // The measure itself catches a small target (a 19 px link, as "Back to fieldwork" was), in the
      // main area and in the header, whose links it measures too.
      for (const where of ["main", ".site-header"]) {
        await page.evaluate((selector) => {
          const link = Object.assign(document.createElement("a"), { href: "#", textContent: "Tiny link" });
          link.id = "probe-small";
          document.querySelector(selector)?.append(link);
        }, where);
        expect((await smallTargets(page)).some((t) => t.startsWith("Tiny link"))).toBe(true);
        await page.evaluate(() => document.getElementById("probe-small")?.remove());
      }
      expect(await page.locator(".site-header a[href], .site-header button").count()).toBeGreaterThan(3);
      await sweep("home");
      await page.getByRole("button", { name: "Choose Participant interview" }).click();
      await choosePinIfAsked(page);
      await page.getByRole("button", { name: "New code" }).click();
      await sweep("start");
      await page.getByRole("button", { name: "Start, read aloud by me" }).click();
      await page.getByRole("button", { name: "All of these are true: go to consent" }).click();
      await page.getByText("Are you happy to take part today?").waitFor();
      expect(await page.getByRole("button", { name: "Complete" }).count()).toBe(0);
      await sweep("consent");
      expect(Math.max(...(await radioOffsets(page)))).toBeLessThanOrEqual(2);
      await giveConsent(page);
      await page.getByRole("heading", { name: "Having a say" }).waitFor();
      await sweep("questions and the interview bar");
      const offsets = await radioOffsets(page);
      expect(offsets.length).toBeGreaterThan(5);
      expect(Math.max(...offsets)).toBeLessThanOrEqual(2);
      // The participant's views, their bar, and the screen they hand the tablet back on.
      await page.getByRole("button", { name: "Show card" }).click();
      await page.getByText("These are the answers you can choose from.").waitFor();
      await sweep("show card");
      await page.getByRole("button", { name: "Give the tablet back" }).click();
      await page.getByRole("heading", { name: "Thank you. Please give the tablet back" }).waitFor();
      await sweep("hand-back");
      await holdToTakeBack(page);
      await page.getByRole("button", { name: "Hand over" }).click();
      await page.getByText("You are answering on your own.").waitFor();
      await sweep("hand-over");
      await page.getByRole("button", { name: "Give the tablet back" }).click();
      await holdToTakeBack(page);
      await page.getByRole("button", { name: "Pause", exact: true }).waitFor();
      await completeInterview(page);
      await sweep("finished");
      for (const [screen, path] of [
        ["outbox", "/fieldwork/outbox"],
        ["due", "/fieldwork/due"],
        ["concern", "/fieldwork/concern"],
        ["debrief", "/fieldwork/debrief"],
        ["interview not found", "/fieldwork/interview/not-on-this-tablet"],
      ] as const) {
        await page.goto(`${e2e.server.url}${path}`);
        await typePin(page);
        await page.locator("main h1").waitFor();
        await page.waitForLoadState("networkidle");
        await sweep(screen);
      }
      // The way back from an interview that is not here is a large button, as is the way to the outbox.
      await page.getByRole("heading", { name: "Interview not found" }).waitFor();
      await page.getByRole("link", { name: "Back to fieldwork" }).click();
      await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
      expect(Object.fromEntries(Object.entries(found).filter(([, small]) => small.length > 0))).toEqual({});
      await context.close();
    });
  }
});
