/**
 * Measures (never asserts) `GET /api/progress` over synthetic fieldwork: N participants across ten
 * areas with a baseline each, a third of them with a first follow-up, and a three-wave schedule.
 * Prints the median of seven requests for an administrator (every area) and for one area's
 * coordinator. Run: `npx tsx scripts/bench-progress.ts [participants]` (default 20,000).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../server/app.ts";
import { createSession } from "../server/auth/sessions.repository.ts";
import { openSqlite } from "../server/db/connect.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { ValidatorCache } from "../server/fieldwork/validator-cache.ts";
import { insertUser } from "../server/users/users.repository.ts";
import { generateParticipantCode } from "../shared/contract/participant-code.ts";

const participants = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), "alongside-bench-progress-"));
const handle = openSqlite(join(dir, "bench.sqlite"));
const db = handle.db;
const now = new Date("2026-11-26T10:00:00.000Z");
const at = now.toISOString();

await migrateToLatest(db);
const areas = Array.from({ length: 10 }, (_, i) => `area-${i}`);
await db
  .insertInto("areas")
  .values(areas.map((id) => ({ id, name: id, region: "Bench", created_at: at })))
  .execute();
await db
  .insertInto("surveys")
  .values({ id: "bench", title: "Bench", description: "", created_at: at })
  .execute();
await db
  .insertInto("survey_versions")
  .values({
    survey_id: "bench",
    version: 1,
    title: "Bench",
    definition: "{}",
    fields: "[]",
    published_at: at,
  })
  .execute();
await db
  .insertInto("follow_up_schedules")
  .values({
    survey_id: "bench",
    offsets_days: "[90,180,365]",
    grace_days: 14,
    updated_at: at,
    updated_by: null,
  })
  .execute();
const admin = await insertUser(
  db,
  { email: "admin@bench", displayName: "A", role: "admin", areaId: null, passwordHash: null },
  now,
);
const coordinator = await insertUser(
  db,
  { email: "coordinator@bench", displayName: "C", role: "coordinator", areaId: "area-0", passwordHash: null },
  now,
);

const rows = [];
for (let i = 0; i < participants; i++) {
  const code = generateParticipantCode((a) => crypto.getRandomValues(a));
  const baseline = now.getTime() - (i % 400) * 86_400_000;
  for (const wave of i % 3 === 0 ? [0, 1] : [0]) {
    const completed = new Date(baseline + wave * 90 * 86_400_000).toISOString();
    rows.push({
      id: randomUUID(),
      survey_id: "bench",
      survey_version: 1,
      participant_code: code,
      wave,
      area_id: areas[i % areas.length] as string,
      administration_mode: "read_aloud",
      started_at: completed,
      completed_at: completed,
      received_at: at,
      submitted_by: admin.id,
      device_id: null,
      data: "{}",
      content_hash: "bench",
      review_status: "received",
      issues: "[]",
    });
  }
}
for (let i = 0; i < rows.length; i += 500)
  await db
    .insertInto("responses")
    .values(rows.slice(i, i + 500))
    .execute();

const app = createApp({
  db,
  config: {
    port: 0,
    host: "127.0.0.1",
    dataDir: dir,
    databaseUrl: undefined,
    publicUrl: "http://localhost",
    secureCookies: false,
    sessionHours: 1,
    logRequests: false,
  },
  now: () => now,
  validators: new ValidatorCache(),
});
for (const [label, userId] of [
  ["administrator, every area", admin.id],
  ["coordinator, one area", coordinator.id],
] as const) {
  const { token } = await createSession(db, userId, now, 1);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    const res = await app.request("/api/progress", { headers: { cookie: `alongside_session=${token}` } });
    await res.text();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `GET /api/progress, ${label}: median ${times[3]?.toFixed(0)} ms over ${rows.length} interviews`,
  );
}
await handle.close();
rmSync(dir, { recursive: true, force: true });
