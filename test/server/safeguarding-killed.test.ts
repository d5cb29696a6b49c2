import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, expect, it } from "vitest";
import { call, during, holdLock, serverSlot } from "../helpers/killed-server.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * A safeguarding concern and its audit entry are written together (decision 0079's pattern). The
 * concern was stored first and audited after, outside its transaction: a server killed between the
 * two kept the concern on no record, and the tablet's retry found it stored ("duplicate") and wrote
 * none. On PostgreSQL the audit write is held (a lock on `audit_log`) and the server killed there; on
 * SQLite the request's first write is held, so there the test shows only that nothing half-done is kept.
 */

let t: TestContext;
let researcher: string;
const slot = serverSlot(() => t);

beforeEach(async () => {
  t = await createTestContext();
  researcher = await t.signIn("peer_researcher", "north");
});
afterEach(async () => {
  await slot.stop();
  await t.close();
});

const restart = () => slot.restart();

async function held(id: string) {
  const concerns = await t.db.selectFrom("safeguarding_concerns").select("id").where("id", "=", id).execute();
  const audited = await t.db
    .selectFrom("audit_log")
    .select("id")
    .where("action", "=", "safeguarding.raise")
    .where("target", "=", id)
    .execute();
  return { concerns: concerns.length, audited: audited.length };
}

it("keeps a concern raised while the server is killed with its audit entry or not at all, and the retry records it once", async () => {
  const concern = {
    id: randomUUID(),
    areaId: "north",
    raisedAt: "2026-11-25T18:05:00.000Z",
    participantCode: null,
    urgency: "today",
    description: "Said they had nowhere to sleep tonight.",
  };
  const live = await restart();
  const lock = await holdLock(t, "audit_log");
  const answer = during(call(live, "/api/safeguarding", researcher, concern));
  await lock.waitedOn(live);
  await live.kill("SIGKILL");
  await lock.release();
  expect(await answer).toBeNull();
  expect(await held(concern.id)).toEqual({ concerns: 0, audited: 0 });

  // The tablet sends it again to a restarted server: stored once, on record once.
  const again = await restart();
  const res = await call(again, "/api/safeguarding", researcher, concern);
  expect(res.status, await res.clone().text()).toBe(201);
  expect(await res.json()).toMatchObject({ id: concern.id, outcome: "accepted" });
  expect(await held(concern.id)).toEqual({ concerns: 1, audited: 1 });
}, 90_000);
