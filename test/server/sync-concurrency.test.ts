import { afterEach, beforeEach, expect, it } from "vitest";
import { fieldsLoader, refreshIndicators } from "../../server/outcomes/ingest/indicator-store.ts";
import type { SyncItem, SyncResponse } from "../../shared/contract/sync.ts";
import { aggregatesAndRecount, queryRows } from "../helpers/aggregate-recount.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";
import { interview, newCode, publishOutcomesSurvey } from "./outcomes/helpers.ts";

// Batches of one survey and area count into the same aggregate rows and pair with each other's
// interviews. On PostgreSQL they are stored at the same time on several connections and only their
// indicator rows are written in turn, under the area's lock (decision 0017); on SQLite they queue for
// the one writer. Either way every interview must be stored once, paired with every other wave of its
// participant whichever batch committed first, and counted exactly once in every aggregate.

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

const rows = (text: string) => queryRows(t.db, text);
const aggregates = () => aggregatesAndRecount(t.db);

async function post(items: SyncItem[]): Promise<SyncResponse["results"]> {
  const res = await t.request("/api/sync", { method: "POST", cookie: researcher, json: { items } });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as SyncResponse).results;
}

it("pairs and counts every interview once when batches of one area with each other's participants are stored at once", async () => {
  // Each participant's three waves go to three different batches, so every pair is made by whichever
  // of two concurrent batches takes the area's lock second; one batch in every round spans both areas
  // (two locks, taken in one order).
  const participants = Array.from({ length: 12 }, () => newCode());
  const month = (wave: number) => `2026-0${wave + 1}-15T10:00:00.000Z`;
  for (let round = 0; round < 3; round += 1) {
    const codes = participants.slice(round * 4, round * 4 + 4);
    const batches: SyncItem[][] = Array.from({ length: 6 }, () => []);
    codes.forEach((code, p) => {
      for (let wave = 0; wave < 3; wave += 1) {
        const area = p === 3 ? "east" : "north";
        batches[(p + wave * 2) % 6]?.push(
          interview({ code, wave, area, completedAt: month(wave) }, { say: 1 + ((p + wave) % 5), nights: p }),
        );
      }
    });
    // Strangers in every batch, so each batch also counts rows no other batch touches.
    for (const batch of batches) {
      batch.push(interview({ area: "north", completedAt: month(0) }, { say: 3, helped: true }));
    }
    const results = await Promise.all(batches.map(post));
    expect(results.flat().map((r) => r.outcome)).toEqual(results.flat().map(() => "accepted"));
  }

  const stored = await rows("select id from responses");
  expect(stored).toHaveLength(12 * 3 + 3 * 6);
  // Every participant's waves 0–1, 0–2 and 1–2 are paired exactly once (interview rows, question '').
  const interviewPairs = await rows(`select p.from_wave, p.to_wave, r.participant_code
    from indicator_pairs p join responses r on r.id = p.response_id where p.question = ''`);
  for (const code of participants) {
    expect(
      interviewPairs.filter((p) => p.participant_code === code).map((p) => `${p.from_wave}-${p.to_wave}`),
      code,
    ).toEqual(["0-1", "0-2", "1-2"]);
  }
  expect(interviewPairs).toHaveLength(participants.length * 3);

  const { stored: counted, recounted } = await aggregates();
  expect(counted).toEqual(recounted);
  expect(counted[2]?.length).toBeGreaterThan(0);

  // And the rows and pairs are those of the one-response-at-a-time path, run with nothing concurrent.
  const before = {
    values: await rows("select * from indicator_values"),
    pairs: await rows("select * from indicator_pairs"),
  };
  await t.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("indicator_pairs").execute();
    await trx.deleteFrom("indicator_values").execute();
    const fieldsOf = fieldsLoader(trx);
    for (const r of await trx.selectFrom("responses").select("id").orderBy("id").execute()) {
      await refreshIndicators(trx, r.id, fieldsOf);
    }
  });
  expect(await rows("select * from indicator_values")).toEqual(before.values);
  expect(await rows("select * from indicator_pairs")).toEqual(before.pairs);
});

it("stores a batch whose ids another batch is storing at the same moment once, and answers duplicate", async () => {
  const code = newCode();
  const items = [0, 1, 2].map((wave) =>
    interview({ code, wave, completedAt: `2026-0${wave + 1}-01T00:00:00.000Z` }, { say: wave + 2 }),
  );
  const [first, second] = await Promise.all([post(items), post([...items].reverse())]);
  const outcomes = new Map(second?.map((r) => [r.id, r.outcome]));
  for (const r of first ?? [])
    expect([r.outcome, outcomes.get(r.id)].sort(), r.id).toEqual(["accepted", "duplicate"]);
  expect(await rows("select id from responses")).toHaveLength(3);
  expect(await rows("select * from indicator_pairs where question = ''")).toHaveLength(3);
  const { stored, recounted } = await aggregates();
  expect(stored).toEqual(recounted);
});
