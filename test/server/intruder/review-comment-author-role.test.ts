import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrations } from "../../../server/db/migrations/index.ts";
import type { Role } from "../../../shared/contract/roles.ts";
import { createTestContext, NOW, TEST_PASSWORD, type TestContext } from "../../helpers/test-app.ts";
import { interview, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";

/**
 * A review comment is readable by evaluators only if an evaluator wrote it (docs/decisions/0065 §2):
 * a comment by the data manager can quote the participant's own words. What counts is the author's
 * role when they wrote it, not today: an account that changes role later (through the administrators'
 * own route, PUT /api/users/:id/role) must not make old comments readable, nor unreadable.
 */

const OWN_WORDS = "Canary-own-words-Mill-Lane-7731";
const QUOTING = `Participant wrote "${OWN_WORDS}" in anything_else`;

let t: TestContext;
let changer: string;
let flaggedId: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t);
  // A second administrator changes roles: nobody may change their own (server/users).
  changer = await t.signIn("admin");
  const flagged = interview({ area: "north" }, { say: 4, ...({ anything_else: OWN_WORDS } as object) });
  flaggedId = flagged.id;
  await upload(t, changer, [flagged]);
});
afterEach(async () => {
  await t.close();
});

/** Signs in a new account of that role; answers its cookie, email and id. */
async function account(role: Role) {
  const cookie = await t.signIn(role);
  const me = (await (await t.request("/api/auth/me", { cookie })).json()) as { id: string; email: string };
  return { cookie, id: me.id, email: me.email };
}

async function setRole(id: string, role: Role): Promise<void> {
  const res = await t.request(`/api/users/${id}/role`, {
    method: "PUT",
    cookie: changer,
    json: { role, areaId: null },
  });
  expect(res.status).toBe(200);
}

/** A fresh session for the account, so nothing of its old role can linger in a session. */
async function signInAgain(email: string): Promise<string> {
  const res = await t.request("/api/auth/login", {
    method: "POST",
    json: { email, password: TEST_PASSWORD },
  });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")?.split(";")[0] ?? "";
}

async function post(cookie: string, comment: string): Promise<void> {
  const res = await t.request(`/api/review/responses/${flaggedId}/comments`, {
    method: "POST",
    cookie,
    json: { comment },
  });
  expect(res.status).toBe(201);
}

async function comments(cookie: string): Promise<{ text: string; comments: (string | null)[] }> {
  const res = await t.request(`/api/review/responses/${flaggedId}`, { cookie });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, comments: (JSON.parse(text).history as { comment: string | null }[]).map((e) => e.comment) };
}

describe("who may read a review comment follows its author's role when it was written", () => {
  it("keeps the data manager's comment withheld from evaluators after that account becomes an evaluator", async () => {
    const author = await account("admin");
    await post(author.cookie, QUOTING);
    await setRole(author.id, "evaluator");

    const readers = [(await account("evaluator")).cookie, author.cookie, await signInAgain(author.email)];
    for (const cookie of readers) {
      const read = await comments(cookie);
      expect(read.text).not.toContain(OWN_WORDS);
      expect(read.comments).toEqual([
        expect.stringMatching(/^Not shown to evaluators: a comment by the data manager/),
      ]);
    }
    // The data manager still reads it in full.
    expect((await comments(changer)).comments).toEqual([QUOTING]);
  });

  it("keeps an evaluator's comment readable to evaluators after that account becomes the data manager", async () => {
    const author = await account("evaluator");
    await post(author.cookie, "say looks right");
    await setRole(author.id, "admin");
    const promoted = await signInAgain(author.email);
    // What they write as the data manager is withheld, as any data manager's comment.
    await post(promoted, QUOTING);

    const read = await comments((await account("evaluator")).cookie);
    expect(read.text).not.toContain(OWN_WORDS);
    expect(read.comments).toEqual(["say looks right", expect.stringMatching(/^Not shown to evaluators/)]);
  });
});

describe("migration 2026-12-07-10 (the author's role on each review event)", () => {
  const migration = migrations["2026-12-07-10-comment-author-role"];
  /** An event as the release before the migration wrote it: no role. */
  const olderRelease = (actorId: string, seq: number, at = NOW) =>
    t.db
      .insertInto("review_events")
      .values({
        id: randomUUID(),
        response_id: flaggedId,
        seq,
        at: at.toISOString(),
        actor_id: actorId,
        from_status: "received",
        to_status: "received",
        adopted_revision: null,
        comment: QUOTING,
      })
      .execute();
  const stored = async () =>
    (await t.db.selectFrom("review_events").select(["actor_id", "actor_role"]).orderBy("seq").execute()).map(
      (r) => [r.actor_id, r.actor_role],
    );

  it("fills in the events stored before it with their author's role then, from the audit log's role changes", async () => {
    const manager = await account("admin");
    const evaluator = await account("evaluator");
    await migration?.down?.(t.db);
    // The manager comments the day before being made an evaluator (at NOW, audited), and again after.
    await olderRelease(manager.id, 1, new Date(NOW.getTime() - 86_400_000));
    await setRole(manager.id, "evaluator");
    await olderRelease(manager.id, 2, new Date(NOW.getTime() + 60_000));
    await olderRelease(evaluator.id, 3);
    await migration?.up(t.db);
    expect(await stored()).toEqual([
      [manager.id, "admin"],
      [manager.id, "evaluator"],
      [evaluator.id, "evaluator"],
    ]);
  });

  it("fills in an event an instance of the older release inserts without it, from the role at that moment", async () => {
    const manager = await account("admin");
    await olderRelease(manager.id, 1);
    await setRole(manager.id, "evaluator");
    await olderRelease(manager.id, 2);
    expect(await stored()).toEqual([
      [manager.id, "admin"],
      [manager.id, "evaluator"],
    ]);
    expect((await comments((await account("evaluator")).cookie)).comments).toEqual([
      expect.stringMatching(/^Not shown to evaluators/),
      QUOTING,
    ]);
  });
});
