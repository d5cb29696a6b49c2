import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSetting } from "../helpers/test-env.ts";
import { axeViolations, type E2E, startE2E } from "./harness.ts";
import {
  completeInterview,
  giveConsent,
  signIn,
  startInterview,
  unlockIfAsked,
  usePin,
  waitUntilSaved,
} from "./offline-helpers.ts";

// Each researcher's space on a shared tablet (issue 17, decision 0035): two researchers on one browser
// profile see only their own drafts, both finished interviews upload, five wrong PINs lock, and a
// draft is not in any IndexedDB database in plain.

const TABLET = { viewport: { width: 1180, height: 820 }, hasTouch: true } as const;
const SHOTS = testSetting("ALONGSIDE_SCREENSHOTS");

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "sam@example.org");
  await e2e.addUser("peer_researcher", "northtown", "alex@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

/** Every value in every IndexedDB database of the page, strings and bytes decoded as UTF-8, as one text. */
const everythingStored = () => `(async () => {
  const texts = [];
  const walk = (value) => {
    if (value === null || value === undefined) return;
    if (typeof value === "string") return void texts.push(value);
    if (value instanceof ArrayBuffer) return void texts.push(new TextDecoder().decode(value));
    if (ArrayBuffer.isView(value)) return void texts.push(new TextDecoder().decode(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)));
    if (typeof value === "object") for (const [k, v] of Object.entries(value)) { texts.push(k); walk(v); }
    else texts.push(String(value));
  };
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of db.objectStoreNames) {
      const all = await new Promise((resolve, reject) => {
        const get = db.transaction(store).objectStore(store).getAll();
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      });
      walk(all);
    }
    db.close();
  }
  return texts.join("\\n");
})()`;

const outboxStates = () => `(async () => {
  const db = await new Promise((resolve) => { const o = indexedDB.open("alongside-fieldwork"); o.onsuccess = () => resolve(o.result); });
  const all = await new Promise((resolve) => { const g = db.transaction("outbox").objectStore("outbox").getAll(); g.onsuccess = () => resolve(g.result); });
  db.close();
  return all.map((r) => r.state).sort();
})()`;

async function signOut(page: import("playwright-core").Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByLabel("Email", { exact: true }).waitFor();
}

describe("researchers sharing a tablet", () => {
  it("each see only their own drafts, a draft is nowhere in plain, and both finished interviews upload", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();

    await signIn(page, e2e.server.url, "sam@example.org");
    await page.getByRole("heading", { name: "Lock your interviews with a PIN" }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/pin-choose.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await usePin(page, "482913");
    // Sam: one interview finished, one left as a draft.
    await startInterview(page);
    await giveConsent(page);
    await completeInterview(page);
    await page.goto(`${e2e.server.url}/fieldwork`);
    await usePin(page, "482913");
    const samsCode = await startInterview(page);
    await giveConsent(page);
    await waitUntilSaved(page);

    // No silent plaintext: the draft's participant code is in no database, in no form.
    const stored = (await page.evaluate(everythingStored())) as string;
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).not.toContain(samsCode);

    await page.goto(`${e2e.server.url}/fieldwork`);
    await usePin(page, "482913");
    await page.getByText(samsCode).first().waitFor();
    await signOut(page);

    // Alex on the same browser profile: none of Sam's drafts.
    await signIn(page, e2e.server.url, "alex@example.org");
    await usePin(page, "615243");
    expect(await page.getByText(samsCode).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Interviews in progress" }).count()).toBe(0);
    await page.goto(`${e2e.server.url}/fieldwork/outbox`);
    await unlockIfAsked(page, "615243", page.getByRole("heading", { name: "Outbox", level: 1 }));
    expect(await page.getByText(samsCode).count()).toBe(0);
    await page.goto(`${e2e.server.url}/fieldwork`);
    await usePin(page, "615243");
    await startInterview(page);
    await giveConsent(page);
    await completeInterview(page);

    // Both finished interviews reach the server (the tablet keeps only their receipts).
    await expect.poll(() => page.evaluate(outboxStates()), { timeout: 30_000 }).toEqual(["stored", "stored"]);
    await context.close();
  });

  it("after five wrong PINs says plainly that the researcher must sign in online", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    await signIn(page, e2e.server.url, "sam@example.org");
    await usePin(page, "482913");
    await page.reload();
    await page.getByRole("heading", { name: "Type your PIN" }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/pin-unlock.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    for (let i = 1; i <= 4; i++) {
      await page.getByLabel("PIN", { exact: true }).fill("000000");
      await page.getByRole("button", { name: "Open my interviews" }).click();
      await page.getByText(`You can try ${5 - i} more`).waitFor();
    }
    await page.getByLabel("PIN", { exact: true }).fill("000000");
    await page.getByRole("button", { name: "Open my interviews" }).click();
    await page.getByRole("heading", { name: "Your interviews are locked" }).waitFor();
    await page.getByText("choose a new PIN to open them again").waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/pin-locked-out.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    // The right PIN no longer opens it: the form is gone.
    expect(await page.getByLabel("PIN", { exact: true }).count()).toBe(0);
    // A new PIN needs the key Alongside gives an enrolled tablet: this browser is not one, so it says so.
    await page.getByLabel("New PIN").fill("135790");
    await page.getByLabel("Type the PIN again").fill("135790");
    await page.getByRole("button", { name: "Open with the new PIN" }).click();
    await page
      .getByRole("alert")
      .getByText(/Ask your coordinator for help/)
      .waitFor();
    await page.getByRole("heading", { name: "Your interviews are locked" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
