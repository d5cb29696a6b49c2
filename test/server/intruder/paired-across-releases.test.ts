import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PublishedRelease, ReleaseView } from "../../../shared/contract/releases.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { CO_PRODUCE, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";
import { composition, publishRelease } from "../releases/helpers.ts";
import { pairsRecoveredAcross } from "./pairs-attacker.ts";
import { people, readPublic } from "./pairs-fieldwork.ts";

/**
 * Two releases with change between the same waves, read together (issue 13, paired counts across
 * releases). The first publishes north's paired count and withholds south's with east's (3, below k);
 * six more people are interviewed twice in south only; the second publishes south's and withholds
 * north's. Everyone in north knows nobody was interviewed there in between, so north's count is the
 * same: "everyone" − south − north = east. The earlier release's paired counts must be linked to
 * today's, not only compared figure by figure. And an area's people know how many first interviews
 * their area did, so a paired count must not be had from "did not take part" either.
 */

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t);
  await t.db
    .insertInto("areas")
    .values({ id: "east", name: "Area east", region: "Test", created_at: new Date().toISOString() })
    .execute();
});
afterEach(async () => {
  await t.close();
});

describe("paired change across two releases", () => {
  it("does not let a withheld paired count be had from an earlier release's", async () => {
    const analyst = await t.signIn("evaluator", null);
    const expert = await t.signIn("expert", "north");
    const admin = await t.signIn("admin");
    await upload(t, admin, [
      ...people("north", 11, 11).items,
      ...people("south", 10, 10).items,
      ...people("east", 10, 3).items,
    ]);
    const body = composition({
      outcomes: [CO_PRODUCE],
      breakdowns: ["area"],
      change: { fromWave: 0, toWave: 1 },
    });
    const first: ReleaseView = await publishRelease(t, { analyst, expert }, body);
    await upload(t, admin, people("south", 6, 6).items);
    const second: ReleaseView = await publishRelease(t, { analyst, expert }, { ...body, title: "Later" });
    const releases = [await readPublic(t, first), await readPublic(t, second)];
    // The scenario is the one meant: east's paired count is withheld as below k both times.
    for (const r of releases) {
      const east = r.snapshot.tables
        .find((x) => x.id === "outcomes-check/say:change")
        ?.rows.find((x) => x.key === "east");
      expect(east?.cells.n).toMatchObject({ published: false, reason: "below_k" });
    }
    // East's people know their area did ten first interviews, withheld or not: with "did not take
    // part" at the follow-up, the first release alone would give them the paired count.
    expect(pairsRecoveredAcross([releases[0] as PublishedRelease], new Set())).toEqual([]);
    expect(pairsRecoveredAcross(releases, new Set(["north", "east"]))).toEqual([]);
  }, 60_000);
});
