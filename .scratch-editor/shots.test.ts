import { afterAll, beforeAll, it } from "vitest";
import { E2E_PASSWORD, type E2E, startE2E } from "../test/e2e/harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("expert", null, "ayesha@example.org");
});
afterAll(async () => {
  await e2e?.close();
});

it("shots", async () => {
  for (const [w, h, name] of [[1920, 1200, "wide"], [1280, 900, "laptop"]] as const) {
    const context = await e2e.browser.newContext({ viewport: { width: w, height: h } });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email", { exact: true }).fill("ayesha@example.org");
    await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/editor");
    await page.screenshot({ path: `/tmp/editor-home-${name}.png`, fullPage: true });
    await page.goto(`${e2e.server.url}/editor/participant-interview`);
    await page.locator(".qlist__select").nth(1).click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/editor-${name}.png`, fullPage: false });
    await page.screenshot({ path: `/tmp/editor-${name}-full.png`, fullPage: true });
    await context.close();
  }
}, 120000);
