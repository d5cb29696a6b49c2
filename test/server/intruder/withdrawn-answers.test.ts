import { describe, expect, it } from "vitest";
import { CO_PRODUCE } from "../outcomes/helpers.ts";
import { composition } from "../releases/helpers.ts";
import { type AreaFieldwork, type Person, peopleOf, releasesAcross, shown } from "./bounds-releases.ts";
import { surveyPerTest } from "./pairs-fieldwork.ts";

/**
 * A withdrawn person's answers (decision 0077; "seed 73, shape 4" of decision 0073). Two people
 * withdraw between two releases: east's first and south's first, each interviewed at both waves and
 * answering "no" to "helped" both times. The first release counted them; the later one does not
 * (their answers are deleted). In the scan, the later release published everyone's "yes" (19)
 * unchanged from the first, so none of the people who left said yes (counts are not negative); with
 * the first release's zero "not answered" in south at both waves, south's person said "no" twice,
 * which south's people, who know who withdrew, could then read. The check knew neither that a
 * withdrawn interview's answers are secrets nor that an unchanged count empties the difference.
 */

const context = surveyPerTest(["east", "west"]);

/** North's, south's, east's and west's fieldwork in the random scan (fast-check seed 73, fifth shape). */
const fieldwork: AreaFieldwork[] = [
  {
    first: [{}],
    back: [
      { say: 1, helped: true },
      { say: 4, helped: false },
      { say: 1, helped: true },
      { say: 4 },
      { say: 3, helped: true },
      { say: 5, helped: true },
      { say: 1, helped: false },
      { say: 5, helped: false },
    ],
    fresh: [
      { say: 3, helped: false },
      { say: 1, helped: true },
    ],
  },
  {
    first: [
      { helped: false },
      { say: 4, helped: true },
      { say: 4, helped: true },
      { say: 4, helped: true },
      { say: 4, helped: false },
      { helped: true },
      { say: 5, helped: true },
      { say: 2, helped: false },
      { say: 2, helped: false },
    ],
    back: [{ helped: false }, { say: 3, helped: true }, { say: 2, helped: true }, { say: 2, helped: true }],
    fresh: [{ say: 1, helped: true }],
  },
  {
    first: [{ helped: false }, { say: 3, helped: false }, { say: 4, helped: true }],
    back: [{ say: 3, helped: false }, { say: 5 }, { helped: false }, {}],
    fresh: [],
  },
  {
    first: [
      { say: 5, helped: true },
      { helped: false },
      { say: 5 },
      { say: 3, helped: true },
      { say: 1, helped: false },
      { say: 4, helped: true },
      { say: 5, helped: false },
    ],
    back: [
      { say: 4, helped: true },
      { say: 3, helped: true },
      { say: 2 },
      { say: 5, helped: true },
      { say: 5, helped: false },
      { say: 3, helped: true },
      { say: 3, helped: false },
      { say: 4, helped: false },
      { say: 5, helped: false },
      { say: 5, helped: true },
    ],
    fresh: [{ helped: false }, { say: 4 }, { say: 3, helped: false }],
  },
];

/** East's and south's first participants, who withdraw; both said "no" to "helped" at both waves. */
function leavers(people: Person[]): Person[] {
  const firstOf = (area: string) => people.find((p) => p.area === area && p.at.has(0));
  const leaving = [firstOf("east"), firstOf("south")].flatMap((p) => p ?? []);
  expect(leaving.map((p) => [...p.at.values()].map((a) => a.helped))).toEqual([
    [false, false],
    [false, false],
  ]);
  return leaving;
}

const body = composition({ outcomes: [CO_PRODUCE], breakdowns: ["wave", "area_wave"] });

describe("a withdrawn person's answers (decision 0077)", () => {
  // Three orders of the same interviews: the order decides which figures the check withholds.
  for (const seed of [1, 2, 3])
    it(`are not given back by an unchanged count and an earlier zero (interview order ${seed})`, async () => {
      const people = peopleOf(fieldwork);
      const leaving = leavers(people);
      const a = await releasesAcross(context(), people, body, [{ arriving: [], leaving }], seed);
      expect(shown(a.found)).toEqual([]);
    }, 60_000);

  for (const seed of [1, 2])
    it(`are not given back when they leave after a second release (interview order ${seed})`, async () => {
      // East's person withdraws after the first release, south's after the second: south's person
      // was in two earlier releases, whose figures the third is checked against.
      const people = peopleOf(fieldwork);
      const [east, south] = leavers(people);
      const a = await releasesAcross(
        context(),
        people,
        body,
        [
          { arriving: [], leaving: east ? [east] : [] },
          { arriving: [], leaving: south ? [south] : [] },
        ],
        seed,
      );
      expect(shown(a.found)).toEqual([]);
    }, 90_000);
});
