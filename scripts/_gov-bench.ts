// Scratch: export throughput and memory on a large data set. Not committed.
import { readFileSync, rmSync } from "node:fs";
import { createApp } from "../server/app.ts";
import { hashPassword } from "../server/auth/password.ts";
import { openPostgres, openSqlite } from "../server/db/connect.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { ValidatorCache } from "../server/fieldwork/validator-cache.ts";
import { publishVersion } from "../server/surveys/surveys.repository.ts";
import { insertUser } from "../server/users/users.repository.ts";
import { generateParticipantCode } from "../shared/participant/code.ts";
import { surveyFields } from "../shared/survey/fields.ts";
import { createSurveyModel } from "../shared/survey/model.ts";
import { sql } from "kysely";

const N = Number(process.argv[2] ?? 50000);
const pg = process.argv[3];
rmSync("/tmp/gov/bench.sqlite", { force: true });
const handle = pg ? openPostgres(pg) : openSqlite("/tmp/gov/bench.sqlite");
const { db } = handle;
if (pg) { await sql`drop schema public cascade`.execute(db); await sql`create schema public`.execute(db); }
await migrateToLatest(db);
const now = new Date("2026-11-26T10:00:00Z");
await db.insertInto("areas").values([{ id: "north", name: "Northtown", region: "NE", created_at: now.toISOString() }]).execute();
const def = JSON.parse(readFileSync("test/fixtures/surveys/wellbeing-check.json", "utf8"));
await publishVersion(db, { id: "wellbeing-check", title: "Wellbeing check", description: "", definition: def, fields: surveyFields(createSurveyModel(def)) }, now);
const user = await insertUser(db, { email: "a@x.org", displayName: "Admin", role: "admin", areaId: null, passwordHash: await hashPassword("correct horse battery staple") }, now);
const t0 = performance.now();
for (let i = 0; i < N; i += 1000) {
  const rows = Array.from({ length: Math.min(1000, N - i) }, (_, k) => {
    const n = i + k; const id = crypto.randomUUID();
    return { id, survey_id: "wellbeing-check", survey_version: 1, participant_code: generateParticipantCode((a) => crypto.getRandomValues(a)), wave: n % 3, area_id: "north", administration_mode: "read_aloud", started_at: "2026-11-26T09:30:00.000Z", completed_at: "2026-11-26T09:52:00.000Z", received_at: new Date(now.getTime() - n * 1000).toISOString(), submitted_by: user.id, device_id: null,
      data: JSON.stringify({ consent: true, accommodation: "hostel", say_in_support: (n % 5) + 1, visits: n % 90, last_contact: "2026-11-20", services: ["gp", "drop_in"], anything_else: `Answer ${n}, with "quotes", a comma\nand a newline. Zoë’s café.` }),
      content_hash: id, review_status: "received", issues: "[]" };
  });
  await db.insertInto("responses").values(rows).execute();
}
console.log(`seeded ${N} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const app = createApp({ db, config: { publicUrl: "http://localhost", secureCookies: false, sessionHours: 1 } as never, now: () => now, validators: new ValidatorCache() });
const login = await app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "a@x.org", password: "correct horse battery staple" }) });
const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
for (const file of ["responses-wide.csv", "responses-long.csv", "responses.json", "datapackage.zip"]) {
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss; let peakHeap = base.heapUsed;
  const start = performance.now();
  const res = await app.request(`/api/exports/wellbeing-check/${file}`, { headers: { cookie } });
  let firstByte = 0; let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!firstByte) firstByte = performance.now() - start;
    bytes += value.length;
    const m = process.memoryUsage(); peakRss = Math.max(peakRss, m.rss); peakHeap = Math.max(peakHeap, m.heapUsed);
  }
  const ms = performance.now() - start;
  console.log(`${file}: ${(bytes / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s (${Math.round(N / (ms / 1000))} responses/s), first byte ${firstByte.toFixed(0)} ms, peak heap +${((peakHeap - base.heapUsed) / 1e6).toFixed(0)} MB, peak rss +${((peakRss - base.rss) / 1e6).toFixed(0)} MB`);
}
await handle.close();
