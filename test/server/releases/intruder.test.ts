import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  ComposeReleaseRequest,
  PublishedRelease,
  ReleasesResponse,
  ReleaseView,
} from "../../../shared/contract/releases.ts";
import { createTestContext, type TestContext } from "../../helpers/test-app.ts";
import { cohort, interview, numbersIn, publishOutcomesSurvey, upload } from "../outcomes/helpers.ts";
import { composition, json, markSecrets, publishWithSwitches } from "./helpers.ts";
import { addRelease, linkReleases, newAttack, recovered } from "./intruder-attacker.ts";

/**
 * Two releases, each checked and then read by every audience: about 10 s of CPU, which passed the
 * default 20 s on a machine shared with other test runs (no timing is asserted).
 */
const TWO_RELEASES_TIMEOUT = 60_000;

/**
 * Intruder tests (issue 13): for each audience, read every release surface it can reach, put every
 * published figure into the attacker's equations (intruder-attacker.ts, independent of the checks),
 * and fail if a withheld count below k, or one participant's answer, can be worked out. Each scenario
 * also runs with the protection switched off, to show the attack is real.
 */

let t: TestContext;
let analyst: string;
let expert: string;
let admin: string;
beforeEach(async () => {
  t = await createTestContext();
  await publishOutcomesSurvey(t, ["east", "west"]);
  analyst = await t.signIn("evaluator", null);
  expert = await t.signIn("expert", "north");
  admin = await t.signIn("admin");
});
afterEach(async () => {
  await t.close();
});

type Switches = { secondary?: boolean; crossRelease?: boolean };

/** Compose, check (optionally with a rule switched off), sign off twice, publish. */
async function release(body: ComposeReleaseRequest, switches: Switches = {}): Promise<ReleaseView> {
  return publishWithSwitches(t, { analyst, expert }, body, switches);
}

/**
 * Everything each audience can read: its list, each release it can open, and the public link; each
 * withheld figure marked with its reason from the analysts' copy, as the attack's targets only.
 */
async function readAsEveryAudience(published: ReleaseView[]): Promise<Map<string, PublishedRelease[]>> {
  const marked = await readersCopies(published);
  const analysts = new Map(published.map((r) => [r.id, r]));
  for (const [who, seen] of marked) {
    for (const r of seen) {
      for (const table of r.snapshot.tables)
        for (const row of table.rows)
          for (const c of Object.values(row.cells))
            if (!c.published) expect(c, who).toEqual({ published: false });
      expect(
        r.snapshot.checklist.every((item) => item.withheld.length === 0),
        who,
      ).toBe(true);
    }
    marked.set(
      who,
      seen.map((r) => {
        const analyst = analysts.get(r.id);
        if (!analyst) throw new Error("a release no analyst published");
        return markSecrets(r, analyst);
      }),
    );
  }
  return marked;
}

/** What each audience reads, as it reads it (a reader's copy: no reasons, no withheld figures named). */
async function readersCopies(published: ReleaseView[]): Promise<Map<string, PublishedRelease[]>> {
  const out = new Map<string, PublishedRelease[]>();
  const audiences = [
    ["coordinator", await t.signIn("coordinator", "north")],
    ["expert", await t.signIn("expert", "south")],
    ["peer researcher", await t.signIn("peer_researcher", "north")],
  ] as const;
  for (const [who, cookie] of audiences) {
    const list = await json<ReleasesResponse>(await t.request("/api/releases", { cookie }), 200);
    const seen: PublishedRelease[] = [];
    for (const item of list.releases) {
      const view = await json<ReleaseView>(await t.request(`/api/releases/${item.id}`, { cookie }), 200);
      expect(view.status).toBe("published");
      seen.push(view as unknown as PublishedRelease);
    }
    out.set(who, seen);
  }
  const pub: PublishedRelease[] = [];
  for (const r of published) {
    if (!r.publicLink) continue;
    pub.push(
      await json<PublishedRelease>(await t.request(`/api/public/releases/${r.publicLink.token}`), 200),
    );
  }
  out.set("public", pub);
  return out;
}

