import { describe, expect, it } from "vitest";
import { CO_PRODUCE, upload } from "../outcomes/helpers.ts";
import { cell, composition, publishRelease } from "../releases/helpers.ts";
import { pairsRecoveredAcross } from "./pairs-attacker.ts";
import { people, readPublic, surveyPerTest } from "./pairs-fieldwork.ts";

/**
 * Two releases with change between the same waves, with withdrawals in between (issue 13, decision
 * 0067). The first withholds west's paired count (3 of the 6 people interviewed first came back) and
 * its "did not take part" (3). Then the three people interviewed both times withdraw, and the second
 * release would publish "everyone" (30) and the other areas' paired counts (10 each): west has 0. West's coordinator handled the withdrawals, so west's
 * people know the paired count went down by exactly three: the first release's 3 is given back. An
 * earlier release's figures of an area with withdrawals must be tied to today's, and what it withheld
 * as below k must stay so.
 */

const context = surveyPerTest(["east", "west"]);

describe("paired change across withdrawals", () => {
  it("does not give back what an earlier release withheld", async () => {
    const t = context();
    const analyst = await t.signIn("evaluator", null);
    const expert = await t.signIn("expert", "north");
    const admin = await t.signIn("admin");
    // Five people new at the follow-up keep west's interviews there above zero, so that "nobody is
    // interviewed both times now" is not known from the interview counts alone.
    const west = people("west", 6, 3, 5);
    await upload(t, admin, [
      ...people("north", 10, 10).items,
      ...people("south", 10, 10).items,
      ...people("east", 10, 10).items,
      ...west.items,
    ]);
    const body = composition({
      outcomes: [CO_PRODUCE],
      breakdowns: ["area"],
      change: { fromWave: 0, toWave: 1 },
    });
    const first = await publishRelease(t, { analyst, expert }, body);
    for (const participantCode of west.codes.slice(0, 3)) {
      const res = await t.request("/api/withdrawals", {
        method: "POST",
        cookie: admin,
        json: { participantCode, choice: "delete_all" },
      });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
    }
    const second = await publishRelease(t, { analyst, expert }, { ...body, title: "Later" });
    const before = await readPublic(t, first);
    const releases = [before, await readPublic(t, second)];
    // The scenario is the one meant: west's paired count is withheld as below k the first time.
    expect(cell(before, "outcomes-check/say:change", "west", "n")).toMatchObject({
      published: false,
      reason: "below_k",
    });
    // West's unknowns differ between the releases by the withdrawals its people know of: for what can
    // be worked out, the same as unchanged.
    expect(pairsRecoveredAcross(releases, new Set(["north", "south", "east", "west"]))).toEqual([]);
  }, 60_000);
});
