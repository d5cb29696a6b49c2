import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PublishedRelease, ReleaseCell, ReleaseTable } from "../../../shared/contract/releases.ts";
import type { TestContext } from "../../helpers/test-app.ts";
import { CO_PRODUCE, upload } from "../outcomes/helpers.ts";
import { composition, publishRelease, publishWithSwitches } from "../releases/helpers.ts";
import { BoundsAttack } from "./bounds-attacker.ts";
import {
  AREAS,
  attack,
  itemsOf,
  K,
  type Person,
  peopleOf,
  person,
  releasesAcross,
  shapeArb,
  shown,
} from "./bounds-releases.ts";
import { readPublic, surveyPerTest } from "./pairs-fieldwork.ts";

/**
 * Non-negativity (issue 13, decision 0069). The release check's audit is linear: a withheld count is
 * safe when no combination of published figures gives it exactly. An outsider also knows that every
 * count is a whole number ≥ 0, and a release says which withheld counts are "too few people" (1 to
 * k − 1). The attacker (bounds-attacker.ts, written apart from the check) puts every published figure
 * of the releases an audience reads into a linear program over non-negative unknowns and bounds every
 * withheld count and every secret count (people interviewed again or new, per area and for everyone;
 * the answers of people who arrived or left between two releases), as an area's people, who also know
 * every area's interview counts and the arrivals and withdrawals (decisions 0023, 0067); what that
 * knowledge gives without the last release is not counted (bounds-releases.ts). A count of 1 to k − 1 is disclosed when its
 * integer interval holds fewer than WIDTH + 1 values.
 *
 * What it found on the check of 2026-12-07 (decision 0069): sums of zero over several groups, now
 * split by the check (asserted closed), and the published "below k", closed by telling readers only
 * that a figure is withheld, never why (decision 0071; asserted as a reader told the reasons would
 * see it, and as readers now see it). The random shapes check that the attacker's model
 * is true to the figures (the true counts satisfy every constraint and lie within every bound), which
 * is what lets its findings be trusted, and that non-negativity alone pins nothing there.
 */

const context = surveyPerTest(["east", "west"]);

async function releaseOf(
  t: TestContext,
  people: Person[],
  breakdowns: ("overall" | "area" | "wave" | "area_wave")[],
  switches: { secondary?: boolean } = {},
): Promise<PublishedRelease> {
  const analyst = await t.signIn("evaluator", null);
  const expert = await t.signIn("expert", "north");
  await upload(t, await t.signIn("admin"), itemsOf(people));
  const body = composition({ outcomes: [CO_PRODUCE], breakdowns });
  return readPublic(
    t,
    switches.secondary === undefined
      ? await publishRelease(t, { analyst, expert }, body)
      : await publishWithSwitches(t, { analyst, expert }, body, switches),
  );
}

/**
 * A hand-made release of one question's "say" row (as a reader sees it) and the participation table,
 * for the attacker's own tests.
 */
function handMade(cells: Record<string, ReleaseCell>, interviews: ReleaseCell): PublishedRelease {
  const columns = ["1", "2", "3", "4", "5"].map((c) => ({
    key: `c:${c}`,
    label: c,
    kind: "count" as const,
    of: null,
  }));
  const say: ReleaseTable = {
    id: "outcomes-check/say:area",
    kind: "indicator",
    title: "say",
    outcomeId: CO_PRODUCE,
    indicator: {
      key: "outcomes-check/say",
      question: "say",
      title: "say",
      kind: "scale",
      direction: "higherIsBetter",
    },
    breakdown: "area",
    change: null,
    columns: [
      ...columns,
      { key: "answered", label: "Answered", kind: "count", of: null },
      { key: "not_answered", label: "Not answered", kind: "count", of: null },
    ],
    rows: [{ key: "north", label: "north", area: "north", wave: null, cells }],
  } as ReleaseTable;
  const participation = {
    id: "participation",
    kind: "participation",
    title: "Who took part",
    outcomeId: null,
    indicator: null,
    breakdown: "area_wave",
    change: null,
    columns: [{ key: "interviews", label: "Interviews", kind: "count", of: null }],
    rows: [{ key: "north@w0", label: "north", area: "north", wave: 0, cells: { interviews } }],
  } as ReleaseTable;
  return { snapshot: { tables: [say, participation] } } as unknown as PublishedRelease;
}