function attackOne(r: PublishedRelease): string[] {
  const state = newAttack();
  addRelease(state, r, "r", true);
  return recovered(state);
}

function attackTwo(
  before: PublishedRelease,
  after: PublishedRelease,
  changed: { area: string; wave: number }[],
  actual: string[],
) {
  const state = newAttack();
  addRelease(state, before, "a", false);
  addRelease(state, after, "b", true);
  linkReleases(state, "a", "b", changed, actual);
  return recovered(state);
}

const everyone = composition({ outcomes: ["outcome-areas-co-produce-design-and-delivery"] });

describe("finding 1: a hidden “not answered” from interviews − answered", () => {
  beforeEach(async () => {
    await upload(t, admin, [
      ...cohort("north", 0, [1, 2, 3, 4, 5, 5, 4, 3]),
      ...cohort("south", 0, [4, 4, 4, 5, 5, 5, 5, 3]),
      ...cohort("east", 0, [2, 2, 3, 3, 3, 4, 4, 5]),
      interview({ area: "north" }, { helped: true }),
      interview({ area: "north" }, { helped: true }),
      interview({ area: "north" }, { helped: false }),
    ]);
  });

  it("cannot be worked out by any audience", async () => {
    const r = await release(everyone);
    for (const [who, releases] of await readAsEveryAudience([r])) {
      expect(releases.length, who).toBeGreaterThan(0);
      for (const seen of releases) {
        expect(attackOne(seen), who).toEqual([]);
        for (const table of seen.snapshot.tables)
          for (const row of table.rows)
            for (const c of Object.values(row.cells)) if (!c.published) expect(numbersIn(c)).toEqual([]);
      }
    }
  });

  it("can be worked out when secondary suppression is switched off", async () => {
    const r = await release(everyone, { secondary: false });
    const [seen] = (await readAsEveryAudience([r])).get("public") ?? [];
    if (!seen) throw new Error("not public");
    expect(attackOne(seen).some((x) => x.includes("not_answered"))).toBe(true);
  });
});

