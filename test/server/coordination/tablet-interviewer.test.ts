import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEVICE_HEADER, type EnrolledDevice, type EnrolmentCode } from "../../../shared/contract/devices.ts";
import type { SyncItem, SyncOutcome, SyncResponse } from "../../../shared/contract/sync.ts";
import { okJson, type Person, person } from "../../helpers/coordination.ts";
import { syncItem } from "../../helpers/sync-items.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";

/**
 * Issue 17, decision 0049: a shared tablet uploads every researcher's interviews under whoever is signed
 * in, and names who made each one. The server records the maker when they are a researcher of the
 * area today; any other name is stored under the uploader, flagged for review, never lost.
 */
let t: TestContext;
let coordinator: Person;
let uploader: Person;
let maker: Person;
let token: string;

beforeEach(async () => {
  t = await createTestContext();
  coordinator = await person(t, "coordinator", "north");
  uploader = await person(t, "peer_researcher", "north");
  maker = await person(t, "peer_researcher", "north");
  const code = await okJson<EnrolmentCode>(
    t.request("/api/devices/enrolment-codes", {
      method: "POST",
      cookie: coordinator.cookie,
      json: { userId: uploader.id, label: "Shared tablet" },
    }),
    201,
  );
  token = (
    await okJson<EnrolledDevice>(
      t.request("/api/devices/enrol", { method: "POST", cookie: uploader.cookie, json: { code: code.code } }),
      201,
    )
  ).token;
});
afterEach(async () => {
  await t.close();
});

async function upload(items: SyncItem[], cookie = uploader.cookie): Promise<SyncOutcome[]> {
  const answer = await okJson<SyncResponse>(
    t.request("/api/sync", { method: "POST", cookie, json: { items }, headers: { [DEVICE_HEADER]: token } }),
  );
  return answer.results;
}

async function stored(id: string) {
  return t.db
    .selectFrom("responses")
    .select(["submitted_by", "review_status", "issues", "device_id"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("who made an interview a shared tablet uploads", () => {
  it("records the researcher who made it, not the one who uploaded it", async () => {
    const item = syncItem({ interviewer: maker.id });
    const [outcome] = await upload([item]);
    expect(outcome?.outcome).toBe("accepted");
    expect(await stored(item.id)).toMatchObject({ submitted_by: maker.id, review_status: "received" });
  });

  it("records the uploader for a tablet that names nobody (older tablets) or names the uploader", async () => {
    const old = syncItem();
    const own = syncItem({ interviewer: uploader.id });
    expect((await upload([old, own])).map((o) => o.outcome)).toEqual(["accepted", "accepted"]);
    expect((await stored(old.id)).submitted_by).toBe(uploader.id);
    expect((await stored(own.id)).submitted_by).toBe(uploader.id);
  });

  it("stores an unknown, other-area or removed maker under the uploader, for review, and loses nothing", async () => {
    const south = await person(t, "peer_researcher", "south");
    const removed = await person(t, "peer_researcher", "north");
    const expert = await person(t, "expert", "north");
    await t.db.updateTable("users").set({ disabled: 1 }).where("id", "=", removed.id).execute();
    const items = ["no-such-person", south.id, removed.id, expert.id].map((id) =>
      syncItem({ interviewer: id }),
    );
    const outcomes = await upload(items);
    expect(outcomes.map((o) => o.outcome)).toEqual([
      "needs_review",
      "needs_review",
      "needs_review",
      "needs_review",
    ]);
    for (const [i, item] of items.entries()) {
      const row = await stored(item.id);
      expect(row.submitted_by).toBe(uploader.id);
      expect(row.review_status).toBe("needs_review");
      expect(JSON.parse(row.issues)).toContainEqual(expect.objectContaining({ question: "interviewer" }));
      const outcome = outcomes[i];
      expect(outcome?.outcome === "needs_review" && outcome.issues.map((x) => x.question)).toContain(
        "interviewer",
      );
    }
  });

  it("treats a resend that names the maker as the same interview an older tablet sent", async () => {
    const item = syncItem();
    await upload([item]);
    const [again] = await upload([{ ...item, interviewer: maker.id }]);
    expect(again?.outcome).toBe("duplicate");
    // The first record stands: the resend changes nothing stored.
    expect((await stored(item.id)).submitted_by).toBe(uploader.id);
  });

  it("lets the uploader resend an interview recorded for its maker from the same tablet", async () => {
    const item = syncItem({ interviewer: maker.id });
    await upload([item]);
    const [again] = await upload([item]);
    expect(again?.outcome).toBe("duplicate");
  });
});
