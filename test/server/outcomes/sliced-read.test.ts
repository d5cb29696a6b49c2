import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "../../../server/http/app-env.ts";
import { outcomeMap } from "../../../server/outcomes/outcome-map.service.ts";
import { outcomePage } from "../../../server/outcomes/outcome-page.service.ts";
import type { OutcomePageQuery } from "../../../shared/contract/outcomes.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import {
  BETTER_OUTCOMES,
  CO_PRODUCE,
  interview,
  newCode,
  page,
  publishOutcomesSurvey,
  SURVEY,
  upload,
} from "./helpers.ts";
import { groupEverySliceCell } from "./reference-slice-reader.ts";

// A filtered page reads the slice cells only where the filters keep part of an area-wave it shows
// (and the pair slice cells only where they keep part of an area's pairs); where they keep all of it
// the aggregate's rows are its answers, and where none, nothing (docs/decisions/0019). Here the page
// is compared, byte for byte, with the same page made by grouping every slice cell of the outcome, for
// many filters, thresholds and scopes, with areas the filters keep whole, cut, or leave empty, and
// after an ingest, a review decision and a withdrawal.

let t: TestContext;
let researcher: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east", "west"]);
  // A second version of the same survey, so the version filter cuts some area-waves.
  await publishOutcomesSurvey(t);
  researcher = await t.signIn("admin");
});
afterEach(async () => {
  await t.close();
});

const MONTHS = ["2026-03-02T10:00:00.000Z", "2026-04-15T10:00:00.000Z", "2026-05-20T23:30:00.000Z"];

/**
 * East: every interview read aloud, in version 1, in March (every filter keeps all of it or none).
 * West: read aloud or self-completed by wave, April. North and south: every mode, month and version.
 */
async function seed(): Promise<void> {
  const items: SyncItem[] = [];
  for (let i = 0; i < 72; i++) {
    const code = newCode();
    const area = ["east", "north", "south", "west"][i % 4] ?? "east";
    for (let wave = 0; wave < 3 - (i % 3 === 0 ? 1 : 0); wave++) {
      const item = interview(
        {
          code,
          wave,
          area,
          mode:
            area === "east"
              ? "read_aloud"
              : area === "west"
                ? wave === 1
                  ? "self_completed"
                  : "read_aloud"
                : (["read_aloud", "self_completed", "mixed"] as const)[(i + wave) % 3],
          completedAt: area === "east" ? MONTHS[0] : area === "west" ? MONTHS[1] : MONTHS[(i * 7 + wave) % 3],
        },
        {
          say: 1 + ((i * 3 + wave) % 5),
          helped: (i + wave) % 3 !== 0,
          nights: (i * 11 + wave * 5) % 60,
          ...(i % 8 === 0 ? { housing: "prefer_not_to_say" } : {}),
        },
      );
      items.push({ ...item, surveyVersion: area === "north" && (i + wave) % 4 === 0 ? 2 : 1 });
    }
  }
  await upload(t, researcher, items);
}

const QUERIES: OutcomePageQuery[] = [
  { version: `${SURVEY}@1` },
  { version: `${SURVEY}@2` },
  { mode: "read_aloud" },
  { mode: "self_completed" },
  { mode: "mixed" },
  { from: "2026-03", to: "2026-04" },
  { from: "2026-04" },
  { to: "2026-03" },
  { mode: "read_aloud", from: "2026-03", to: "2026-04" },
  { version: `${SURVEY}@1`, mode: "read_aloud" },
  { version: `${SURVEY}@1`, area: "north", wave: 1 },
  { mode: "read_aloud", wave: 2 },
  { mode: "read_aloud", changeFrom: 0, changeTo: 1 },
  { from: "2026-03", to: "2026-04", changeFrom: 1, changeTo: 2 },
];

function user(areaId: string | null): SessionUser {
  return { id: "evaluator", email: "e@example.org", displayName: "E", role: "evaluator", areaId };
}

