import { Migrator, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrations } from "../../../server/db/migrations/index.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { interview, newCode, publishOutcomesSurvey, upload } from "./helpers.ts";

/** The migrations after `name`, newest first: going down past `name` rolls them back first. */
function laterThan(name: string): string[] {
  return Object.keys(migrations)
    .filter((other) => other > name)
    .sort()
    .reverse();
}

// The aggregates that filtered pages read (migration 2026-11-26-08) are kept by triggers on every
// insert and delete. Here they are checked against the rows themselves after ingest, a withdrawal and
// a review decision, and against the migration's own backfill (down, then up again).

let t: TestContext;
let researcher: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east"]);
  researcher = await t.signIn("admin");
});
afterEach(async () => {
  await t.close();
});

type Row = Record<string, unknown>;

/** A table's rows with n > 0, numbers as numbers, in a fixed order. */
async function rows(table: string, columns: string[]): Promise<Row[]> {
  const result =
    await sql<Row>`select ${sql.raw(columns.join(", "))}, n from ${sql.table(table)} where n > 0`.execute(
      t.db,
    );
  const normal = result.rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v,
      ]),
    ),
  );
  return normal.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

const sliceColumns = [
  "outcome",
  "survey_id",
  "question",
  "area_id",
  "wave",
  "status",
  "has_value",
  "value",
  "choice",
  "survey_version",
  "administration_mode",
  "month",
];
const pairColumns = [
  "outcome",
  "from_wave",
  "to_wave",
  "survey_id",
  "question",
  "area_id",
  "difference",
  "survey_version",
  "administration_mode",
  "from_month",
  "to_month",
];

/** What the slice aggregates must hold: the counted rows, grouped. */
async function expected(): Promise<{ cells: Row[]; pairs: Row[] }> {
  const cells = await sql<Row>`
    select outcome, survey_id, question, area_id, wave, status,
      case when value is null then 0 else 1 end as has_value, coalesce(value, 0) as value,
      coalesce(choice, '') as choice, survey_version, administration_mode,
      substr(completed_at, 1, 7) as month, count(*) as n
    from indicator_values where counted = 1
    group by outcome, survey_id, question, area_id, wave, status, case when value is null then 0 else 1 end,
      coalesce(value, 0), coalesce(choice, ''), survey_version, administration_mode, substr(completed_at, 1, 7)
  `.execute(t.db);
  const pairs = await sql<Row>`
    select p.outcome, p.from_wave, p.to_wave, p.survey_id, p.question, p.area_id,
      p.after_value - p.before_value as difference,
      case when a.survey_version = b.survey_version then a.survey_version else 0 end as survey_version,
      case when a.administration_mode = b.administration_mode then a.administration_mode else '' end
        as administration_mode,
      substr(a.completed_at, 1, 7) as from_month, substr(b.completed_at, 1, 7) as to_month, count(*) as n
    from indicator_pairs p
    join indicator_values a on a.response_id = p.response_id and a.question = ''
    join indicator_values b on b.response_id = p.paired_response_id and b.question = ''
    where p.counted = 1
    group by p.outcome, p.from_wave, p.to_wave, p.survey_id, p.question, p.area_id,
      p.after_value - p.before_value,
      case when a.survey_version = b.survey_version then a.survey_version else 0 end,
      case when a.administration_mode = b.administration_mode then a.administration_mode else '' end,
      substr(a.completed_at, 1, 7), substr(b.completed_at, 1, 7)
  `.execute(t.db);
  const sort = (list: Row[]) =>
    list
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "n" ? Number(v) : v])))
      .map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v,
          ]),
        ),
      )
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return { cells: sort(cells.rows), pairs: sort(pairs.rows) };
}

async function actual(): Promise<{ cells: Row[]; pairs: Row[] }> {
  return {
    cells: await rows("indicator_slice_cells", sliceColumns),
    pairs: await rows("indicator_pair_slice_cells", pairColumns),
  };
}

async function seed(): Promise<string[]> {
  const codes = Array.from({ length: 9 }, () => newCode());
  const modes = ["read_aloud", "self_completed", "mixed"] as const;
  await upload(t, researcher, [
    ...codes.map((code, i) =>
      interview(
        {
          code,
          wave: 0,
          area: i % 2 ? "north" : "east",
          mode: modes[i % 3],
          completedAt: "2026-03-02T23:30:00.000+01:00",
        },
        { say: 1 + (i % 5), helped: i % 2 === 0, nights: i },
      ),
    ),
    ...codes.slice(0, 7).map((code, i) =>
      interview(
        {
          code,
          wave: 1,
          area: i % 2 ? "north" : "east",
          mode: modes[(i + 1) % 3],
          completedAt: "2026-06-15T10:00:00.000Z",
        },
        { say: 5 - (i % 5), helped: i % 3 === 0, nights: 2 * i },
      ),
    ),
    ...codes.slice(0, 4).map((code, i) =>
      interview(
        {
          code,
          wave: 2,
          area: i % 2 ? "north" : "east",
          mode: modes[i % 3],
          completedAt: "2026-09-15T10:00:00.000Z",
        },
        { say: 3, housing: "prefer_not_to_say" },
      ),
    ),
  ]);
  return codes;
}

