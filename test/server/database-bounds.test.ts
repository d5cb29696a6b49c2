import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { classifyDatabaseError } from "../../server/db/availability.ts";
import { openPostgres, serviceTimeouts } from "../../server/db/connect.ts";
import { testDatabaseUrl } from "../helpers/test-env.ts";

// Issue 21 (decision 0028): every wait on PostgreSQL is bounded per connection. Runs in the
// integration-pg project only (see vitest.config.ts).

describe("PostgreSQL connection bounds", () => {
  const url = testDatabaseUrl() ?? "";

  it("sets the statement, lock and idle-in-transaction timeouts on every pooled connection", async () => {
    const handle = openPostgres(url, 2);
    try {
      const read = async () => {
        const { rows } = await sql<{ s: string; l: string; i: string }>`
          select current_setting('statement_timeout') as s, current_setting('lock_timeout') as l,
                 current_setting('idle_in_transaction_session_timeout') as i`.execute(handle.db);
        return rows[0];
      };
      // Two connections at once, so both the pool's first and its second carry the settings.
      const [a, b] = await Promise.all([read(), handle.db.transaction().execute(async () => read())]);
      for (const row of [a, b]) expect(row).toEqual({ s: "1min", l: "15s", i: "30s" });
    } finally {
      await handle.close();
    }
  });

  it("ends a statement that runs too long and answers 503, not a hang", async () => {
    const handle = openPostgres(url, 1, { ...serviceTimeouts, statementMs: 200 });
    try {
      const error = await sql`select pg_sleep(2)`.execute(handle.db).then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as { code?: string }).code).toBe("57014");
      expect(classifyDatabaseError(error)).toBe("unavailable");
    } finally {
      await handle.close();
    }
  });

  it("ends a transaction left idle, freeing its locks", async () => {
    const handle = openPostgres(url, 1, { ...serviceTimeouts, idleInTransactionMs: 200 });
    try {
      const error = await handle.db
        .transaction()
        .execute(async (trx) => {
          await sql`select 1`.execute(trx);
          await new Promise((resume) => setTimeout(resume, 600));
          await sql`select 1`.execute(trx);
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).not.toBeNull();
      expect(classifyDatabaseError(error)).toBe("unavailable");
      // The pool replaced the dropped connection: the next query works.
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(rows[0]?.one).toBe(1);
    } finally {
      await handle.close();
    }
  });
});