async function compareEveryFilter(): Promise<number> {
  let compared = 0;
  for (const outcome of [BETTER_OUTCOMES, CO_PRODUCE]) {
    for (const k of [2, 5]) {
      for (const areaId of [null, "north"]) {
        for (const query of QUERIES) {
          if (areaId !== null && query.area !== undefined && query.area !== areaId) continue;
          const ctx = { db: t.db, user: user(areaId), k };
          const read = JSON.stringify(await outcomePage(ctx, outcome, query));
          const grouped = JSON.stringify(await outcomePage(ctx, outcome, query, groupEverySliceCell));
          expect(read, `${outcome} k=${k} scope=${areaId} ${JSON.stringify(query)}`).toBe(grouped);
          compared++;
        }
      }
    }
  }
  return compared;
}

/** Unfiltered pages: the aggregate grouped in SQL, against the same rows bucketed one by one. */
const WHOLE: OutcomePageQuery[] = [
  {},
  { area: "north" },
  { wave: 1 },
  { area: "south", wave: 2 },
  { changeFrom: 0, changeTo: 1 },
  { breakdown: "language" },
];

async function compareUnfiltered(): Promise<void> {
  for (const k of [1, 3]) {
    for (const areaId of [null, "west"]) {
      const ctx = { db: t.db, user: user(areaId), k };
      for (const outcome of [BETTER_OUTCOMES, CO_PRODUCE]) {
        for (const query of WHOLE) {
          if (areaId !== null && query.area !== undefined) continue;
          expect(
            JSON.stringify(await outcomePage(ctx, outcome, query)),
            `${outcome} k=${k} scope=${areaId} ${JSON.stringify(query)}`,
          ).toBe(JSON.stringify(await outcomePage(ctx, outcome, query, groupEverySliceCell)));
        }
      }
      expect(JSON.stringify(await outcomeMap(ctx)), `map k=${k} scope=${areaId}`).toBe(
        JSON.stringify(await outcomeMap(ctx, groupEverySliceCell.cells)),
      );
    }
  }
}

describe("the aggregate's reads", () => {
  it("give the unfiltered page and the map that bucketing every aggregate row gives", async () => {
    await seed();
    await compareUnfiltered();
    const code = await t.db
      .selectFrom("responses")
      .select("participant_code")
      .where("area_id", "=", "north")
      .where("wave", "=", 2)
      .executeTakeFirstOrThrow();
    await t.db.deleteFrom("responses").where("participant_code", "=", code.participant_code).execute();
    await compareUnfiltered();
  }, 180_000);
});

describe("a filtered page's reads", () => {
  it("give the page that grouping every slice cell gives, through ingest, review and withdrawal", async () => {
    await seed();
    const versions = await t.db
      .selectFrom("survey_versions")
      .select("version")
      .where("survey_id", "=", SURVEY)
      .execute();
    expect(versions.length).toBe(2);
    // Some shown area-waves are kept whole, some cut, some left out, under some of the filters.
    const k3 = { db: t.db, user: user(null), k: 3 };
    const someKept = await outcomePage(k3, BETTER_OUTCOMES, { mode: "read_aloud" });
    expect(someKept.indicators.some((i) => !i.summary.suppressed)).toBe(true);
    expect(await compareEveryFilter()).toBeGreaterThan(100);

    await upload(t, researcher, [
      interview(
        { area: "east", wave: 1, mode: "self_completed", completedAt: MONTHS[2] },
        { say: 2, nights: 3 },
      ),
      interview({ area: "west", wave: 2, mode: "mixed" }, { say: 5, helped: true }),
    ]);
    await compareEveryFilter();
    const one = await t.db
      .selectFrom("responses")
      .select("id")
      .where("area_id", "=", "south")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await t.db.updateTable("responses").set({ review_status: "rejected" }).where("id", "=", one.id).execute();
    await page(t, await t.signIn("evaluator"), CO_PRODUCE, "?mode=mixed"); // rewrites the queued response
    await compareEveryFilter();
    const code = await t.db
      .selectFrom("responses")
      .select("participant_code")
      .where("area_id", "=", "west")
      .where("wave", "=", 1)
      .executeTakeFirstOrThrow();
    await t.db.deleteFrom("responses").where("participant_code", "=", code.participant_code).execute();
    await compareEveryFilter();
  }, 180_000);
});
