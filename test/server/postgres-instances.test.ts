import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../server/auth/password.ts";
import { type DatabaseHandle, openPostgres } from "../../server/db/connect.ts";
import { publishVersion } from "../../server/surveys/surveys.repository.ts";
import { insertUser } from "../../server/users/users.repository.ts";
import type { SyncItem, SyncOutcome, SyncResponse } from "../../shared/contract/sync.ts";
import { surveyFields } from "../../shared/survey/fields.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { createScratchDatabase, type ScratchDatabase } from "../helpers/postgres.ts";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.ts";
import { syncItem } from "../helpers/sync-items.ts";
import { NOW, readFixtureSurvey, TEST_PASSWORD, TEST_SURVEY_ID } from "../helpers/test-app.ts";
import { testDatabaseUrl } from "../helpers/test-env.ts";

// Several stateless instances behind a load balancer on one PostgreSQL: two real server processes,
// started at the same moment on an empty database, must agree on everything through the database.
const serverUrl = testDatabaseUrl();

describe.runIf(serverUrl)("two server instances on one PostgreSQL", () => {
  let database: ScratchDatabase;
  let handle: DatabaseHandle;
  let instances: ServerProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), "alongside-instances-"));

  beforeAll(async () => {
    database = await createScratchDatabase(serverUrl ?? "", { label: "instances" });
    // Both migrate and load the instruments at once: the migration lock and idempotent loading must hold.
    instances = await Promise.all(
      [0, 1].map(() => startServerProcess({ dataDir, databaseUrl: database.url, startTimeoutMs: 60_000 })),
    );
    handle = openPostgres(database.url, 2);
    await handle.db
      .insertInto("areas")
      .values({ id: "north", name: "Northtown", region: "North East", created_at: NOW.toISOString() })
      .execute();
    const definition = readFixtureSurvey();
    await publishVersion(
      handle.db,
      {
        id: TEST_SURVEY_ID,
        title: "Wellbeing check",
        description: "",
        definition,
        fields: surveyFields(createSurveyModel(definition)),
      },
      NOW,
    );
    await insertUser(
      handle.db,
      {
        email: "researcher@example.org",
        displayName: "Researcher",
        role: "peer_researcher",
        areaId: "north",
        passwordHash: await hashPassword(TEST_PASSWORD),
      },
      NOW,
    );
  }, 90_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.kill()));
    await handle?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(instance: ServerProcess): Promise<string> {
    const res = await fetch(`${instance.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "researcher@example.org", password: TEST_PASSWORD }),
    });
    expect(res.status, instance.output()).toBe(200);
    return res.headers.get("set-cookie")?.split(";")[0] ?? "";
  }

  async function sync(instance: ServerProcess, cookie: string, items: SyncItem[]): Promise<SyncOutcome[]> {
    const res = await fetch(`${instance.url}/api/sync`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ items }),
    });
    expect(res.status, instance.output()).toBe(200);
    return ((await res.json()) as SyncResponse).results;
  }

  it("migrated once and published each instrument once although both started together", async () => {
    const versions = await handle.db
      .selectFrom("survey_versions")
      .select(["survey_id", "version"])
      .where("survey_id", "!=", TEST_SURVEY_ID)
      .execute();
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.every((v) => Number(v.version) === 1)).toBe(true);
  });

  it("shares a sign-in made on one instance with the other", async () => {
    const [a, b] = instances as [ServerProcess, ServerProcess];
    const cookie = await signIn(a);
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: "researcher@example.org" });
  });

  it("stores every response exactly once when the same batch reaches both instances at once", async () => {
    const [a, b] = instances as [ServerProcess, ServerProcess];
    const cookie = await signIn(a);
    for (let round = 0; round < 4; round += 1) {
      const items = Array.from({ length: 50 }, () => syncItem());
      // The other instance gets the batch in reverse: inserts in opposite orders must not deadlock.
      const [fromA, fromB] = await Promise.all([
        sync(a, cookie, items),
        sync(b, cookie, [...items].reverse()),
      ]);
      const outcomeB = new Map(fromB.map((r) => [r.id, r.outcome]));
      for (const result of fromA) {
        const pair = [result.outcome, outcomeB.get(result.id)].sort();
        expect(pair, result.id).toEqual(["accepted", "duplicate"]);
      }
      const stored = await handle.db
        .selectFrom("responses")
        .select(["id", "revisions"])
        .where(
          "id",
          "in",
          items.map((i) => i.id),
        )
        .execute();
      expect(stored).toHaveLength(items.length);
      expect(stored.every((r) => Number(r.revisions) === 1)).toBe(true);
    }
    const revisions = await handle.db
      .selectFrom("response_revisions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(revisions.n)).toBe(0);
  });
});
