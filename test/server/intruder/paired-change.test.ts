import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PublishedRelease, ReleaseView } from "../../../shared/contract/releases.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { CO_PRODUCE, interview, newCode, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";
import { composition, json, markSecrets, publishRelease } from "../releases/helpers.ts";
import { pairsRecovered } from "./pairs-attacker.ts";
import { expectReadersCopy, readPublic } from "./pairs-fieldwork.ts";

/**
 * A release with change between waves: the paired count of an area ("people interviewed both times")
 * is withheld when below k, but the same release's "who took part" table gives the area's first-wave
 * interviews and how many of them did not take part at the later wave; their difference is the paired
 * count. Read as the public and as the area partnership.
 */

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east", "west"]);
});
afterEach(async () => {
  await t.close();
});

/** Ten people per area at the first wave; all come back in north and south, three of ten in east (plus five new). */
function fieldwork(): SyncItem[] {
  const items: SyncItem[] = [];
  for (const area of ["north", "south", "east"]) {
    const codes = Array.from({ length: 10 }, () => newCode());
    codes.forEach((code, i) => {
      items.push(interview({ area, code, wave: 0 }, { say: 1 + (i % 5), helped: i % 2 === 0 }));
    });
    const back = area === "east" ? codes.slice(0, 3) : codes;
    back.forEach((code, i) => {
      items.push(interview({ area, code, wave: 1 }, { say: 1 + ((i + 1) % 5), helped: i % 2 === 0 }));
    });
    if (area === "east")
      for (let i = 0; i < 5; i++)
        items.push(interview({ area, wave: 1 }, { say: 1 + i, helped: i % 2 === 0 }));
  }
  return items;
}

describe("paired change: a withheld paired count from the “who took part” table", () => {
  it("cannot be worked out by the public or the area partnership", async () => {
    const analyst = await t.signIn("evaluator", null);
    const expert = await t.signIn("expert", "north");
    await upload(t, await t.signIn("admin"), fieldwork());
    const r: ReleaseView = await publishRelease(
      t,
      { analyst, expert },
      composition({ outcomes: [CO_PRODUCE], breakdowns: ["area_wave"], change: { fromWave: 0, toWave: 1 } }),
    );
    const pub = await readPublic(t, r);
    const coordinator = await t.signIn("coordinator", "north");
    const theirs = await json<PublishedRelease>(
      await t.request(`/api/releases/${r.id}`, { cookie: coordinator }),
      200,
    );
    expectReadersCopy(theirs);
    // The scenario is the one meant: east's paired count is withheld as below k.
    const east = pub.snapshot.tables
      .find((x) => x.id === "outcomes-check/say:change")
      ?.rows.find((x) => x.key === "east");
    expect(east?.cells.n).toMatchObject({ published: false, reason: "below_k" });
    expect(pairsRecovered(pub)).toEqual([]);
    expect(pairsRecovered(markSecrets(theirs, r))).toEqual([]);
  });
});
