import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PublishedRelease, ReleaseView } from "../../../shared/contract/releases.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { CO_PRODUCE, interview, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";
import { composition, json, publishRelease } from "../releases/helpers.ts";
import { addRelease, linkReleases, newAttack, recovered } from "../releases/intruder-attacker.ts";

/**
 * Between two releases one participant joins an area and another withdraws from it, so the area's
 * interview count is unchanged. The groups before and after are not nested (one in, one out), yet an
 * answer count that went up by one names the newcomer's answer, and one that went down by one names
 * the answer of the person who withdrew — whom the area's coordinator, who handled the withdrawal,
 * knows by name. Read as the public and as that coordinator.
 */

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east", "west"]);
});
afterEach(async () => {
  await t.close();
});

const tenIn = (area: string, says: number[]) =>
  says.map((say, i) => interview({ area }, { say, helped: i % 2 === 0 }));

async function read(r: ReleaseView, cookie: string | null): Promise<PublishedRelease> {
  return cookie
    ? json<PublishedRelease>(await t.request(`/api/releases/${r.id}`, { cookie }), 200)
    : json<PublishedRelease>(await t.request(`/api/public/releases/${r.publicLink?.token}`), 200);
}

describe("one joins and one withdraws in the same area between two releases", () => {
  it("gives neither person's answer to the public or the coordinator", async () => {
    const analyst = await t.signIn("evaluator", null);
    const expert = await t.signIn("expert", "north");
    const admin = await t.signIn("admin");
    const north = tenIn("north", [1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5]);
    await upload(t, admin, [
      ...north,
      ...tenIn("south", [4, 4, 4, 5, 5, 5, 5, 3, 2, 2]),
      ...tenIn("east", [2, 2, 3, 3, 3, 4, 4, 5, 1, 1]),
    ]);
    const both = composition({ outcomes: [CO_PRODUCE], breakdowns: ["overall", "area"] });
    const first = await publishRelease(t, { analyst, expert }, both);
    // The newcomer says 1; the one who withdraws said 5.
    await upload(t, admin, [interview({ area: "north" }, { say: 1, helped: true })]);
    const res = await t.request("/api/withdrawals", {
      method: "POST",
      cookie: admin,
      json: { participantCode: north[6]?.participantCode, choice: "delete_all" },
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    const second = await publishRelease(t, { analyst, expert }, both);

    const coordinator = await t.signIn("coordinator", "north");
    for (const [who, cookie] of [
      ["public", null],
      ["coordinator", coordinator],
    ] as const) {
      const state = newAttack();
      addRelease(state, await read(first, cookie), "a", false);
      addRelease(state, await read(second, cookie), "b", true);
      linkReleases(
        state,
        "a",
        "b",
        [{ area: "north", wave: 0 }],
        ["outcomes-check/say|1", "outcomes-check/say|5"],
      );
      expect(recovered(state), who).toEqual([]);
    }
  });
});
