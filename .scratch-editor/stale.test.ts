import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axeViolations, E2E_PASSWORD, type E2E, startE2E } from "../test/e2e/harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("expert", null, "a@example.org");
  await e2e.addUser("expert", null, "b@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

async function signIn(email: string): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(email, e));
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/editor");
  return page;
}

it("stale + merge + data names", async () => {
  const a = await signIn("a@example.org");
  const b = await signIn("b@example.org");
  for (const p of [a, b]) await p.goto(`${e2e.server.url}/editor/expert-involvement`);
  await a.locator(".qlist__select").nth(1).click();
  await a.getByLabel("Question wording").fill("A's wording for this question here");
  await b.locator(".qlist__select").nth(2).click();
  await b.getByLabel("Question wording").fill("B's wording for another question");
  await b.getByRole("button", { name: "Save draft" }).click();
  await b.getByText(/Saved revision 1/).waitFor();
  await a.getByRole("button", { name: "Save draft" }).click();
  await a.getByText(/saved this draft while you were editing/).waitFor();
  await a.screenshot({ path: "/tmp/stale.png" });
  const v = await axeViolations(a);
  expect(v).toEqual([]);
  await a.getByRole("button", { name: "Save the merged draft" }).click();
  await a.getByText(/Saved revision 2/).waitFor();
  const titles = await a.locator(".qlist__title").allTextContents();
  expect(titles).toContain("A's wording for this question here");
  expect(titles).toContain("B's wording for another question");

  // rename a published data name
  await a.locator(".qlist__select").nth(1).click();
  await a.getByLabel("Data name").fill("renamed_thing");
  await a.getByRole("button", { name: "Save draft" }).click();
  await a.getByText("Confirm changes to published data names").waitFor();
  await a.screenshot({ path: "/tmp/names.png" });
  expect(await axeViolations(a)).toEqual([]);
  await a.locator(".alert input[type=checkbox]").first().check();
  await a.getByRole("button", { name: "Confirm and save" }).click();
  await a.getByText(/Saved revision 3/).waitFor();

  // import tab with errors
  await a.getByRole("button", { name: "Import and export" }).click();
  await a.getByLabel("Or paste the JSON").fill(JSON.stringify({ pages: [{ name: "p", elements: [{ type: "comment", name: "c", colour: "red" }, { type: "nope", name: "n" }] }] }));
  await a.getByRole("button", { name: "Check this JSON" }).click();
  await a.getByText("What the check found").waitFor();
  await a.screenshot({ path: "/tmp/import.png", fullPage: true });
  expect(await axeViolations(a)).toEqual([]);
  await a.getByRole("button", { name: "Import without these parts" }).click();
  await a.waitForTimeout(1500);
  await a.screenshot({ path: "/tmp/import2.png", fullPage: false });
  await a.getByText("Confirm changes to published data names").waitFor();
  for (const box of await a.locator(".alert input[type=checkbox]").all()) await box.check();
  await a.getByRole("button", { name: "Confirm and save" }).click();
  await a.getByText(/Saved revision 4/).waitFor();
  await a.getByRole("button", { name: /^Review and publish/ }).click();
  await a.screenshot({ path: "/tmp/review.png", fullPage: true });
  expect(await axeViolations(a)).toEqual([]);
}, 120000);
