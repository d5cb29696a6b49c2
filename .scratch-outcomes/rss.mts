const a = process.memoryUsage().rss;
await import("../server/app.ts");
const b = process.memoryUsage().rss;
globalThis.gc?.();
console.log("start", (a/1e6).toFixed(0), "after app import", (b/1e6).toFixed(0), "maxRSS", (process.resourceUsage().maxRSS/1e3).toFixed(0));
