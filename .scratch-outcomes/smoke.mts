import { openPostgres, openSqlite } from "/work/main/server/db/connect.ts";
import { migrateToLatest } from "/work/main/server/db/migrate.ts";
import { seedTestDatabase } from "/work/main/test/helpers/test-database.ts";
import { syncBatch } from "/work/main/server/fieldwork/sync.service.ts";
import { ValidatorCache } from "/work/main/server/fieldwork/validator-cache.ts";
import { processRefreshQueue } from "/work/main/server/outcomes/indicator-store.ts";
import { insertUser } from "/work/main/server/users/users.repository.ts";
import { syncItem } from "/work/main/test/helpers/sync-items.ts";
import { sql } from "kysely";
import pg from "pg";

async function run(kind: string) {
  let handle;
  if (kind === "pg") {
    const admin = new pg.Client({ connectionString: "postgres://alongside:alongside@127.0.0.1:54377/alongside" });
    await admin.connect(); await admin.query("DROP DATABASE IF EXISTS smoke"); await admin.query("CREATE DATABASE smoke"); await admin.end();
    handle = openPostgres("postgres://alongside:alongside@127.0.0.1:54377/smoke");
  } else handle = openSqlite(":memory:");
  const db = handle.db;
  await migrateToLatest(db);
  await seedTestDatabase(db);
  const u = await insertUser(db, { email: "a@b.c", displayName: "A", role: "admin", areaId: null, passwordHash: null }, new Date());
  const user = { id: u.id, email: "a@b.c", displayName: "A", role: "admin" as const, areaId: null };
  const code = "ABCD-EFGH";
  const a = syncItem({ wave: 0, data: { consent: true, say_in_support: 2 } });
  const b = syncItem({ wave: 1, participantCode: a.participantCode, data: { consent: true, say_in_support: 5 } });
  const c = syncItem({ wave: 0, data: { consent: true, say_in_support: 3 } });
  const res = await syncBatch({ db, validators: new ValidatorCache(), user, now: new Date() }, { items: [a, b, c] });
  console.log(kind, res.map(r => r.outcome));
  const cells = async () => (await db.selectFrom("indicator_cells").select(["question", "wave", "value", "n"]).where("n", ">", 0).orderBy("question").orderBy("wave").orderBy("value").execute()).map(r => `${r.question||"(interview)"}@${r.wave}=${Number(r.value)}:${Number(r.n)}`).join(" ");
  const pairs = async () => (await db.selectFrom("indicator_pair_cells").select(["question","from_wave","to_wave","before_value","after_value","n"]).where("n",">",0).execute()).map(r => `${r.question||"(interview)"} ${r.from_wave}->${r.to_wave} ${Number(r.before_value)}->${Number(r.after_value)}:${Number(r.n)}`).join(" ");
  console.log(" cells", await cells()); console.log(" pairs", await pairs());
  await db.updateTable("responses").set({ review_status: "rejected" }).where("id", "=", a.id).execute();
  await db.updateTable("responses").set((eb) => ({ review_status: eb.ref("review_status") })).where("id", "=", c.id).execute();
  console.log(" queue", (await db.selectFrom("indicator_refresh").selectAll().execute()).length);
  console.log(" refreshed", await processRefreshQueue(db));
  console.log(" cells", await cells()); console.log(" pairs", await pairs());
  await db.deleteFrom("response_revisions").execute();
  await db.deleteFrom("responses").where("id", "=", c.id).execute();
  console.log(" after delete c:", await cells());
  await handle.close();
}
await run("sqlite"); await run("pg");
