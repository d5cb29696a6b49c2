import { openSqlite } from "../server/db/connect.ts";
import { outcomePage } from "../server/outcomes/outcome-page.service.ts";
const h = openSqlite("/tmp/alongside-bench-dashboard-vwmf93/bench.sqlite");
const O = "outcome-areas-see-better-outcomes";
const user = { id: "x", email: "x", displayName: "x", role: "evaluator", areaId: null } as any;
for (let i = 0; i < 6; i++) { const s = performance.now(); await outcomePage({ db: h.db, user, k: 5 }, O, {}); console.log((performance.now()-s).toFixed(0), "ms", (process.memoryUsage().rss/1e6).toFixed(0), "MB heap", (process.memoryUsage().heapUsed/1e6).toFixed(0)); }
await h.close();
