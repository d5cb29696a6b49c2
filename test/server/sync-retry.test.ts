import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { syncBatch } from "../../server/fieldwork/sync.service.ts";
import { ValidatorCache } from "../../server/fieldwork/validator-cache.ts";
import type { SessionUser } from "../../server/http/app-env.ts";
import { insertUser } from "../../server/users/users.repository.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { createTestContext, NOW, type TestContext } from "../helpers/test-app.ts";

// PostgreSQL aborts one of two deadlocked transactions (two batches counting into the same aggregate
// rows in different orders); the batch it aborted is written again rather than failed.

/** Fails the first `times` inserts into indicator_values with `error`, as PostgreSQL would. */
class FailingIndicatorInserts implements KyselyPlugin {
  failed = 0;
  constructor(
    private readonly times: number,
    private readonly error: () => Error,
  ) {}

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    // SQLite's path builds the insert with Kysely; PostgreSQL's sends the rows as arrays in raw SQL.
    const indicatorInsert =
      (node.kind === "InsertQueryNode" && node.into?.table.identifier.name === "indicator_values") ||
      (node.kind === "RawNode" && /\bINSERT INTO indicator_values\b/.test(node.sqlFragments.join("?")));
    if (indicatorInsert && this.failed < this.times) {
      this.failed += 1;
      throw this.error();
    }
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

let t: TestContext;
let user: SessionUser;

beforeEach(async () => {
  t = await createTestContext();
  const row = await insertUser(
    t.db,
    {
      email: "r@example.org",
      displayName: "R",
      role: "peer_researcher",
      areaId: "north",
      passwordHash: null,
    },
    NOW,
  );
  user = {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: "peer_researcher",
    areaId: "north",
  };
});
afterEach(async () => {
  await t.close();
});

async function counts() {
  const responses = await t.db
    .selectFrom("responses")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  const values = await t.db
    .selectFrom("indicator_values")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return { responses: Number(responses.n), values: Number(values.n) };
}

it("writes a batch again when its transaction was aborted by a deadlock, and stores it once", async () => {
  const plugin = new FailingIndicatorInserts(2, () => pgError("40P01", "deadlock detected"));
  const items = [syncItem(), syncItem(), syncItem({ data: { consent: true } })];
  const results = await syncBatch(
    { db: t.db.withPlugin(plugin), validators: new ValidatorCache(), user, now: NOW },
    { items },
  );
  expect(plugin.failed).toBe(2);
  expect(results.map((r) => r.outcome)).toEqual(["accepted", "accepted", "needs_review"]);
  const stored = await counts();
  expect(stored.responses).toBe(3);

  // Each response's indicator rows once: none written twice by the retried attempt, none lost.
  const duplicates = await t.db
    .selectFrom("indicator_values")
    .select(["response_id", "question"])
    .groupBy(["response_id", "question"])
    .having((eb) => eb.fn.countAll(), ">", 1)
    .execute();
  expect(duplicates).toEqual([]);
  const withRows = await t.db.selectFrom("indicator_values").select("response_id").distinct().execute();
  expect(withRows.map((r) => r.response_id).sort()).toEqual(
    expect.arrayContaining([items[0]?.id, items[1]?.id].sort()),
  );
  expect(stored.values).toBeGreaterThan(0);
});

it("fails a batch on an error that is no deadlock, storing nothing of it", async () => {
  const plugin = new FailingIndicatorInserts(1, () => pgError("23514", "check constraint violated"));
  await expect(
    syncBatch(
      { db: t.db.withPlugin(plugin), validators: new ValidatorCache(), user, now: NOW },
      { items: [syncItem()] },
    ),
  ).rejects.toThrow(/check constraint/);
  expect(plugin.failed).toBe(1);
  expect(await counts()).toEqual({ responses: 0, values: 0 });
});

it("gives up after a few deadlocks in a row, storing nothing of the batch", async () => {
  const plugin = new FailingIndicatorInserts(100, () => pgError("40P01", "deadlock detected"));
  await expect(
    syncBatch(
      { db: t.db.withPlugin(plugin), validators: new ValidatorCache(), user, now: NOW },
      { items: [syncItem()] },
    ),
  ).rejects.toThrow(/deadlock/);
  expect(plugin.failed).toBe(5);
  expect(await counts()).toEqual({ responses: 0, values: 0 });
});
