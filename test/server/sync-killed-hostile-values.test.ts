import SQLite from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import type { SyncItem, SyncResponse } from "../../shared/contract/sync.ts";
import { publishedSurvey } from "../helpers/editor.ts";
import { call, serverOver } from "../helpers/killed-server.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";
import { probeInterview } from "./intruder/probe-helpers.ts";

// crash-safety.test.ts on both databases, with the value shapes survey-core throws on (docs/decisions/0078: each is now
// stored for review instead of failing the batch with a 500) in every batch: a SIGKILL mid-stream still
// leaves every acknowledged batch whole, an unacknowledged one whole or absent, and the tablet's retry
// stores the rest once, the hostile interviews for review as the first time (docs/decisions/0079).

const SURVEY = "hostile-values";
const elements = [
  { type: "boolean", name: "consent", title: "Are you happy to take part?", isRequired: true },
  { type: "file", name: "photo", title: "A photo" },
  { type: "signaturepad", name: "signature", title: "Sign here" },
  { type: "slider", name: "level", title: "How much?", min: 0, max: 10 },
  {
    type: "paneldynamic",
    name: "household",
    title: "Who lives with you?",
    templateElements: [{ type: "text", name: "who", title: "First name" }],
  },
];
const hostile = [
  { photo: { hasOwnProperty: 1 } },
  { signature: { hasOwnProperty: 1 } },
  { level: { toString: "x" } },
  { household: [null] },
];
const BATCHES = 40;
const SENDERS = 3;
const KILL_AFTER_ACKS = 6;

let t: TestContext;
let server: (ServerProcess & { dispose(): void }) | undefined;
afterEach(async () => {
  await server?.kill("SIGKILL");
  server?.dispose();
  await t.close();
});

/** Ten interviews: the four hostile shapes and six ordinary ones. */
function batch(): SyncItem[] {
  return [
    ...hostile.map((data) => probeInterview(SURVEY, 1, data)),
    ...Array.from({ length: 6 }, (_, i) =>
      probeInterview(SURVEY, 1, { level: i, household: [{ who: "A" }] }),
    ),
  ];
}

/** How many of each batch's ids the database holds, read after the crash; SQLite's integrity too. */
async function storedPerBatch(batches: SyncItem[][]): Promise<{ counts: number[]; integrity: string }> {
  const rows = await t.db.selectFrom("responses").select("id").where("survey_id", "=", SURVEY).execute();
  const ids = new Set(rows.map((r) => r.id));
  const counts = batches.map((b) => b.filter((item) => ids.has(item.id)).length);
  if (!t.sqliteFile) return { counts, integrity: "ok" };
  const sqlite = new SQLite(t.sqliteFile, { readonly: true });
  try {
    return { counts, integrity: String(sqlite.pragma("integrity_check", { simple: true })) };
  } finally {
    sqlite.close();
  }
}

const outcomes = (res: SyncResponse) => res.results.map((r) => r.outcome);
const firstTime = [...hostile.map(() => "needs_review"), ...Array.from({ length: 6 }, () => "accepted")];

it("keeps acknowledged batches with hostile values whole through a SIGKILL, and the retry stores the rest once", async () => {
  t = await createTestContext();
  await publishedSurvey(t, SURVEY, ...elements);
  const cookie = await t.signIn("peer_researcher", "north");
  const batches = Array.from({ length: BATCHES }, batch);
  const acknowledged = new Set<number>();
  let next = 0;
  let killed: Promise<void> | undefined;

  server = await serverOver(t);
  const running = server;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < batches.length && running.child.exitCode === null && running.child.signalCode === null) {
        const index = next;
        next += 1;
        try {
          const res = await call(running, "/api/sync", cookie, { items: batches[index] });
          if (res.status === 200) {
            expect(outcomes((await res.json()) as SyncResponse)).toEqual(firstTime);
            acknowledged.add(index);
          }
        } catch (error) {
          if ((error as Error).name === "AssertionError") throw error;
          // The connection died with the server: this batch is not acknowledged.
        }
        if (acknowledged.size >= KILL_AFTER_ACKS && !killed)
          killed = new Promise((wait) => setTimeout(wait, Math.random() * 100)).then(() =>
            running.kill("SIGKILL"),
          );
      }
    }),
  );
  await killed;
  expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  expect(acknowledged.size).toBeLessThan(BATCHES);

  const afterCrash = await storedPerBatch(batches);
  expect(afterCrash.integrity).toBe("ok");
  afterCrash.counts.forEach((count, index) => {
    if (acknowledged.has(index)) expect(count, `acknowledged batch ${index}`).toBe(10);
    else expect([0, 10], `unacknowledged batch ${index}`).toContain(count);
  });

  server.dispose();
  server = await serverOver(t);
  for (const [index, items] of batches.entries()) {
    if (acknowledged.has(index)) continue;
    const res = await call(server, "/api/sync", cookie, { items });
    expect(res.status, server.output()).toBe(200);
    const got = outcomes((await res.json()) as SyncResponse);
    if (afterCrash.counts[index] === 10) expect(new Set(got)).toEqual(new Set(["duplicate"]));
    else expect(got).toEqual(firstTime);
  }
  const final = await storedPerBatch(batches);
  expect(final.counts).toEqual(batches.map(() => 10));
  const reviewed = await t.db
    .selectFrom("responses")
    .select(({ fn }) => fn.countAll<number>().as("n"))
    .where("survey_id", "=", SURVEY)
    .where("review_status", "=", "needs_review")
    .executeTakeFirstOrThrow();
  expect(Number(reviewed.n)).toBe(BATCHES * hostile.length);
}, 120_000);
