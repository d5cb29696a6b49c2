import { describe, expect, it } from "vitest";
import { CO_PRODUCE } from "../outcomes/helpers.ts";
import { composition } from "../releases/helpers.ts";
import { peopleCountsDetermined } from "./pairs-attacker.ts";
import { people, publishFieldwork, small, surveyPerTest } from "./pairs-fieldwork.ts";

/**
 * Interviews at a change's later wave are the people interviewed both times plus the people new then
 * (issue 13, decision 0067). North interviewed ten people twice and two new people at the follow-up:
 * its paired count (10) and its follow-up interviews (12, published, and known to north's people
 * anyway) give the two new people as a difference. Two people new in an area, with the area's
 * follow-up average and the paired "average after", give the sum of their answers; the count of new
 * people must be protected like "did not take part".
 */

const context = surveyPerTest(["east"]);

describe("people new at a change's later wave", () => {
  it("cannot be counted from the paired count and the follow-up interviews", async () => {
    const t = context();
    const release = await publishFieldwork(
      t,
      [
        ...people("north", 10, 10, 2).items,
        ...people("south", 10, 10).items,
        ...people("east", 10, 10, 6).items,
      ],
      composition({ outcomes: [CO_PRODUCE], breakdowns: ["area"], change: { fromWave: 0, toWave: 1 } }),
    );
    const truth = {
      "new 1 north": 2,
      "new 1 south": 0,
      "new 1 east": 6,
      "new 1 all": 8,
      "again 1 north": 10,
      "again 1 south": 10,
      "again 1 east": 10,
      "again 1 all": 30,
    };
    expect(small(peopleCountsDetermined([release], new Set()), truth)).toEqual([]);
  }, 60_000);
});
