import { chromium } from "playwright-core";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const p = await b.newPage({ viewport: { width: 1280, height: 1800 } });
const { readFileSync } = await import("node:fs");
const img = readFileSync("/tmp/shot-outcome.png").toString("base64");
await p.setContent(`<body style="margin:0"><img id=i src="data:image/png;base64,${img}"></body>`);
const h = await p.evaluate(() => document.getElementById("i").naturalHeight);
console.log("height", h);
for (const [i, y] of [[1, 1300], [2, 3100], [3, 4900]]) {
  await p.evaluate((y) => window.scrollTo(0, y), y);
  await p.screenshot({ path: `/tmp/o${i}.png` });
}
await b.close();
