import type { Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, startE2E } from "./harness.ts";
import {
  choosePinIfAsked,
  completeInterview,
  giveConsent,
  goOffline,
  signIn,
  startInterview,
  TABLET,
  typePin,
  waitUntilReadyOffline,
  waitUntilSaved,
} from "./offline-helpers.ts";

// The tablet's promise: load once online, then work with no connection, lose nothing, and store each
// interview on the server exactly once whatever happens to the connection or the session.

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "researcher@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose: string;
}

/** Width and height from a PNG's header (its first chunk, IHDR). */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString("latin1", 12, 16)).toBe("IHDR");
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

async function storedCodes(): Promise<string[]> {
  const rows = await e2e.server.handle.db.selectFrom("responses").select("participant_code").execute();
  return rows.map((row) => row.participant_code).sort();
}

async function clearResponses(): Promise<void> {
  await e2e.server.handle.db.deleteFrom("responses").execute();
}

describe("offline fieldwork on a tablet", () => {
  it("serves the service worker and the manifest so that browsers always check for a new version", async () => {
    const sw = await fetch(`${e2e.server.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get("cache-control")).toBe("no-cache");
    expect(sw.headers.get("content-type")).toMatch(/javascript/);
    // The worker loads the Workbox runtime by its hashed name ("./workbox-<hash>", without ".js").
    const runtime = /workbox-[0-9a-f]+/.exec(await sw.text())?.[0];
    expect(runtime).toBeDefined();
    const workbox = await fetch(`${e2e.server.url}/${runtime}.js`);
    expect(workbox.status).toBe(200);
    expect(workbox.headers.get("cache-control")).toContain("immutable");
    const manifest = await fetch(`${e2e.server.url}/manifest.webmanifest`);
    expect(manifest.headers.get("cache-control")).toBe("no-cache");
    expect(manifest.headers.get("content-type")).toMatch(/^application\/manifest\+json/);
    const { icons, ...app } = (await manifest.json()) as { icons: ManifestIcon[] };
    expect(app).toMatchObject({ start_url: "/fieldwork", display: "standalone" });
    // Tablets install the app with PNG icons: 192 and 512 pixels, and a maskable one.
    const pngs = icons.filter((icon) => icon.type === "image/png");
    expect(pngs.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
      "192x192 any",
      "512x512 any",
      "512x512 maskable",
    ]);
    // Each icon is served as the type it claims, and a PNG at the size it claims. Icons keep their
    // names across releases, so they are revalidated like the manifest.
    for (const icon of icons) {
      const image = await fetch(new URL(icon.src, e2e.server.url));
      expect(image.status, icon.src).toBe(200);
      expect(image.headers.get("content-type")?.split(";")[0], icon.src).toBe(icon.type);
      expect(image.headers.get("cache-control"), icon.src).toBe("no-cache");
      if (icon.type !== "image/png") continue;
      const [width, height] = pngSize(Buffer.from(await image.arrayBuffer()));
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });

  it("keeps every answer through offline work, a reload and a closed page, and stores each finished interview once", async () => {
    await clearResponses();
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "researcher@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await waitUntilReadyOffline(page);

    await goOffline(context, page);
    await page.reload();
    await page.getByText(/^Offline\./).waitFor();

    const finished: string[] = [];
    for (let i = 0; i < 2; i++) {
      finished.push(await startInterview(page));
      await giveConsent(page);
      await page.getByText("A lot of say").click();
      await completeInterview(page);
      await page.getByRole("heading", { name: "Saved on this tablet" }).waitFor();
      await page.getByRole("link", { name: "Back to fieldwork" }).click();
    }

    // A third interview, left half way: the page is closed on the trust questions.
    const third = await startInterview(page);
    await giveConsent(page);
    await page.getByText("Some say").click();
    await page.getByRole("radio", { name: "I don't have a plan" }).check({ force: true });
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("heading", { name: "Trust in workers" }).waitFor();
    await waitUntilSaved(page);
    await page.close();

    const reopened = await context.newPage();
    await reopened.goto(`${e2e.server.url}/fieldwork`);
    await typePin(reopened);
    await reopened.getByRole("heading", { name: "Interviews in progress" }).waitFor();
    expect(await reopened.getByRole("heading", { name: "2 interviews waiting to upload" }).count()).toBe(1);
    await reopened.getByRole("button", { name: `Continue the interview with participant ${third}` }).click();
    // Resumed at the same page, with every answer.
    await reopened.getByRole("heading", { name: "Trust in workers" }).waitFor();
    await reopened.getByRole("button", { name: "Previous" }).click();
    await reopened.getByRole("heading", { name: "Having a say" }).waitFor();
    expect(await reopened.getByRole("radio", { name: "Some say" }).isChecked()).toBe(true);
    expect(await reopened.getByRole("radio", { name: "I don't have a plan" }).isChecked()).toBe(true);
    await reopened.getByRole("button", { name: "Previous" }).click();
    expect(await reopened.getByRole("radio", { name: "Yes, I am happy to take part" }).isChecked()).toBe(
      true,
    );
    expect(await storedCodes()).toEqual([]);

    // The follow-up list is there offline too, from the copy kept while online.
    await reopened.goto(`${e2e.server.url}/fieldwork/due`);
    await typePin(reopened);
    await reopened.getByText(/^List as of/).waitFor();

    await reopened.getByRole("link", { name: "Alongside" }).click();
    await reopened.getByRole("heading", { name: "Interviews in progress" }).waitFor();
    await context.setOffline(false);
    await expect.poll(storedCodes, { timeout: 30_000 }).toEqual([...finished].sort());
    await reopened.getByRole("heading", { name: "Nothing waiting to upload" }).waitFor();
    // A screen reader hears what the screen says once the upload is over, not the outbox as it was
    // a moment before the upload wrote its receipts ("2 interviews still waiting to upload").
    const announced = reopened.locator('.visually-hidden[role="status"]');
    await expect.poll(() => announced.textContent()).not.toBe("");
    expect(await announced.textContent()).toBe("Everything is uploaded.");
    // The third is still a draft, on the tablet only.
    await reopened
      .getByRole("button", { name: `Continue the interview with participant ${third}` })
      .waitFor();
    expect(await storedCodes()).toEqual([...finished].sort());
    await context.close();
  });

  it("retries an upload whose acknowledgement was lost, and the server answers duplicate", async () => {
    await clearResponses();
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    const seen: string[] = [];
    await page.route("**/api/sync", async (route: Route) => {
      // The server stores the batch; the answer never reaches the tablet.
      const response = await route.fetch();
      seen.push(JSON.stringify(await response.json()));
      if (seen.length === 1) await route.abort("connectionreset");
      else await route.fulfill({ response });
    });
    await signIn(page, e2e.server.url, "researcher@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    const code = await startInterview(page);
    await giveConsent(page);
    await completeInterview(page);

    // The automatic retry (with backoff) sends it again; it is recognised, not stored twice.
    await page.getByRole("heading", { name: "Saved on the server" }).waitFor({ timeout: 30_000 });
    await page.getByText(/^Duplicate: the server already had it/).waitFor();
    expect(seen).toHaveLength(2);
    expect(seen[0]).toContain('"outcome":"accepted"');
    expect(seen[1]).toContain('"outcome":"duplicate"');
    expect(await storedCodes()).toEqual([code]);
    const revisions = await e2e.server.handle.db.selectFrom("response_revisions").selectAll().execute();
    expect(revisions).toEqual([]);
    await context.close();
  });

  it("keeps everything queued while the session expires offline, and uploads it after signing in again", async () => {
    await clearResponses();
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "researcher@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await waitUntilReadyOffline(page);
    await goOffline(context, page);
    // While the tablet is offline its session ends on the server (it expired, or was signed out).
    await e2e.server.handle.db.deleteFrom("sessions").execute();

    await page.reload();
    const code = await startInterview(page);
    await giveConsent(page);
    await completeInterview(page);
    await page.getByRole("heading", { name: "Saved on this tablet" }).waitFor();
    await page.getByRole("radio", { name: "OK" }).check();
    await page.getByLabel("Anything you want to note (optional)").fill("Long day, but fine.");
    await page.getByRole("button", { name: "Save my debrief" }).click();
    await page.getByText("Thank you for your debrief.").waitFor();

    await context.setOffline(false);
    await page.getByText(/^You are signed out\. Sign in again to upload/).waitFor({ timeout: 30_000 });
    expect(await storedCodes()).toEqual([]);
    await page.getByRole("button", { name: "Sign in again" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByLabel("Email", { exact: true }).fill("researcher@example.org");
    await page.getByLabel("Password", { exact: true }).fill("peer research together");
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect.poll(storedCodes, { timeout: 30_000 }).toEqual([code]);
    await expect
      .poll(async () =>
        (await e2e.server.handle.db.selectFrom("debriefs").select("notes").execute()).map((r) => r.notes),
      )
      .toEqual(["Long day, but fine."]);
    await context.close();
  });

  it("keeps interviews on a tablet whose enrolment is not recognised, says why, and sends them once it is fixed", async () => {
    await clearResponses();
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "researcher@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await page.evaluate(() =>
      window.localStorage.setItem("alongside.deviceToken", "a-token-nobody-enrolled"),
    );
    // Decision 0049: an enrolled tablet starts no interview before the server gives it its key, so it
    // says why before anything is collected, rather than after.
    await page.getByRole("button", { name: "Choose Participant interview" }).click();
    await choosePinIfAsked(page);
    await page.getByRole("heading", { name: "This tablet cannot start interviews yet", level: 1 }).waitFor();
    await page
      .getByText(/enrolment is not recognised/)
      .first()
      .waitFor();
    await page.evaluate(() => window.localStorage.removeItem("alongside.deviceToken"));
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("link", { name: "Alongside" }).click();
    const code = await startInterview(page);
    await giveConsent(page);
    await completeInterview(page);
    await page.getByRole("heading", { name: "Saved on the server" }).waitFor({ timeout: 30_000 });
    expect(await storedCodes()).toEqual([code]);
    await context.close();
  });

  it("shows another tab at once what this tab saves, offline and after the upload", async () => {
    await clearResponses();
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "researcher@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await waitUntilReadyOffline(page);
    // Each tab opens the researcher's interviews with their PIN (decision 0049): chosen in the first.
    await page.getByRole("button", { name: "Choose Participant interview" }).click();
    await choosePinIfAsked(page);
    await page.getByRole("link", { name: "Alongside" }).click();
    const other = await context.newPage();
    await other.goto(`${e2e.server.url}/fieldwork/outbox`);
    await typePin(other);
    await other.getByRole("heading", { name: "Outbox", level: 1 }).waitFor();
    // The researcher works in the first tab: bring it to the front, or Chromium throttles it as a
    // background tab and every step of the interview crawls (about 30 s more for this test).
    await page.bringToFront();
    await goOffline(context, page);

    const code = await startInterview(page);
    await giveConsent(page);
    await waitUntilSaved(page);
    const drafts = other.getByRole("region", { name: "Drafts: not finished yet" });
    await expect.poll(() => drafts.textContent(), { timeout: 10_000 }).toContain(code);

    await completeInterview(page);
    const queued = other.getByRole("region", { name: "Finished and queued" });
    await expect.poll(() => queued.textContent(), { timeout: 10_000 }).toContain(`participant ${code}`);
    expect(await queued.textContent()).toContain("Waiting to upload");
    expect(await drafts.count()).toBe(0);

    // Back online, the tablet uploads by itself; the other tab sees the receipt arrive.
    await context.setOffline(false);
    await expect.poll(() => queued.textContent(), { timeout: 30_000 }).toContain("Stored");
    expect(await storedCodes()).toEqual([code]);
    await context.close();
  });

  it("forgets who was signed in and their area's due list when they sign out, so a shared tablet does not open offline as them", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "researcher@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await waitUntilReadyOffline(page);
    const dueKept = () =>
      page.evaluate(async () => {
        const kept = await (await caches.open("alongside-fieldwork-data")).match("/api/followups/due");
        return kept !== undefined;
      });
    await page.evaluate(() => fetch("/api/followups/due").then((r) => r.text()));
    await expect.poll(dueKept).toBe(true);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    const remembered = await page.evaluate(async () =>
      (await caches.open("alongside-session")).match("/api/auth/me"),
    );
    expect(remembered).toBeUndefined();
    expect(await dueKept()).toBe(false);
    await goOffline(context, page);
    await page.goto(`${e2e.server.url}/fieldwork`);
    await page.getByRole("heading", { name: "Alongside cannot reach the server" }).waitFor();
    await context.close();
  });
});
