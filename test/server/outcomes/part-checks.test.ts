import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { binIndex, NUMBER_BINS } from "../../../server/outcomes/aggregates/indicator-values.repository.ts";
import { smallPairParts, smallParts } from "../../../server/outcomes/protection/part-checks.repository.ts";
import {
  ALL_DIMS,
  DIM_LANGUAGE,
  DIM_MODE,
  DIM_MONTH,
  DIM_VERSION,
} from "../../../server/outcomes/protection/part-minimums.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import {
  BETTER_OUTCOMES,
  CO_PRODUCE,
  indicator,
  interview,
  newCode,
  page,
  publishOutcomesSurvey,
  releasedPage,
  upload,
} from "./helpers.ts";

// Filtered views are protected by stored part checks (migration 2026-11-26-10), computed again for
// an area when a write raises its generation. Here: the stored checks give exactly what grouping the
// slice cells gives, for every set of filters, every k and after every kind of write; and a filtered
// page follows an ingest, a review decision and a withdrawal at once.

let t: TestContext;
let researcher: string;
let evaluator: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east"]);
  researcher = await t.signIn("admin");
  evaluator = await t.signIn("evaluator");
});
afterEach(async () => {
  await t.close();
});

const MODES = ["read_aloud", "self_completed", "mixed"] as const;
const MONTHS = ["2026-03-02T10:00:00.000Z", "2026-04-15T10:00:00.000Z", "2026-05-20T23:30:00.000Z"];

/** Participants across three areas, three waves, the modes and months, with every kind of answer. */
async function seed(): Promise<void> {
  const items: SyncItem[] = [];
  for (let i = 0; i < 40; i++) {
    const code = newCode();
    const area = ["east", "north", "south"][i % 3] ?? "east";
    for (let wave = 0; wave < 3 - (i % 2); wave++) {
      items.push(
        interview(
          {
            code,
            wave,
            area,
            mode: MODES[(i + wave) % 3 === 0 ? 0 : i % 5 === 0 ? 2 : (i + wave) % 2],
            completedAt: MONTHS[(i * 7 + wave) % 3],
          },
          {
            say: 1 + ((i * 3 + wave) % 5),
            helped: (i + wave) % 3 !== 0,
            nights: (i * 11 + wave * 5) % 60,
            ...(i % 4 === 0 ? { housing: "prefer_not_to_say" } : {}),
          },
        ),
      );
    }
  }
  await upload(t, researcher, items);
}

const dimColumns = (dims: number, month: string) => [
  ...(dims & DIM_VERSION ? ["survey_version"] : []),
  ...(dims & DIM_MODE ? ["administration_mode"] : []),
  ...(dims & DIM_MONTH ? [month] : []),
  ...(dims & DIM_LANGUAGE ? ["language"] : []),
];

/** What the checks must say: the slice cells grouped by answer and part, as SQL (the definition). */
async function groupedSmallParts(outcome: string, dims: number, k: number, counts: Set<string>) {
  const bin = `case ${NUMBER_BINS.map(([lo, hi], i) =>
    hi === Number.POSITIVE_INFINITY
      ? `when value >= ${lo} then ${i}`
      : `when value >= ${lo} and value <= ${hi} then ${i}`,
  ).join(" ")} else -1 end`;
  const countList = [...counts].map((c) => `'${c}'`).join(", ") || "''";
  const answer = `case when has_value = 0 then 0 when survey_id || '/' || question in (${countList}) then ${bin} else value end`;
  const rows = await sql<{ survey_id: string; question: string; area_id: string; wave: number }>`
    select distinct survey_id, question, area_id, wave from (
      select survey_id, question, area_id, wave from indicator_slice_cells where outcome = ${outcome}
      group by ${sql.raw(["survey_id", "question", "area_id", "wave", "status", "has_value", answer, "choice", ...dimColumns(dims, "month")].join(", "))}
      having sum(n) > 0 and sum(n) < ${k}) small
  `.execute(t.db);
  return rows.rows.map((r) => `${r.survey_id}/${r.question} ${r.area_id} ${Number(r.wave)}`).sort();
}

async function groupedSmallPairParts(outcome: string, dims: number, k: number, yesNo: Set<string>) {
  const list = [...yesNo].map((c) => `'${c}'`).join(", ") || "''";
  const way = `case when survey_id || '/' || question not in (${list}) then 0 when difference < 0 then -1 when difference > 0 then 1 else 0 end`;
  const months = dims & DIM_MONTH ? ["from_month", "to_month"] : [];
  const rows = await sql<{ survey_id: string; question: string; area_id: string }>`
    select distinct survey_id, question, area_id from (
      select survey_id, question, area_id from indicator_pair_slice_cells
      where outcome = ${outcome} and from_wave = 0 and to_wave = 2
      group by ${sql.raw(["survey_id", "question", "area_id", way, ...dimColumns(dims & ~DIM_MONTH, ""), ...months].join(", "))}
      having sum(n) > 0 and sum(n) < ${k}) small
  `.execute(t.db);
  return rows.rows.map((r) => `${r.survey_id}/${r.question} ${r.area_id}`).sort();
}

