import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSetting } from "../helpers/test-env.ts";
import { axeViolations, type E2E, startE2E } from "./harness.ts";
import { giveConsent, signIn, startInterview, waitUntilSaved } from "./offline-helpers.ts";

// Storage pressure on a tablet (issue 17): a full tablet while answering or finishing loses no answer
// and says so; a store that disappeared between sessions is noticed and said until read.

const TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;
const SHOTS = testSetting("ALONGSIDE_SCREENSHOTS");

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "full@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

/** Makes every IndexedDB write in the page fail as a full disk does, until `roomAgain`. */
const fillTheTablet = () =>
  `(() => {
    const put = IDBObjectStore.prototype.put;
    window.__restorePut = () => { IDBObjectStore.prototype.put = put; };
    IDBObjectStore.prototype.put = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  })()`;
const roomAgain = () => "window.__restorePut()";

describe("a full tablet", () => {
  it("keeps every answer while the tablet is full, says so, and saves them once there is room", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "full@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    const code = await startInterview(page);
    await page.evaluate(fillTheTablet());
    await giveConsent(page);
    await page.getByText(/Not saved yet: the tablet is full/).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/tablet-full-answer.png` });
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(roomAgain());
    // Saved by itself, without another answer (the saver tries again every few seconds).
    await expect
      .poll(() => page.locator(".save-state").textContent(), { timeout: 15_000 })
      .toMatch(/^Saved \d/);
    const stored = await page.evaluate(
      (id) =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open("alongside-fieldwork");
          open.onsuccess = () => {
            const get = open.result.transaction("drafts").objectStore("drafts").getAll();
            // Sealed (decision 0049: a PIN before the first interview everywhere): one draft, stored,
            // with nothing of the interview readable in it.
            get.onsuccess = () =>
              resolve(
                get.result.length === 1 && !JSON.stringify(get.result).includes(id) ? get.result[0] : null,
              );
            get.onerror = () => reject(get.error);
          };
          open.onerror = () => reject(open.error);
        }),
      code,
    );
    expect(stored).toHaveProperty("sealed");

    // Full again at the end: the interview is not lost and can be saved once there is room. (A "yes" to
    // consent has already moved on to the first question.)
    await page.getByText("A lot of say").click();
    await waitUntilSaved(page);
    await page.evaluate(fillTheTablet());
    for (let i = 0; i < 12; i++) {
      if (await page.getByRole("button", { name: "Complete" }).isVisible()) break;
      await page.getByRole("button", { name: "Next" }).click();
    }
    await page.getByRole("button", { name: "Complete" }).click();
    await page.getByText(/The tablet is full, so the interview could not be saved as finished/).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/tablet-full-finish.png` });
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(roomAgain());
    await page.getByRole("button", { name: "Try saving again" }).click();
    await page.getByRole("heading", { name: /Interview finished|Saved on this tablet/, level: 1 }).waitFor();
    await expect
      .poll(
        async () =>
          (
            await e2e.server.handle.db
              .selectFrom("responses")
              .select(["participant_code", "data"])
              .where("participant_code", "=", code)
              .execute()
          ).length,
        { timeout: 30_000 },
      )
      .toBe(1);
    await context.close();
  });
});

describe("a store that disappeared", () => {
  it("says the tablet's stored interviews are gone, until the researcher has read it", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "full@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    expect(
      await page.getByRole("heading", { name: "Interviews stored on this tablet are gone" }).count(),
    ).toBe(0);

    // The browser clears the site's IndexedDB (eviction), leaving localStorage.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase("alongside-fieldwork");
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error);
        }),
    );
    await page.reload();
    await page.getByRole("heading", { name: "Interviews stored on this tablet are gone" }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/tablet-store-gone.png` });
    expect(await axeViolations(page)).toEqual([]);
    await page.reload();
    await page.getByRole("heading", { name: "Interviews stored on this tablet are gone" }).waitFor();
    await page.getByRole("button", { name: "I have read this" }).click();
    await page.reload();
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    expect(
      await page.getByRole("heading", { name: "Interviews stored on this tablet are gone" }).count(),
    ).toBe(0);
    await context.close();
  });
});
