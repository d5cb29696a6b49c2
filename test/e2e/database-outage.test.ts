import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialect } from "../helpers/dialect.ts";
import { testDatabaseUrl } from "../helpers/test-env.ts";
import { axeViolations, type E2E, keepScreenshot, startE2E } from "./harness.ts";
import {
  completeInterview,
  giveConsent,
  goOffline,
  signIn,
  startInterview,
  TABLET,
  waitUntilReadyOffline,
} from "./offline-helpers.ts";

// Issue 21 from the tablet's side: the researcher comes back online while the server's database is
// away. The upload is answered 503 with Retry-After; the tablet keeps the interview, says it is saved
// on the tablet, tries again by itself, and once the database is back the interview is stored once.

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.addUser("peer_researcher", "northtown", "researcher@example.org");
});
afterAll(async () => {
  await databaseAway(false).catch(() => undefined);
  await e2e?.close();
});

let databaseName: string | undefined;

/**
 * Takes the server's database away and brings it back without touching any other database: on SQLite
 * the server's own connection turns read-only; on PostgreSQL this test's scratch database refuses new
 * connections and its sessions are ended (what a restart looks like to the server).
 */
async function databaseAway(away: boolean): Promise<void> {
  if (testDialect() === "sqlite") {
    await sql.raw(`PRAGMA query_only = ${away ? 1 : 0}`).execute(e2e.server.handle.db);
    return;
  }
  databaseName ??= (await sql<{ n: string }>`select current_database() as n`.execute(e2e.server.handle.db))
    .rows[0]?.n;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    const name = `"${(databaseName ?? "").replaceAll('"', '""')}"`;
    await admin.query(`ALTER DATABASE ${name} CONNECTION LIMIT ${away ? 0 : -1}`);
    if (away) {
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [databaseName],
      );
    }
  } finally {
    await admin.end();
  }
}

async function storedCodes(): Promise<string[]> {
  const rows = await e2e.server.handle.db.selectFrom("responses").select("participant_code").execute();
  return rows.map((row) => row.participant_code).sort();
}

describe("a tablet syncing while the server's database is away", () => {
  it("keeps the interview, retries by itself and stores it once when the database is back", async () => {
    const context = await e2e.browser.newContext(TABLET);
    const page = await context.newPage();
    const answers: { status: number; retryAfter: string | null }[] = [];
    page.on("response", (response) => {
      if (response.url().endsWith("/api/sync")) {
        answers.push({ status: response.status(), retryAfter: response.headers()["retry-after"] ?? null });
      }
    });
    await signIn(page, e2e.server.url, "researcher@example.org");
    await page.getByRole("heading", { name: "Choose a survey" }).waitFor();
    await waitUntilReadyOffline(page);
    await goOffline(context, page);
    const code = await startInterview(page);
    await giveConsent(page);
    await completeInterview(page);
    await page.getByRole("heading", { name: "Saved on this tablet" }).waitFor();

    await databaseAway(true);
    await context.setOffline(false);
    await expect.poll(() => answers.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(answers[0]).toEqual({ status: 503, retryAfter: "5" });
    // Still saved on the tablet, in the words the researcher sees, and nothing on the screen breaks.
    await page.getByRole("heading", { name: "Saved on this tablet" }).waitFor();
    await keepScreenshot(page, "alongside-database-away", { fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await databaseAway(false);
    // The tablet's own retry (after at least the 5 s the server asked for) stores it.
    await page.getByRole("heading", { name: "Saved on the server" }).waitFor({ timeout: 45_000 });
    expect(answers.at(-1)?.status).toBe(200);
    expect(await storedCodes()).toEqual([code]);
    await context.close();
  });
});
