import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, startE2E } from "./harness.ts";
import { giveConsent, signIn, startInterview } from "./offline-helpers.ts";

// Issue 15: an unselected rating circle's outline is 3:1 against its background (WCAG 1.4.11, which
// axe does not test), "Next" looks primary, and the support page's phone links are 44×44 targets.
// Measured from computed styles and boxes in Chromium at the tablet's size.

const FIELDWORK_TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "targets@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

/**
 * WCAG relative-luminance contrast between two computed colours, `rgb(…)`, `rgba(…)` or
 * `color(srgb r g b / a)` with channels 0–1 (alpha over white).
 */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    if (!/^(rgba?|color)\(/.test(css)) throw new Error(`not a colour: "${css}"`);
    const numbers = (css.match(/[\d.]+/g) ?? []).map(Number);
    const scaled = css.startsWith("color(") ? numbers.map((v, i) => (i < 3 ? v * 255 : v)) : numbers;
    const [r = 0, g = 0, bl = 0, alpha = 1] = scaled;
    const channel = (v: number) => {
      const over = (v * alpha + 255 * (1 - alpha)) / 255;
      return over <= 0.03928 ? over / 12.92 : ((over + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("question styling and touch targets", () => {
  it("gives rating circles a 3:1 outline, a primary Next, and 44×44 phone links", async () => {
    const context = await e2e.browser.newContext(FIELDWORK_TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "targets@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await startInterview(page);
    await giveConsent(page);
    await page.getByRole("heading", { name: "Having a say" }).waitFor();
    for (const title of ["Trust in workers", "How you have been"]) {
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByRole("heading", { name: title }).waitFor();
    }
    const styles = await page.evaluate(() => {
      const item = document.querySelector(".sd-rating__item:not(.sd-rating__item--selected)");
      const next = document.querySelector(".sd-navigation__next-btn");
      if (!item || !next) throw new Error("no rating item or Next button");
      const own = getComputedStyle(item);
      // The outline is the first shadow layer (SurveyJS draws it with box-shadow, not border).
      const shadow = own.boxShadow.match(/^(rgba?|color)\([^)]*\)/)?.[0] ?? "";
      const around = getComputedStyle(item.closest(".sd-question") ?? document.body).backgroundColor;
      const nextStyle = getComputedStyle(next);
      const surface = getComputedStyle(next.closest(".sd-root-modern") ?? document.body).backgroundColor;
      return {
        outline: shadow,
        fill: own.backgroundColor,
        around,
        next: nextStyle.backgroundColor,
        nextText: nextStyle.color,
        surface,
      };
    });
    // The outline against both what is inside the circle and what is around it.
    expect(contrast(styles.outline, styles.fill)).toBeGreaterThanOrEqual(3);
    expect(contrast(styles.outline, styles.around)).toBeGreaterThanOrEqual(3);
    // Primary: a filled button that stands out from the page, with legible text.
    expect(contrast(styles.next, styles.surface)).toBeGreaterThanOrEqual(3);
    expect(contrast(styles.nextText, styles.next)).toBeGreaterThanOrEqual(4.5);

    // Stop: the support page, with the phone numbers to offer.
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await page.getByRole("button", { name: "Yes, stop now" }).click();
    await page.getByRole("heading", { name: "Support to offer now" }).waitFor();
    const small = await page.$$eval(".distress a[href], .distress button", (targets) =>
      targets
        .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ text, box }) => `${text}: ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    expect(small).toEqual([]);
    expect(await page.locator(".distress a[href]").count()).toBeGreaterThanOrEqual(2);
    await context.close();
  });
});
