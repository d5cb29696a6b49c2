import { startE2E, E2E_PASSWORD } from "../test/e2e/harness.ts";
const e2e = await startE2E();
await e2e.addUser("peer_researcher", "northtown", "r@example.org");
const ctx = await e2e.browser.newContext({ viewport: { width: 800, height: 1280 } });
const page = await ctx.newPage();
page.on("console", (m) => console.log("console:", m.type(), m.text()));
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto(`${e2e.server.url}/login`);
await page.getByLabel("Email", { exact: true }).fill("r@example.org");
await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
await page.evaluate(() => navigator.serviceWorker.ready);
for (let i = 0; i < 50; i++) {
  const n = await page.evaluate(async () => (await (await caches.open("alongside-survey-versions")).keys()).length);
  if (n > 0) { console.log("versions cached", n, "after", i); break; }
  await page.waitForTimeout(200);
}
console.log("controller", await page.evaluate(() => !!navigator.serviceWorker.controller));
console.log(await page.evaluate(async () => Promise.all((await caches.keys()).map(async (k) => [k, (await (await caches.open(k)).keys()).map((r) => r.url).filter(u => u.includes("/api/"))]))));
await ctx.setOffline(true);
const t0 = Date.now();
const r = await page.evaluate(async () => { const res = await fetch("/api/surveys"); return [res.status, res.headers.get("date")]; });
console.log("offline fetch via SW", r, Date.now() - t0, "ms");
await page.reload();
await page.getByRole("heading", { name: "Choose a survey" }).waitFor({ timeout: 15000 });
console.log("reloaded offline OK; text:", (await page.locator("main").innerText()).slice(0, 300));
await ctx.close();
await e2e.close();
