import { openSqlite } from "../server/db/connect.ts";
import { exportPages } from "../server/exports/exports.repository.ts";
import { wideCsv } from "../server/exports/writers.ts";
import { buildPlan } from "../server/exports/export-plan.ts";
import { surveyVersions } from "../server/exports/exports.repository.ts";
const { db } = openSqlite("/tmp/gov/bench.sqlite");
const filter = { surveyId: "wellbeing-check", scopeAreaId: null, status: "all" as const, areaId: undefined, wave: undefined, receivedUpTo: "2027-01-01" };
let t = performance.now(); let n = 0; let pages = 0;
for await (const page of exportPages(db, filter)) { n += page.length; pages++; }
console.log("pages only", n, pages, (performance.now() - t).toFixed(0), "ms");
const survey = await surveyVersions(db, "wellbeing-check");
const plan = buildPlan({ id: "wellbeing-check", ...survey! }, false);
t = performance.now(); let bytes = 0;
for await (const s of wideCsv(plan, exportPages(db, filter))) bytes += s.length;
console.log("wide", bytes, (performance.now() - t).toFixed(0), "ms");
