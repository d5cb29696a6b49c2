const m = (l: string) => { const u = process.memoryUsage(); console.log(l.padEnd(14), "rss", (u.rss/1e6).toFixed(0), "heapTotal", (u.heapTotal/1e6).toFixed(0), "heapUsed", (u.heapUsed/1e6).toFixed(0), "ext", (u.external/1e6).toFixed(0)); };
m("start");
await import("kysely"); m("kysely");
await import("better-sqlite3"); m("better-sqlite3");
await import("../server/app.ts"); m("app");
(globalThis as any).gc?.(); m("gc");
