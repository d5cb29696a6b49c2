import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../../server/db/connect.ts";
import { migrations } from "../../../server/db/migrations/index.ts";
import { publishVersion } from "../../../server/surveys/surveys.repository.ts";
import { surveyFields } from "../../../shared/survey/fields.ts";
import { createSurveyModel } from "../../../shared/survey/model.ts";
import { NOW } from "../../helpers/test-app.ts";
import { interview, readOutcomesFixture, SURVEY } from "./helpers.ts";

// The migration that brings in indicator values reads the responses already stored. A SQLite file
// only: the same code runs on PostgreSQL in the template every integration test starts from.
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("migration 2026-11-26-03 (indicator values)", () => {
  it("backfills the values, pairs and aggregates of responses stored before it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alongside-migration-"));
    dirs.push(dir);
    const handle = openSqlite(join(dir, "m.sqlite"));
    const db = handle.db;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo("2026-11-26-01-initial");
    expect(before.error).toBeUndefined();

    await db
      .insertInto("areas")
      .values({ id: "north", name: "N", region: "R", created_at: NOW.toISOString() })
      .execute();
    await db
      .insertInto("users")
      .values({
        id: "u1",
        email: "u@example.org",
        display_name: "U",
        role: "admin",
        area_id: null,
        created_at: NOW.toISOString(),
      })
      .execute();
    const definition = readOutcomesFixture();
    await publishVersion(
      db,
      {
        id: SURVEY,
        title: "Outcomes check",
        description: "",
        definition,
        fields: surveyFields(createSurveyModel(definition)),
      },
      NOW,
    );
    const code = "K7M2-9PQR";
    const items = [
      {
        item: interview({ code, wave: 0 }, { say: 2, helped: false, housing: "prefer_not_to_say" }),
        status: "received",
      },
      { item: interview({ code, wave: 1 }, { say: 4, helped: true, nights: 3 }), status: "approved" },
      { item: interview({ wave: 0 }, { say: 5 }), status: "rejected" },
    ];
    for (const { item, status } of items) {
      await db
        .insertInto("responses")
        .values({
          id: item.id,
          survey_id: item.surveyId,
          survey_version: item.surveyVersion,
          participant_code: item.participantCode,
          wave: item.wave,
          area_id: item.areaId,
          administration_mode: item.administrationMode,
          started_at: item.startedAt,
          completed_at: item.completedAt,
          received_at: NOW.toISOString(),
          submitted_by: "u1",
          device_id: null,
          data: JSON.stringify(item.data),
          content_hash: item.id,
          review_status: status,
          issues: "[]",
        })
        .execute();
    }

    const after = await migrator.migrateToLatest();
    expect(after.error).toBeUndefined();
    const values = await db
      .selectFrom("indicator_values")
      .selectAll()
      .orderBy("wave")
      .orderBy("question")
      .execute();
    // 3 responses × (4 indicators + the interview row).
    expect(values).toHaveLength(15);
    expect(values.find((v) => v.question === "housing" && v.response_id === items[0]?.item.id)).toMatchObject(
      {
        status: "declined",
        value: null,
        choice: "prefer_not_to_say",
        counted: 1,
      },
    );
    const rejected = items[2]?.item.id;
    expect(values.filter((v) => v.response_id === rejected).every((v) => v.counted === 0)).toBe(true);
    const pairs = await db
      .selectFrom("indicator_pair_cells")
      .selectAll()
      .where("n", ">", 0)
      .orderBy("question")
      .execute();
    expect(pairs.map((p) => [p.question, p.difference, p.n])).toEqual([
      ["", 0, 1],
      ["helped", 1, 1],
      ["say", 2, 1],
    ]);
    const cells = await db
      .selectFrom("indicator_cells")
      .select(["question", "value", "n"])
      .where("question", "=", "say")
      .where("n", ">", 0)
      .orderBy("value")
      .execute();
    expect(cells.map((c) => [c.value, c.n])).toEqual([
      [2, 1],
      [4, 1],
    ]);
    await handle.close();
  });
});