async function checkEveryFilterAndK(): Promise<void> {
  const counts = new Set(["outcomes-check/nights"]);
  const yesNo = new Set(["outcomes-check/helped"]);
  let unsafe = 0;
  for (const outcome of [CO_PRODUCE, BETTER_OUTCOMES]) {
    for (const areaId of [null, "north"]) {
      const scope = { outcome, areaId };
      for (const dims of ALL_DIMS) {
        for (const k of [2, 3, 5, 8]) {
          const stored = (await smallParts(t.db, scope, dims, k, counts))
            .map((p) => `${p.surveyId}/${p.question} ${p.areaId} ${p.wave}`)
            .sort();
          const expected = (await groupedSmallParts(outcome, dims, k, counts)).filter(
            (key) => areaId === null || key.includes(` ${areaId} `),
          );
          expect(stored, `${outcome} ${areaId} dims ${dims} k ${k}`).toEqual(expected);
          const pairs = (await smallPairParts(t.db, scope, { from: 0, to: 2 }, dims, k, yesNo))
            .map((p) => `${p.surveyId}/${p.question} ${p.areaId}`)
            .sort();
          const expectedPairs = (await groupedSmallPairParts(outcome, dims, k, yesNo)).filter(
            (key) => areaId === null || key.endsWith(` ${areaId}`),
          );
          expect(pairs, `pairs ${outcome} ${areaId} dims ${dims} k ${k}`).toEqual(expectedPairs);
          unsafe += stored.length + pairs.length;
        }
      }
    }
  }
  expect(unsafe).toBeGreaterThan(0);
}

describe("stored part checks", () => {
  it("say what grouping the slice cells says, for every set of filters and k, through every kind of write", async () => {
    await seed();
    expect(binIndex(7)).toBe(3);
    await checkEveryFilterAndK();
    // More interviews in some areas: their generations move and their checks are computed again.
    await upload(t, researcher, [
      interview({ area: "north", mode: "mixed", completedAt: MONTHS[0] }, { say: 2, nights: 3 }),
      interview({ area: "east", wave: 2, mode: "self_completed" }, { say: 5, helped: true }),
    ]);
    await checkEveryFilterAndK();
    // A review decision (another instance's write would look the same: only the database knows).
    const one = await t.db
      .selectFrom("responses")
      .select("id")
      .where("area_id", "=", "south")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await t.db.updateTable("responses").set({ review_status: "rejected" }).where("id", "=", one.id).execute();
    await page(t, evaluator, CO_PRODUCE, "?mode=mixed"); // rewrites the queued response
    await checkEveryFilterAndK();
    // A withdrawal: a participant's interviews go, by cascade.
    const code = await t.db
      .selectFrom("responses")
      .select("participant_code")
      .where("area_id", "=", "north")
      .where("wave", "=", 2)
      .executeTakeFirstOrThrow();
    await t.db.deleteFrom("responses").where("participant_code", "=", code.participant_code).execute();
    await checkEveryFilterAndK();
  }, 60_000); // 15 sets of filters × every k, on a busy CI machine

  it("are recorded at the generation they were computed from, and the generation moves with every write", async () => {
    await seed();
    await page(t, evaluator, CO_PRODUCE, "?mode=mixed");
    const generations = async () =>
      (
        await t.db
          .selectFrom("indicator_generations")
          .select(["area_id", "generation"])
          .orderBy("area_id")
          .execute()
      ).map((g) => [g.area_id, Number(g.generation)]);
    const checked = async () =>
      (
        await t.db
          .selectFrom("indicator_part_checks")
          .select(["area_id", "generation"])
          .where("outcome", "=", CO_PRODUCE)
          .where("from_wave", "=", -1)
          .orderBy("area_id")
          .execute()
      ).map((g) => [g.area_id, Number(g.generation)]);
    const before = await generations();
    expect(await checked()).toEqual(before);
    await upload(t, researcher, [interview({ area: "south", mode: "mixed" }, { say: 2 })]);
    const after = await generations();
    expect(after.find(([a]) => a === "south")?.[1]).toBeGreaterThan(
      Number(before.find(([a]) => a === "south")?.[1]),
    );
    expect(after.filter(([a]) => a !== "south")).toEqual(before.filter(([a]) => a !== "south"));
    await page(t, evaluator, CO_PRODUCE, "?mode=mixed");
    expect(await checked()).toEqual(after);
  });
});

describe("a filtered page after a write", () => {
  // The protection applies to the page as it would be released (trusted analysts' default is exact).
  const southSay = async () =>
    indicator(await releasedPage(t, evaluator, CO_PRODUCE, "?mode=read_aloud"), "say").byArea.rows.find(
      (r) => r.key === "south",
    );

  it("leaves out an area-wave as soon as an ingest cuts a small part into it, and shows it again after a review decision or a withdrawal", async () => {
    // South: ten read aloud and five self-completed, all answering 3: every part of every answer ≥ 5.
    await upload(t, researcher, [
      ...Array.from({ length: 10 }, () => interview({ area: "south", mode: "read_aloud" }, { say: 3 })),
      ...Array.from({ length: 5 }, () => interview({ area: "south", mode: "self_completed" }, { say: 3 })),
    ]);
    expect(await southSay()).toMatchObject({ suppressed: false, n: 10 });

    // One mixed-mode interview: the unfiltered bar minus the read-aloud and self-completed bars would be 1.
    const mixed = interview({ area: "south", mode: "mixed" }, { say: 3 });
    await upload(t, researcher, [mixed]);
    expect(await southSay()).toMatchObject({ suppressed: true, reason: "left_out" });

    // Rejected on review: it stops counting, and south is shown again.
    await t.db
      .updateTable("responses")
      .set({ review_status: "rejected" })
      .where("id", "=", mixed.id)
      .execute();
    expect(await southSay()).toMatchObject({ suppressed: false, n: 10 });

    // Another lone mixed-mode interview, then the participant withdraws.
    const again = interview({ area: "south", mode: "mixed" }, { say: 3 });
    await upload(t, researcher, [again]);
    expect(await southSay()).toMatchObject({ suppressed: true, reason: "left_out" });
    await t.db.deleteFrom("responses").where("participant_code", "=", again.participantCode).execute();
    expect(await southSay()).toMatchObject({ suppressed: false, n: 10 });
  });
});
