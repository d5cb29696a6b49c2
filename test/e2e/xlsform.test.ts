import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSetting } from "../helpers/test-env.ts";
import { xlsxOf } from "../helpers/xlsform.ts";
import { everyRowType } from "../shared/xlsform/corpus.ts";
import { axeViolations, type E2E, E2E_PASSWORD, startE2E } from "./harness.ts";

/**
 * An expert brings in an ODK form from the editor's survey list, reads what came across, and opens the
 * new draft. Screenshots of the report at laptop and tablet size go to $XLSFORM_SHOTS (if set) for a
 * person to read.
 */
let e2e: E2E;
let file: string;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("expert", null, "expert@example.org");
  const dir = join(tmpdir(), `xlsform-e2e-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  file = join(dir, "community-support.xlsx");
  writeFileSync(file, await xlsxOf(everyRowType));
});
afterAll(async () => {
  await e2e?.close();
});

async function signIn(viewport: { width: number; height: number }): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${e2e.server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill("expert@example.org");
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  return page;
}

describe("bringing in an XLSForm from the editor", () => {
  it.each([
    { size: "laptop", viewport: { width: 1440, height: 900 }, id: "community-laptop" },
    { size: "tablet", viewport: { width: 1180, height: 820 }, id: "community-tablet" },
  ])("shows the report in plain words and opens the draft ($size)", async ({ size, viewport, id }) => {
    const page = await signIn(viewport);
    await page.goto(`${e2e.server.url}/editor`);
    await page.getByLabel("Spreadsheet (.xlsx)").setInputFiles(file);
    await page.getByLabel("Short name (optional)").fill(id);
    await page.getByRole("button", { name: "Bring in the form" }).click();
    const status = page.getByRole("status").filter({ hasText: "is ready as a draft" });
    await status.waitFor();
    await expect(status.textContent()).resolves.toMatch(/rows came across/);
    await expect(status.textContent()).resolves.toMatch(/Sheet “survey”, row 36 \(where\)/);
    const button = page.getByRole("link", { name: "Open the draft" });
    const box = await button.boundingBox();
    expect(box && box.height >= 44 && box.width >= 44).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const shots = testSetting("XLSFORM_SHOTS");
    if (shots) {
      await status.scrollIntoViewIfNeeded();
      await page.getByRole("heading", { name: /is ready as a draft/ }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `xlsform-import-${size}.png`) });
      await page.screenshot({ path: join(shots, `xlsform-import-${size}-full.png`), fullPage: true });
    }
    await button.click();
    await page.waitForURL((url) => url.pathname === `/editor/${id}`);
    await page.getByText("What shall we call you?").first().waitFor();
    await page.context().close();
  });

  it("downloads a published version as XLSForm and says what it leaves out", async () => {
    const page = await signIn({ width: 1440, height: 900 });
    await page.goto(`${e2e.server.url}/editor/participant-interview`);
    await page.getByRole("button", { name: "History" }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "As XLSForm (.xlsx)" }).first().click();
    expect((await download).suggestedFilename()).toBe("participant-interview-1.xlsx");
    await page.getByRole("button", { name: "What XLSForm leaves out" }).first().click();
    const report = page
      .getByRole("status")
      .filter({ hasText: /leaves out|fits in XLSForm|:/ })
      .first();
    await report.locator("li, p").first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const shots = testSetting("XLSFORM_SHOTS");
    if (shots) await page.screenshot({ path: join(shots, "xlsform-export-laptop-full.png"), fullPage: true });
    await page.context().close();
  });

  it("says plainly when the file is not a spreadsheet", async () => {
    const page = await signIn({ width: 1440, height: 900 });
    await page.goto(`${e2e.server.url}/editor`);
    await page.getByLabel("Spreadsheet (.xlsx)").setInputFiles({
      name: "notes.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from("just some text"),
    });
    await page.getByRole("button", { name: "Bring in the form" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "not brought in" });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/not an Excel workbook/);
    await page.context().close();
  });
});