const pub = (value: number): ReleaseCell => ({ published: true, value });
const belowK: ReleaseCell = { published: false, reason: "below_k" };
const other: ReleaseCell = { published: false, reason: "complement" };

describe("the bounds attacker, on hand-made figures", () => {
  it("pins two counts below k that share a remainder of 2, which no linear combination gives", () => {
    const r = handMade(
      {
        "c:1": belowK,
        "c:2": belowK,
        "c:3": pub(5),
        "c:4": pub(5),
        "c:5": pub(0),
        answered: pub(12),
        not_answered: pub(0),
      },
      pub(12),
    );
    const x = new BoundsAttack(K);
    x.addRelease(r, "r0");
    expect(shown(x.bounds())).toEqual([
      "r0 outcomes-check/say:area north c:1 [1, 1]",
      "r0 outcomes-check/say:area north c:2 [1, 1]",
    ]);
    // Without the release's "below k" the two are 0 to 2 each.
    const y = new BoundsAttack(K);
    y.addRelease(r, "r0", { labels: false, targets: false });
    for (const label of ["c:1", "c:2"])
      y.secret(label, x.targets.find((t) => t.label.endsWith(label))?.terms ?? []);
    expect(shown(y.bounds())).toEqual(["c:1 [0, 2]", "c:2 [0, 2]"]);
  });

  it("pins a count from a difference of zero (non-negativity alone)", () => {
    // 7 interviews, 7 answered: nobody skipped; 6 said 3 or 4; the withheld 1 and 5 hold one person.
    const r = handMade(
      {
        "c:1": other,
        "c:2": pub(0),
        "c:3": pub(6),
        "c:4": pub(0),
        "c:5": other,
        answered: pub(7),
        not_answered: other,
      },
      pub(7),
    );
    const x = new BoundsAttack(K);
    x.addRelease(r, "r0", { labels: false });
    x.secret("not answered", [["r0|outcomes-check/say|north|0|not_answered", 1]]);
    x.secret("said 1", [["r0|outcomes-check/say|north|0|1", 1]]);
    expect(shown(x.bounds())).toEqual(["not answered [0, 0]", "said 1 [0, 1]"]);
  });

  it("keeps k − 1 counts below k under a total below k at 1 each", () => {
    // Four answers withheld as below k, and "answered" (4) withheld as below k too: each is 1.
    const r = handMade(
      {
        "c:1": belowK,
        "c:2": belowK,
        "c:3": belowK,
        "c:4": belowK,
        "c:5": pub(0),
        answered: belowK,
        not_answered: pub(0),
      },
      belowK,
    );
    const x = new BoundsAttack(K);
    x.addRelease(r, "r0");
    expect(shown(x.bounds()).filter((s) => s.includes("c:"))).toEqual(
      ["c:1", "c:2", "c:3", "c:4"].map((c) => `r0 outcomes-check/say:area north ${c} [1, 1]`),
    );
  });
});

