import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  fieldsLoader,
  refreshIndicators,
  storeSyncedIndicatorsBatch,
} from "../../../server/outcomes/ingest/indicator-store.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { aggregatesAndRecount, normalRows, queryRows } from "../../helpers/aggregate-recount.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { interview, newCode, publishOutcomesSurvey, upload } from "./helpers.ts";

// Ingest writes a batch's indicator rows and pairs with a few set-based statements
// (storeSyncedIndicatorsBatch). Here the rows it gives are compared with those of the per-response
// path (refreshIndicators, one response at a time, as review decisions rewrite them), and every aggregate table with a recount.

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

const query = (text: string) => queryRows(t.db, text);
const normal = normalRows;
const aggregates = () => aggregatesAndRecount(t.db);

async function snapshot() {
  return {
    values: await query("select * from indicator_values"),
    pairs: await query("select * from indicator_pairs"),
    aggregates: await aggregates(),
  };
}

/** The per-response path: every stored response's rows written again, one response at a time. */
async function rewriteOneByOne(order: "asc" | "desc"): Promise<void> {
  await t.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("indicator_pairs").execute();
    await trx.deleteFrom("indicator_values").execute();
    const stored = await trx
      .selectFrom("responses")
      .select("id")
      .orderBy("received_at", order)
      .orderBy("id", order)
      .execute();
    const fieldsOf = fieldsLoader(trx);
    for (const r of stored) await refreshIndicators(trx, r.id, fieldsOf);
  });
}

async function uploadOne(items: SyncItem[]): Promise<void> {
  const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items } });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: { outcome: string }[] };
  for (const r of results) expect(["accepted", "needs_review"]).toContain(r.outcome);
}

describe("batched indicator writes", () => {
  it("give exactly the rows, pairs and aggregates of the per-response path", async () => {
    const [a, b, c, d, e, f] = Array.from({ length: 6 }, () => newCode());
    const at = (month: string) => `2026-${month}-10T09:00:00.000Z`;
    // First batch: wave 0 of A, B, C (C's answers need review, so they are stored but not counted).
    await uploadOne([
      interview(
        { code: a, wave: 0, area: "east", completedAt: at("01") },
        { say: 2, helped: false, nights: 7 },
      ),
      interview({ code: b, wave: 0, area: "north", completedAt: at("01") }, { say: 4, housing: "hostel" }),
      interview({ code: c, wave: 0, area: "east", completedAt: at("02") }, { say: 3, nights: 500 }),
    ]);
    // Second batch: two more waves of A (one in another mode), B again but in another area (no pairs),
    // C's next wave, D's and E's first two waves together, F twice at wave 0 (no pair between those)
    // and once at wave 1, a skipped and a declined answer, a month that differs.
    await uploadOne([
      interview(
        { code: a, wave: 1, area: "east", completedAt: at("04"), mode: "self_completed" },
        { say: 3, helped: true, nights: 4 },
      ),
      interview({ code: a, wave: 2, area: "east", completedAt: at("07") }, { say: 5, helped: true }),
      interview({ code: b, wave: 1, area: "east", completedAt: at("04") }, { say: 1, housing: "own" }),
      interview({ code: c, wave: 1, area: "east", completedAt: at("05") }, { say: 4, nights: 2 }),
      interview(
        { code: d, wave: 1, area: "north", completedAt: at("06") },
        { say: 4, housing: "prefer_not_to_say" },
      ),
      interview({ code: d, wave: 0, area: "north", completedAt: at("03") }, { say: 1, housing: "street" }),
      interview({ code: e, wave: 0, area: "north", completedAt: at("03") }, { helped: false }),
      interview({ code: e, wave: 1, area: "north", completedAt: at("06") }, { say: 2, helped: true }),
      interview({ code: f, wave: 0, area: "east", completedAt: at("02") }, { say: 1, nights: 10 }),
      interview({ code: f, wave: 0, area: "east", completedAt: at("02") }, { say: 2, nights: 12 }),
      interview({ code: f, wave: 1, area: "east", completedAt: at("08") }, { say: 4, nights: 1 }),
    ]);
    // A later batch with more participants than one wave each, across both areas.
    const many = Array.from({ length: 12 }, () => newCode());
    await upload(t, researcher, [
      ...many.map((code, i) =>
        interview(
          { code, wave: 0, area: i % 2 ? "north" : "east", completedAt: at("01") },
          { say: 1 + (i % 5) },
        ),
      ),
      ...many
        .slice(0, 8)
        .map((code, i) =>
          interview(
            { code, wave: 1, area: i % 2 ? "north" : "east", completedAt: at("09") },
            { say: 5 - (i % 5), nights: i },
          ),
        ),
    ]);

    const batched = await snapshot();
    expect(batched.values.length).toBeGreaterThan(0);
    // Pairs of A (0–1, 0–2, 1–2), C, D, E, F (two wave-0 interviews with the wave-1 one), the cohort.
    const pairedResponses = (
      await query("select distinct response_id, paired_response_id from indicator_pairs")
    ).length;
    expect(pairedResponses).toBe(3 + 1 + 1 + 1 + 2 + 8);
    expect(batched.aggregates.stored).toEqual(batched.aggregates.recounted);
    expect(batched.aggregates.stored[3]?.length).toBeGreaterThan(0);

    for (const order of ["asc", "desc"] as const) {
      await rewriteOneByOne(order);
      const oneByOne = await snapshot();
      expect(oneByOne.values).toEqual(batched.values);
      expect(oneByOne.pairs).toEqual(batched.pairs);
      expect(oneByOne.aggregates.stored).toEqual(batched.aggregates.stored);
      expect(oneByOne.aggregates.stored).toEqual(oneByOne.aggregates.recounted);
    }
  });

  it("pairs a batch's responses with each other once, whatever their order in the batch", async () => {
    const code = newCode();
    const items = [2, 0, 1].map((wave) =>
      interview(
        { code, wave, area: "east", completedAt: `2026-0${wave + 1}-01T00:00:00.000Z` },
        { say: wave + 1 },
      ),
    );
    await uploadOne(items);
    const pairs = await query(
      "select from_wave, to_wave, question, before_value, after_value from indicator_pairs order by from_wave, to_wave, question",
    );
    const waves = normal(
      pairs.filter((p) => p.question === "").map((p) => ({ from: p.from_wave, to: p.to_wave })),
    );
    expect(waves).toEqual(
      normal([
        { from: 0, to: 1 },
        { from: 0, to: 2 },
        { from: 1, to: 2 },
      ]),
    );
    const say = pairs.filter((p) => p.question === "say");
    expect(normal(say.map((p) => ({ before: p.before_value, after: p.after_value })))).toEqual(
      normal([
        { before: 1, after: 2 },
        { before: 1, after: 3 },
        { before: 2, after: 3 },
      ]),
    );
    // The batch function itself, called with nothing, writes nothing.
    await storeSyncedIndicatorsBatch(t.db, []);
    expect((await query("select * from indicator_pairs")).length).toBe(pairs.length);
  });
});