describe("finding 2: one interview arriving between two releases", () => {
  /** Ten per area; every cell the new or leaving participant touches has at least k people in both releases. */
  const tenIn = (area: string, says: number[]) =>
    says.map((say, i) => interview({ area }, { say, helped: i % 2 === 0 }));
  const base = () => [
    ...tenIn("north", [1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5]),
    ...tenIn("south", [4, 4, 4, 5, 5, 5, 5, 3, 2, 2]),
    ...tenIn("east", [2, 2, 3, 3, 3, 4, 4, 5, 1, 1]),
  ];
  const arrival = () => [interview({ area: "north" }, { say: 1, helped: true })];
  const arrivedSaid = ["outcomes-check/say|1", "outcomes-check/helped|1"];

  it(
    "does not give that participant's answers to any audience",
    async () => {
      await upload(t, admin, base());
      const first = await release(everyone);
      await upload(t, admin, arrival());
      const second = await release(everyone);
      for (const [who, releases] of await readAsEveryAudience([first, second])) {
        const [a, b] = [releases.find((r) => r.id === first.id), releases.find((r) => r.id === second.id)];
        if (!a || !b) continue;
        expect(attackTwo(a, b, [{ area: "north", wave: 0 }], arrivedSaid), who).toEqual([]);
      }
    },
    TWO_RELEASES_TIMEOUT,
  );

  it("gives them away when the cross-release check is switched off", async () => {
    await upload(t, admin, base());
    const first = await release(everyone);
    await upload(t, admin, arrival());
    const second = await release(everyone, { crossRelease: false });
    const pub = (await readAsEveryAudience([first, second])).get("public") ?? [];
    const [a, b] = [pub.find((r) => r.id === first.id), pub.find((r) => r.id === second.id)];
    if (!a || !b) throw new Error("not public");
    expect(attackTwo(a, b, [{ area: "north", wave: 0 }], arrivedSaid).length).toBeGreaterThan(0);
  });

  it("does not give away a withdrawn participant's answers either", async () => {
    const items = base();
    await upload(t, admin, items);
    const first = await release(everyone);
    const leaving = items[0];
    if (!leaving) throw new Error("no item");
    const res = await t.request("/api/withdrawals", {
      method: "POST",
      cookie: admin,
      json: { participantCode: leaving.participantCode, choice: "delete_all" },
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    const second = await release(everyone);
    const pub = (await readAsEveryAudience([first, second])).get("public") ?? [];
    const [a, b] = [pub.find((r) => r.id === first.id), pub.find((r) => r.id === second.id)];
    if (!a || !b) throw new Error("not public");
    // The first interview in north said 1 and "yes" to helped.
    expect(
      attackTwo(a, b, [{ area: "north", wave: 0 }], ["outcomes-check/say|1", "outcomes-check/helped|1"]),
    ).toEqual([]);
  });
});

describe("finding 3: a bar over all waves minus the bar at the one wave shown", () => {
  beforeEach(async () => {
    await upload(t, admin, [
      ...cohort("north", 0, [5, 5, 5, 5, 5, 4, 4, 4, 4, 4]),
      ...cohort("south", 0, [5, 5, 5, 5, 5, 4, 4, 4, 4, 4]),
      ...cohort("east", 0, [5, 5, 5, 5, 5, 4, 4, 4, 4, 4]),
      // At the follow-up, three in north say 5: a hidden group.
      ...cohort("north", 1, [5, 5, 5, 4, 4, 4, 4, 4]),
      ...cohort("south", 1, [5, 5, 5, 5, 5, 4, 4, 4, 4, 4]),
    ]);
  });

  it("cannot be worked out by any audience", async () => {
    const r = await release(
      composition({
        outcomes: ["outcome-areas-co-produce-design-and-delivery"],
        breakdowns: ["area", "wave", "area_wave"],
      }),
    );
    for (const [who, releases] of await readAsEveryAudience([r]))
      for (const seen of releases) expect(attackOne(seen), who).toEqual([]);
  });

  it("can be worked out when secondary suppression is switched off", async () => {
    const r = await release(
      composition({
        outcomes: ["outcome-areas-co-produce-design-and-delivery"],
        breakdowns: ["area", "wave", "area_wave"],
      }),
      { secondary: false },
    );
    const [seen] = (await readAsEveryAudience([r])).get("public") ?? [];
    if (!seen) throw new Error("not public");
    expect(attackOne(seen).length).toBeGreaterThan(0);
  });
});

describe("issue 18: a language breakdown differenced with the total", () => {
  // North has three Polish interviews (fewer than k = 5); everyone else was interviewed in English.
  let polish: ReturnType<typeof cohort> = [];
  beforeEach(async () => {
    polish = cohort("north", 0, [5, 5, 4], { helped: true });
    await upload(t, admin, [
      ...polish,
      ...cohort("north", 0, [1, 2, 3, 4, 2, 3, 1]),
      ...cohort("south", 0, [4, 4, 4, 5, 5, 5, 5, 3, 2, 1]),
      ...cohort("east", 0, [2, 2, 3, 3, 3, 4, 4, 5, 1, 1]),
    ]);
    // The fixture offers English only, so a Polish upload would wait for review (decision 0037): the
    // language is set where the server keeps it, as an upload in an offered Polish would store it.
    await t.db
      .updateTable("responses")
      .set({ language: "pl" })
      .where(
        "participant_code",
        "in",
        polish.map((p) => p.participantCode),
      )
      .execute();
  });
  const byLanguage = composition({
    outcomes: ["outcome-areas-co-produce-design-and-delivery"],
    breakdowns: ["overall", "area", "language"],
  });

  it("names each language in words and withholds the small one", async () => {
    const r = await release(byLanguage);
    const table = r.snapshot?.tables.find((x) => x.breakdown === "language" && x.kind === "indicator");
    if (!table) throw new Error("no language table");
    expect(table.title).toMatch(/by interview language$/);
    expect(table.rows.map((row) => [row.key, row.label, row.language])).toEqual([
      ["l:en", "English", "en"],
      ["l:pl", "Polish", "pl"],
      ["all", "Everyone", null],
    ]);
    const polish = table.rows.find((row) => row.language === "pl");
    // An analyst's copy (this one) says why; readers' copies say only that it is withheld.
    expect(polish?.cells.answered).toMatchObject({ published: false, reason: "below_k" });
  });

  it("cannot be worked out by any audience from the total", async () => {
    const r = await release(byLanguage);
    for (const [who, releases] of await readAsEveryAudience([r])) {
      expect(releases.length, who).toBeGreaterThan(0);
      for (const seen of releases) expect(attackOne(seen), who).toEqual([]);
    }
  });

  it("can be worked out when secondary suppression is switched off", async () => {
    const r = await release(byLanguage, { secondary: false });
    const [seen] = (await readAsEveryAudience([r])).get("public") ?? [];
    if (!seen) throw new Error("not public");
    expect(attackOne(seen).some((x) => x.includes("l:pl"))).toBe(true);
  });
});

describe("issue 18: a participant leaving between two releases broken down by language", () => {
  // Nine Polish interviews, three in each of three areas (a language row over fewer areas is withheld
  // by the minimum-areas rule): six say 5, three say 4. The Polish "5" is published, and would stay
  // at k or more when one of them leaves. (Not all alike: a group that all gave one answer gives it
  // away in one release, which is not what this test is about.)
  let polish: ReturnType<typeof cohort> = [];
  beforeEach(async () => {
    polish = ["north", "south", "east"].flatMap((area) => cohort(area, 0, [5, 5, 4]));
    await upload(t, admin, [
      ...polish,
      ...cohort("north", 0, [1, 2, 3, 4, 2, 3, 1, 1, 2, 3]),
      ...cohort("south", 0, [4, 4, 4, 5, 5, 5, 5, 3, 2, 1]),
      ...cohort("east", 0, [2, 2, 3, 3, 3, 4, 4, 5, 1, 1]),
    ]);
    await t.db
      .updateTable("responses")
      .set({ language: "pl" })
      .where(
        "participant_code",
        "in",
        polish.map((p) => p.participantCode),
      )
      .execute();
  });
  const byLanguage = composition({
    outcomes: ["outcome-areas-co-produce-design-and-delivery"],
    breakdowns: ["overall", "area", "language"],
  });
  // One Polish participant in north, who said 5, withdraws.
  const said = ["outcomes-check/say|5|pl"];
  async function twoReleases(switches: Switches) {
    const first = await release(byLanguage);
    const stored = await t.db
      .selectFrom("release_interviews")
      .select("language")
      .where("release_id", "=", first.id)
      .execute();
    expect(new Set(stored.map((s) => s.language))).toEqual(new Set(["en", "pl"]));
    const leaving = polish[0]; // in north
    if (!leaving) throw new Error("no item");
    const res = await t.request("/api/withdrawals", {
      method: "POST",
      cookie: admin,
      json: { participantCode: leaving.participantCode, choice: "delete_all" },
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    const second = await release(byLanguage, switches);
    const pub = (await readAsEveryAudience([first, second])).get("public") ?? [];
    const [a, b] = [pub.find((r) => r.id === first.id), pub.find((r) => r.id === second.id)];
    if (!a || !b) throw new Error("not public");
    return { a, b };
  }

  // Not yet shown able to fail: with the cross-release check switched off this scenario is still
  // protected by the other rules (the language rows' small cells and minimum areas). It does show that
  // each release keeps its interviews' languages, which a gone interview's language row needs.
  it(
    "keeps the withdrawn participant's answers out of reach",
    async () => {
      const { a, b } = await twoReleases({});
      expect(attackOne(b)).toEqual([]);
      expect(attackTwo(a, b, [{ area: "north", wave: 0 }], said)).toEqual([]);
    },
    TWO_RELEASES_TIMEOUT,
  );
});
