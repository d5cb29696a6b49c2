// Scratch: writes a seeded export to /tmp/gov for checking with R and pandas. Not committed.
import { writeFileSync } from "node:fs";
import { createApp } from "../server/app.ts";
import { hashPassword } from "../server/auth/password.ts";
import { openSqlite } from "../server/db/connect.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { ValidatorCache } from "../server/fieldwork/validator-cache.ts";
import { publishVersion } from "../server/surveys/surveys.repository.ts";
import { insertUser } from "../server/users/users.repository.ts";
import { surveyFields } from "../shared/survey/fields.ts";
import { createSurveyModel } from "../shared/survey/model.ts";
import { readFileSync, rmSync } from "node:fs";
import { generateParticipantCode } from "../shared/participant/code.ts";

rmSync("/tmp/gov/db.sqlite", { force: true });
const { db } = openSqlite("/tmp/gov/db.sqlite");
await migrateToLatest(db);
const now = new Date("2026-11-26T10:00:00Z");
await db.insertInto("areas").values([{ id: "north", name: "Northtown", region: "NE", created_at: now.toISOString() }]).execute();
const def = JSON.parse(readFileSync("test/fixtures/surveys/wellbeing-check.json", "utf8"));
await publishVersion(db, { id: "wellbeing-check", title: "Wellbeing check", description: "", definition: def, fields: surveyFields(createSurveyModel(def)) }, now);
await insertUser(db, { email: "a@x.org", displayName: "Admin", role: "admin", areaId: null, passwordHash: await hashPassword("correct horse battery staple") }, now);
const app = createApp({ db, config: { port: 0, host: "", dataDir: "", databaseUrl: undefined, publicUrl: "http://localhost", secureCookies: false, sessionHours: 1, logRequests: false } as never, now: () => now, validators: new ValidatorCache() });
const login = await app.request("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "a@x.org", password: "correct horse battery staple" }) });
const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
const texts = ['He said "no, not today",\nthen left.\r\nNext day: fine, thanks', "Zoë’s café ☕ — 😀 مرحبا 日本語", "NA", "  spaces  ", "=HYPERLINK(\"x\")", "back\\slash #hash 'single'", ""];
const items = Array.from({ length: Number(process.argv[2] ?? 20) }, (_, n) => ({
  id: crypto.randomUUID(), surveyId: "wellbeing-check", surveyVersion: 1,
  participantCode: generateParticipantCode((a) => crypto.getRandomValues(a)), wave: n % 2, areaId: "north",
  startedAt: "2026-11-26T09:30:00.000Z", completedAt: "2026-11-26T09:52:00.000Z", administrationMode: "read_aloud",
  data: n % 7 === 3 ? { consent: true, accommodation: "castle", say_in_support: 9, visits: "lots", last_contact: "2026-02-30" } :
    { consent: n % 5 !== 0, accommodation: ["own", "hostel", "street"][n % 3], say_in_support: (n % 5) + 1, visits: n, last_contact: "2026-11-20", services: n % 2 ? ["gp", "drop_in"] : ["none"], anything_else: texts[n % texts.length] },
}));
for (let i = 0; i < items.length; i += 100) {
  const r = await app.request("/api/sync", { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ items: items.slice(i, i + 100) }) });
  if (r.status !== 200) throw new Error(await r.text());
}
for (const file of ["responses-wide.csv", "responses-long.csv", "codebook.csv", "responses.json", "datapackage.zip"]) {
  const t0 = performance.now();
  const res = await app.request(`/api/exports/wellbeing-check/${file}`, { headers: { cookie } });
  const buf = Buffer.from(await res.arrayBuffer());
  writeFileSync(`/tmp/gov/${file}`, buf);
  console.log(file, res.status, buf.length, "bytes", (performance.now() - t0).toFixed(0), "ms");
}
