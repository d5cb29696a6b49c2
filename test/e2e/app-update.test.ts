import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressFile } from "../../scripts/compress-client.ts";
import { defaultStaticDir } from "../../server/paths.ts";
import { axeViolations, type E2E, startE2E } from "./harness.ts";
import {
  giveConsent,
  signIn,
  startInterview,
  TABLET,
  typePin,
  waitUntilReadyOffline,
  waitUntilSaved,
} from "./offline-helpers.ts";

// A new release reaches a tablet while a researcher is in an interview. It must wait: no reload by
// itself, the interview untouched, the update offered once the interview is off screen, applied only
// when the researcher accepts, and the draft resumed on the new version with every answer.
//
// The server serves a copy of the built client, so the test can deploy "release 2" into it: a new
// index.html (with a marker) under a new precache revision, and a service worker script that differs
// (a changed byte is a new worker to the browser) and answers which release it is.

let e2e: E2E;
let clientDir: string;

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), "alongside-app-update-"));
  cpSync(defaultStaticDir, clientDir, { recursive: true });
  e2e = await startE2E({ staticDir: clientDir });
  await e2e.addUser("peer_researcher", "northtown", "researcher@example.org");
});
afterAll(async () => {
  await e2e?.close();
  if (clientDir) rmSync(clientDir, { recursive: true, force: true });
});

const RELEASE_PROBE = `
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "ALONGSIDE_RELEASE") event.ports[0].postMessage("2");
});
`;

/** Release 2's changed files, compressed as the build compresses them (a deploy ships both). */
async function deployRelease2(): Promise<void> {
  const indexFile = join(clientDir, "index.html");
  const index = readFileSync(indexFile, "utf8");
  writeFileSync(indexFile, index.replace("<head>", '<head><meta name="alongside-release" content="2" />'));
  const swFile = join(clientDir, "sw.js");
  const sw = readFileSync(swFile, "utf8");
  const next = sw.replace(/(\{url:"index\.html",revision:")[^"]+"/, '$1release-2"');
  expect(next).not.toBe(sw);
  writeFileSync(swFile, next + RELEASE_PROBE);
  await Promise.all([compressFile(indexFile), compressFile(swFile)]);
}

/** The state of a new worker waiting to take over ("installed"), if there is one. */
function waitingWorker(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state);
}

/** The release of the worker controlling the page: "2" once release 2 does ("1" has no answer). */
function controllerRelease(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const controller = navigator.serviceWorker.controller;
        if (!controller) return resolve("no worker");
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(String(event.data));
        controller.postMessage({ type: "ALONGSIDE_RELEASE" }, [channel.port2]);
        setTimeout(() => resolve("1"), 2_000);
      }),
  );
}

/** Set on the page's window: it is gone only if the page reloads. */
const hasMarker = (page: Page) =>
  page.evaluate(() => (window as unknown as { firstLoad?: boolean }).firstLoad === true);

describe("a new version of the app on a tablet", () => {
  it("waits while an interview is on screen, is applied only when accepted, and keeps the draft", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "researcher@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await waitUntilReadyOffline(page);
    await page.evaluate(() => {
      (window as unknown as { firstLoad: boolean }).firstLoad = true;
    });

    const code = await startInterview(page);
    await giveConsent(page);
    await page.getByText("Some say").click();
    await waitUntilSaved(page);

    await deployRelease2();
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await expect.poll(() => waitingWorker(page)).toBe("installed");

    const prompt = page.getByRole("region", { name: "A new version of Alongside is ready." });
    const continueInterview = page.getByRole("button", {
      name: `Continue the interview with participant ${code}`,
    });
    const backToFieldwork = () => page.getByRole("link", { name: "Alongside", exact: true }).click();

    // Left in the middle of the interview, nothing changes.
    expect(await hasMarker(page)).toBe(true);
    expect(await page.getByRole("radio", { name: "Some say" }).isChecked()).toBe(true);
    expect(await prompt.count()).toBe(0);

    // Off the interview screen the update is offered; the page still has not reloaded.
    await backToFieldwork();
    await prompt.waitFor({ timeout: 10_000 });
    expect(await hasMarker(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Back into the interview: the prompt (known to be pending) is not shown there.
    await continueInterview.click();
    await page.getByRole("heading", { name: "Having a say" }).waitFor();
    expect(await prompt.count()).toBe(0);
    expect(await page.getByRole("radio", { name: "Some say" }).isChecked()).toBe(true);
    expect(await waitingWorker(page)).toBe("installed");
    expect(await hasMarker(page)).toBe(true);

    // Accepted from the keyboard: the page reloads onto release 2.
    await backToFieldwork();
    await prompt.getByRole("button", { name: "Update now" }).focus();
    await Promise.all([page.waitForEvent("load", { timeout: 30_000 }), page.keyboard.press("Enter")]);
    expect(await hasMarker(page)).toBe(false);
    expect(await controllerRelease(page)).toBe("2");
    expect(await page.locator('meta[name="alongside-release"]').getAttribute("content")).toBe("2");

    // A reload locks the researcher's interviews: their PIN opens them again (decision 0049).
    await typePin(page);
    await continueInterview.click();
    await page.getByRole("heading", { name: "Having a say" }).waitFor();
    expect(await page.getByRole("radio", { name: "Some say" }).isChecked()).toBe(true);
    expect(await prompt.count()).toBe(0);
    await context.close();
  });
});
