import { describe, expect, it } from "vitest";
import { CO_PRODUCE } from "../outcomes/helpers.ts";
import { composition } from "../releases/helpers.ts";
import { peopleCountsDetermined } from "./pairs-attacker.ts";
import { people, publishFieldwork, small, surveyPerTest } from "./pairs-fieldwork.ts";

/**
 * A release with no change table still counts people who took part again, implicitly (issue 13,
 * decision 0067): "who took part" gives north's first interviews (10) and "did not take part" at the
 * follow-up (7), so three of north's people were interviewed again; the follow-up's eight interviews
 * then give five new. Three people of an area who came back is a count below k, as much as a paired
 * count of three would be.
 */

const context = surveyPerTest(["east"]);

describe("people interviewed again, with no change table", () => {
  it("cannot be counted from who took part", async () => {
    const t = context();
    const release = await publishFieldwork(
      t,
      [...people("north", 10, 3, 5).items, ...people("south", 10, 10).items, ...people("east", 10, 10).items],
      composition({ outcomes: [CO_PRODUCE], breakdowns: ["area_wave"] }),
    );
    const truth = {
      "again 1 north": 3,
      "again 1 south": 10,
      "again 1 east": 10,
      "again 1 all": 23,
      "new 1 north": 5,
      "new 1 south": 0,
      "new 1 east": 0,
      "new 1 all": 5,
    };
    expect(small(peopleCountsDetermined([release], new Set()), truth)).toEqual([]);
  }, 60_000);
});