describe("the slice aggregates (migration 2026-11-26-08)", () => {
  it("hold exactly the counted rows by version, mode and month, through withdrawal and review", async () => {
    const codes = await seed();
    expect((await actual()).cells.length).toBeGreaterThan(0);
    expect((await actual()).pairs.length).toBeGreaterThan(0);
    expect(await actual()).toEqual(await expected());
    // A month is the UTC month: 23:30 at +01:00 on 2 March is 22:30 UTC, still March.
    expect(
      (await actual()).cells.every((p) => ["2026-03", "2026-06", "2026-09"].includes(String(p.month))),
    ).toBe(true);

    // Withdrawal deletes a participant's responses; the cascade reaches every table and aggregate.
    await t.db
      .deleteFrom("responses")
      .where("participant_code", "=", codes[0] ?? "")
      .execute();
    // A rejected interview stops counting once the dashboards read again.
    const one = await t.db
      .selectFrom("responses")
      .select("id")
      .where("participant_code", "=", codes[1] ?? "")
      .where("wave", "=", 1)
      .executeTakeFirstOrThrow();
    await t.db.updateTable("responses").set({ review_status: "rejected" }).where("id", "=", one.id).execute();
    const evaluator = await t.signIn("evaluator");
    const res = await t.request("/api/outcomes/outcome-areas-co-produce-design-and-delivery?mode=mixed", {
      cookie: evaluator,
    });
    expect(res.status).toBe(200);
    expect(await actual()).toEqual(await expected());
  });

  it("are backfilled by the migration as the triggers would have kept them", async () => {
    await seed();
    const before = await actual();
    const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } });
    // Back to before the slices (through 10, which drops the per-part totals and adds the part checks'
    // generations, and 09, which on PostgreSQL swaps the insert triggers for per-statement ones), then
    // forward again.
    const down = await migrator.migrateTo("2026-11-26-07-coordination");
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toEqual([
      ...laterThan("2026-11-26-10-part-checks"),
      "2026-11-26-10-part-checks",
      "2026-11-26-09-statement-counts",
      "2026-11-26-08-outcome-slices",
    ]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(await actual()).toEqual(before);
    expect(await actual()).toEqual(await expected());
    // And the triggers work after the rebuild: more interviews are counted as they arrive.
    await seed();
    expect(await actual()).toEqual(await expected());
  });
});

describe("migration 2026-11-26-10 (part checks)", () => {
  const partTotals = async () =>
    (
      await sql<Row>`select outcome, survey_id, question, area_id, wave, survey_version, administration_mode,
        month, n from indicator_slice_parts where n > 0`.execute(t.db)
    ).rows;
  const recountedParts = async () =>
    (
      await sql<Row>`select outcome, survey_id, question, area_id, wave, survey_version, administration_mode,
        substr(completed_at, 1, 7) as month, count(*) as n from indicator_values
        where counted = 1 and status = 'answered'
        group by outcome, survey_id, question, area_id, wave, survey_version, administration_mode,
          substr(completed_at, 1, 7)`.execute(t.db)
    ).rows;
  const normal = (list: Row[]) =>
    list
      .map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            k === "n" || k === "wave" || k === "survey_version" ? Number(v) : v,
          ]),
        ),
      )
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

  it("drops the per-part totals and their triggers; down brings both back, up drops them again", async () => {
    await seed();
    const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo("2026-11-26-09-statement-counts");
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toEqual([
      ...laterThan("2026-11-26-10-part-checks"),
      "2026-11-26-10-part-checks",
    ]);
    // Backfilled, then kept by the triggers again. Today's sync writes columns of later migrations
    // (the interview language), whose triggers need 10's tables, so the insert and delete triggers are
    // exercised here as a withdrawal and a rewrite touch the rows: one area's rows taken out, then put back.
    expect(normal(await partTotals())).toEqual(normal(await recountedParts()));
    const totalsBefore = normal(await partTotals());
    await sql`create table kept_east as select * from indicator_values where area_id = 'east'`.execute(t.db);
    await sql`delete from indicator_values where area_id = 'east'`.execute(t.db);
    expect(normal(await partTotals())).toEqual(normal(await recountedParts()));
    expect(normal(await partTotals())).not.toEqual(totalsBefore);
    await sql`insert into indicator_values select * from kept_east`.execute(t.db);
    await sql`drop table kept_east`.execute(t.db);
    expect(normal(await partTotals())).toEqual(totalsBefore);
    expect((await partTotals()).length).toBeGreaterThan(0);

    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    await expect(partTotals()).rejects.toThrow();
    // Every area with counted answers has a generation; each new interview raises its area's.
    const generations = async () =>
      Object.fromEntries(
        (await t.db.selectFrom("indicator_generations").select(["area_id", "generation"]).execute()).map(
          (g) => [g.area_id, Number(g.generation)],
        ),
      );
    const before = await generations();
    expect(Object.keys(before).sort()).toEqual(["east", "north"]);
    await seed();
    const after = await generations();
    expect(after.east).toBeGreaterThan(before.east ?? 0);
    expect(after.north).toBeGreaterThan(before.north ?? 0);
    expect(await actual()).toEqual(await expected());
    const evaluator = await t.signIn("evaluator");
    const res = await t.request("/api/outcomes/outcome-areas-co-produce-design-and-delivery?mode=mixed", {
      cookie: evaluator,
    });
    expect(res.status).toBe(200);
  });
});
