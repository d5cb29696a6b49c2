import { afterEach, describe, expect, it } from "vitest";
import { CopyError, copySqliteToPostgres, verifyCopy } from "../../scripts/sqlite-to-postgres.ts";
import { createApp } from "../../server/app.ts";
import { openPostgres } from "../../server/db/connect.ts";
import { ValidatorCache } from "../../server/fieldwork/validator-cache.ts";
import type { SyncResponse } from "../../shared/contract/sync.ts";
import { createScratchDatabase, type ScratchDatabase } from "../helpers/postgres.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, NOW, TEST_PASSWORD, type TestContext, testConfig } from "../helpers/test-app.ts";
import { testDatabaseUrl } from "../helpers/test-env.ts";

// `npm run copy-to-postgres`: an SQLite deployment moved into PostgreSQL whole, checked by per-table
// counts and checksums, and usable by the server afterwards.
const serverUrl = testDatabaseUrl();

describe.runIf(serverUrl)("copying an SQLite deployment into PostgreSQL", () => {
  let t: TestContext | undefined;
  let target: ScratchDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    await target?.drop();
  });

  /** A deployment with sign-ins, accepted, flagged and revised interviews, awkward text and the audit trail. */
  async function deployment(): Promise<TestContext & { sqliteFile: string }> {
    t = await createTestContext();
    const researcher = await t.signIn("peer_researcher", "north");
    const stored = syncItem();
    const items = [
      stored,
      syncItem({
        data: { consent: true, say_in_support: 3, anything_else: "Ça va — «bien» 👍\n'quoted' \"twice\"" },
      }),
      syncItem({ data: { consent: true, accommodation: "castle", say_in_support: 9 } }),
      ...Array.from({ length: 40 }, () => syncItem()),
    ];
    for (const body of [{ items }, { items: [{ ...stored, data: { ...stored.data, say_in_support: 1 } }] }]) {
      const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: body });
      expect(res.status).toBe(200);
    }
    const file = t.sqliteFile;
    if (!file) throw new Error("this test needs the SQLite dialect");
    return Object.assign(t, { sqliteFile: file });
  }

  it("copies every table with the same counts and checksums, and the server works on the copy", async () => {
    const source = await deployment();
    target = await createScratchDatabase(serverUrl ?? "", { label: "copy" });
    const lines: string[] = [];
    const reports = await copySqliteToPostgres(source.sqliteFile, target.url, (line) => lines.push(line));

    const byTable = new Map(reports.map((r) => [r.table, r]));
    for (const table of [
      "users",
      "sessions",
      "responses",
      "response_revisions",
      "audit_log",
      "survey_versions",
    ]) {
      expect(byTable.get(table)?.sqliteRows, table).toBeGreaterThan(0);
    }
    expect(reports.filter((r) => !r.matches)).toEqual([]);
    expect(byTable.get("responses")?.postgresRows).toBe(43);
    expect(byTable.get("response_revisions")?.postgresRows).toBe(1);

    // The same app on the copy: the old session cookie, the password and the answers all carried over.
    const copy = openPostgres(target.url, 2);
    try {
      const app = createApp({
        db: copy.db,
        config: testConfig,
        now: () => NOW,
        validators: new ValidatorCache(),
      });
      const login = await app.request("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "peer_researcher1@example.org", password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
      const again = await app.request("/api/sync", {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ items: [syncItem()] }),
      });
      expect(((await again.json()) as SyncResponse).results[0]?.outcome).toBe("accepted");
      const text = await copy.db
        .selectFrom("responses")
        .select("data")
        .where("data", "like", "%bien%")
        .executeTakeFirstOrThrow();
      expect(JSON.parse(text.data).anything_else).toBe("Ça va — «bien» 👍\n'quoted' \"twice\"");
    } finally {
      await copy.close();
    }
  });

  it("refuses a database that already holds Alongside, and notices a copy that no longer matches", async () => {
    const source = await deployment();
    target = await createScratchDatabase(serverUrl ?? "", { label: "copy" });
    await copySqliteToPostgres(source.sqliteFile, target.url);
    await expect(copySqliteToPostgres(source.sqliteFile, target.url)).rejects.toBeInstanceOf(CopyError);

    const copy = openPostgres(target.url, 1);
    try {
      await copy.db
        .updateTable("responses")
        .set({ review_status: "approved" })
        .where("revisions", "=", 2)
        .execute();
    } finally {
      await copy.close();
    }
    const reports = await verifyCopy(source.sqliteFile, target.url);
    expect(reports.filter((r) => !r.matches).map((r) => r.table)).toEqual(["responses"]);
  });
});