describe("releases checked by today's check", () => {
  // North: 12 answered "say": five 3s, five 4s, one 1, one 2; the other areas 1s and 2s, five each.
  const fieldwork = () => [
    ...[3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 1, 2].map((say) => person("north", 0, { say, helped: true })),
    ...["south", "east", "west"].flatMap((area) =>
      [1, 1, 1, 1, 1, 2, 2, 2, 2, 2].map((say) => person(area, 0, { say, helped: true })),
    ),
  ];

  it("gives back a withheld count when secondary suppression is switched off (the attack is real)", async () => {
    const people = fieldwork();
    const r = await releaseOf(context(), people, ["overall", "area"], { secondary: false });
    const a = attack([{ release: r, people }], [], { labels: false });
    expect(a.broken).toEqual([]);
    expect(a.found.length).toBeGreaterThan(0);
  }, 60_000);

  it("closed (decision 0071): readers are not told which figures are “below k”, which pinned north's one “1” and one “2”", async () => {
    const people = fieldwork();
    // readPublic checks that the public's copy says of no withheld figure why it is withheld.
    const r = await releaseOf(context(), people, ["overall", "area"]);
    // A reader told the reasons, as every reader was before decision 0071, pins both.
    const told = attack([{ release: r, people }], [], { labels: true });
    expect(told.broken).toEqual([]);
    expect(shown(told.found)).toEqual([
      "r0 outcomes-check/say:area north c:1 [1, 1]",
      "r0 outcomes-check/say:area north c:2 [1, 1]",
    ]);
    // Without the reasons, non-negativity leaves them open: the linear audit's guarantee holds.
    expect(attack([{ release: r, people }], []).found).toEqual([]);
  }, 60_000);

  it("does not give north's people new at the follow-up from a difference of zero across areas", async () => {
    // Nobody anywhere was interviewed twice: "did not take part" at the follow-up (23) equals the
    // first interviews (23), so the people interviewed again are 0 in every area — a sum of zero over
    // several areas, which the linear audit did not split. North's two follow-up interviews (known to
    // north's people) were then two people new at the follow-up, a count the check keeps secret (0067):
    // pinned before decision 0069, when the check learnt that two published counts of the same value,
    // one over part of the other's people, leave the rest empty.
    const people = [
      ...["south", "east", "west"].flatMap((area) =>
        [1, 2, 3, 4, 5, 5].flatMap((say, i) => [
          person(area, 0, { say, helped: i < 3 }),
          person(area, 1, { say, helped: i < 4 }),
        ]),
      ),
      ...[3, 4, 5, 5, 5].map((say) => person("north", 0, { say, helped: true })),
      person("north", 1, { say: 4, helped: true }),
      person("north", 1, { say: 5, helped: false }),
    ];
    const r = await releaseOf(context(), people, ["wave", "area_wave"]);
    const a = attack([{ release: r, people }], [], { labels: false });
    expect(a.broken).toEqual([]);
    expect(a.found).toEqual([]);
  }, 60_000);
});

describe("an earlier release's count withheld as below k (decision 0073)", () => {
  // Three orders of the same interviews (the order decides which figures the check withholds); each
  // gave the count back before decision 0073.
  for (const seed of [1, 2, 3])
    it(`is not given back by a later release's zero “not answered” and a known arrival (interview order ${seed})`, async () => {
      // West's four people were interviewed only at the follow-up, all answering both questions: the
      // first release withholds west's follow-up "answered" (4) as below k. One more person arrives in
      // west at the follow-up and answers too. The later release, on its own, may publish west's
      // "answered" (5) and "not answered" (0): but then nobody in west skipped the question in either
      // release (the arrival only adds), so the first release's "answered" is west's four follow-up
      // interviews, which west's people know. Before decision 0073 the check did not keep an earlier
      // release's counts withheld as below k secret in the answer systems and published both.
      const say = [1, 2, 3, 4, 5, 5, 4, 3, 2, 1];
      const people = [
        ...["north", "south", "east"].flatMap((area) =>
          say.map((s, i) => person(area, 0, { say: s, helped: i % 2 === 0 })),
        ),
        ...[3, 3, 4, 4].map((s) => person("west", 1, { say: s, helped: true })),
      ];
      const a = await releasesAcross(
        context(),
        people,
        composition({ outcomes: [CO_PRODUCE], breakdowns: ["overall", "area_wave"] }),
        [{ arriving: [person("west", 1, { say: 3, helped: true })], leaving: [] }],
        seed,
      );
      expect(shown(a.found)).toEqual([]);
    }, 60_000);
});

describe("random fieldwork (fixed seed), two releases each", () => {
  for (const [n, shape] of fc.sample(shapeArb, { seed: 69, numRuns: 2 }).entries())
    it(`is bounded truly, and non-negativity alone pins nothing (shape ${n})`, async () => {
      const people = peopleOf(shape.areas);
      const body = composition({
        outcomes: [CO_PRODUCE],
        breakdowns: [...shape.breakdowns],
        change: shape.change ? { fromWave: 0, toWave: 1 } : null,
      });
      const leaving = [...new Set(shape.withdrawals.map((i) => i % Math.max(1, people.length)))].flatMap(
        (i) => people[i] ?? [],
      );
      const arriving = shape.arrivals.map(([a, wave, answers]) => person(AREAS[a] as string, wave, answers));
      // Shape 1 gave back the first release's "answered" of west at the follow-up before decision 0073
      // (the same path as the test above, found by this scan).
      expect(shown((await releasesAcross(context(), people, body, [{ arriving, leaving }])).found)).toEqual(
        [],
      );
    }, 60_000);
});
