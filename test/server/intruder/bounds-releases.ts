import fc from "fast-check";
import { expect } from "vitest";
import type {
  ComposeReleaseRequest,
  PublishedRelease,
  ReleaseCell,
} from "../../../shared/contract/releases.ts";
import type { SyncItem } from "../../../shared/contract/sync.ts";
import type { TestContext } from "../../helpers/test-app.ts";
import { interview, newCode, upload } from "../outcomes/helpers.ts";
import { publishRelease } from "../releases/helpers.ts";
import { type Bounds, BoundsAttack, disclosed } from "./bounds-attacker.ts";
import { readPublic } from "./pairs-fieldwork.ts";

/**
 * Two releases of fieldwork with people who arrive or withdraw between them, attacked with the bounds
 * attacker (bounds-attacker.ts) as an area's people, who know every area's interview counts and the
 * arrivals and withdrawals (decisions 0023, 0067, 0069); the people, their answers and random shapes
 * of such fieldwork. Used by nonnegative-bounds.test.ts and withdrawn-answers.test.ts.
 */

export const K = 5;
/** Protection width (decision 0069): the interval of a small count must hold at least two values. */
const WIDTH = 1;
export const AREAS = ["north", "south", "east", "west"];
const QUESTIONS = ["say", "helped"] as const;

export interface Person {
  area: string;
  code: string;
  /** Answers at each wave the person was interviewed at. */
  at: Map<number, { say?: number; helped?: boolean }>;
}

type Moves = { area: string; wave: number; arrived: number; left: number }[];

export const person = (area: string, wave: number, answers: { say?: number; helped?: boolean }): Person => ({
  area,
  code: newCode(),
  at: new Map([[wave, answers]]),
});

export function itemsOf(people: Person[], id?: () => string): SyncItem[] {
  return people.flatMap((p) =>
    [...p.at].map(([wave, answers]) => {
      const item = interview({ area: p.area, code: p.code, wave }, answers);
      return id ? { ...item, id: id() } : item;
    }),
  );
}

/**
 * Interview ids from a seed, so that a test's interviews come in a fixed order (the check reads them
 * by id, and the order of the atoms decides which of several figures it withholds; 0034).
 */
function seededIds(seed: number): () => string {
  let x = seed >>> 0 || 1;
  const hex = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x.toString(16).padStart(8, "0");
  };
  return () => {
    const a = hex();
    const b = hex();
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${hex().slice(0, 3)}-${hex()}${hex().slice(0, 4)}`;
  };
}

const keyOf = (q: "say" | "helped", a: { say?: number; helped?: boolean }) => {
  const v = a[q];
  return v === undefined ? "not_answered" : typeof v === "boolean" ? (v ? "1" : "0") : String(v);
};

/** The true value of every unknown of the attacker for one release's people. */
function unknownsTruth(people: Person[], tag: string, into: Map<string, number>): void {
  const add = (u: string) => into.set(u, (into.get(u) ?? 0) + 1);
  for (const p of people) {
    for (const [wave, answers] of p.at) {
      add(`${tag}|I|${p.area}|${wave}`);
      for (const q of QUESTIONS) add(`${tag}|outcomes-check/${q}|${p.area}|${wave}|${keyOf(q, answers)}`);
    }
    const first = p.at.get(0);
    const later = p.at.get(1);
    if (first && later) {
      add(`${tag}|R|${p.area}|1`);
      for (const q of QUESTIONS)
        if (first[q] === undefined || later[q] === undefined) add(`${tag}|U|outcomes-check/${q}|${p.area}|1`);
    } else if (first) add(`${tag}|D|${p.area}|1`);
    else if (later) add(`${tag}|N|${p.area}|1`);
  }
}

/** True values of the secrets the attacker names (people again and new). */
function peopleTruth(people: Person[], tag: string, into: Map<string, number>): void {
  const add = (label: string) => into.set(label, (into.get(label) ?? 0) + 1);
  for (const p of people)
    for (const wave of p.at.keys()) {
      if (wave === 0) continue;
      const kind = p.at.has(0) ? "again" : "new";
      add(`${tag} ${kind} ${wave} ${p.area}`);
      add(`${tag} ${kind} ${wave} all`);
    }
}

/** A release with every figure withheld for no stated reason: its shape only (areas, waves, questions). */
function blank(r: PublishedRelease): PublishedRelease {
  const hidden: ReleaseCell = { published: false, reason: "complement" };
  const tables = r.snapshot.tables.map((t) => ({
    ...t,
    rows: t.rows.map((row) => ({
      ...row,
      cells: Object.fromEntries(Object.keys(row.cells).map((c) => [c, hidden])),
    })),
  }));
  return { ...r, snapshot: { ...r.snapshot, tables } };
}

interface Attack {
  /** Secrets disclosed by the releases (beyond what the area's people know without them). */
  found: Bounds[];
  /** Every target's bounds, with the target's true value. */
  all: (Bounds & { truth: number })[];
  /** Constraints the true figures break (must be none). */
  broken: string[];
}

/**
 * Attacks the releases as an area's people: they know every area's interviews per wave at each
 * release, and the arrivals and departures between releases (`moves`).
 */
export function attack(
  releases: { release: PublishedRelease; people: Person[] }[],
  moves: Moves[],
  options: { labels?: boolean; extraTruth?: Map<string, number> } = {},
): Attack {
  /** The releases before `shown` as published, the others' shapes only (targets only with all shown). */
  const build = (shown: number) => {
    const x = new BoundsAttack(K);
    releases.forEach(({ release }, i) => {
      x.addRelease(i < shown ? release : blank(release), `r${i}`, {
        targets: shown === releases.length,
        // Readers are not told which withheld figures are "below k" (0071); `labels` models one who is.
        labels: options.labels ?? false,
      });
      x.peopleSecrets(`r${i}`);
    });
    for (let i = 1; i < releases.length; i++) x.link(`r${i - 1}`, `r${i}`, moves[i - 1] ?? []);
    releases.forEach(({ people }, i) => {
      const counts = new Map<string, number>();
      for (const p of people)
        for (const wave of p.at.keys())
          counts.set(`${p.area}|${wave}`, (counts.get(`${p.area}|${wave}`) ?? 0) + 1);
      for (const area of AREAS)
        for (const wave of [0, 1])
          x.know(x.interviews(`r${i}`, area, wave), counts.get(`${area}|${wave}`) ?? 0);
    });
    return x;
  };
  const full = build(releases.length);
  const values = new Map(options.extraTruth ?? []);
  const truth = new Map(options.extraTruth ?? []);
  releases.forEach(({ people }, i) => {
    unknownsTruth(people, `r${i}`, values);
    peopleTruth(people, `r${i}`, truth);
  });
  const bounds = full.bounds();
  const truthOf = (terms: [string, number][]) => terms.reduce((s, [u, c]) => s + c * (values.get(u) ?? 0), 0);
  const all = bounds.map((b, i) => ({ ...b, truth: truthOf(full.targets[i]?.terms ?? []) }));
  let found = disclosed(bounds, (label) => truth.get(label) ?? 0, K, WIDTH);
  if (found.length > 0) {
    // What the area's people know without the last release (with the earlier ones, which cannot be
    // unpublished, or without any release at all) is not the last release's to protect (0023).
    const sideOnly = build(releases.length - 1);
    for (const t of full.targets)
      if (t.labelled) {
        sideOnly.targets.push({ ...t, labelled: false });
        for (const [u] of t.terms) sideOnly.unknowns.add(u);
      }
    const without = new Map(
      sideOnly.bounds((t) => found.some((f) => f.label === t.label)).map((b) => [b.label, b]),
    );
    found = found.filter((b) => {
      const w = without.get(b.label);
      return !w || w.hi - w.lo > b.hi - b.lo;
    });
  }
  return { found, all, broken: full.broken(values) };
}

export const shown = (found: Bounds[]) => found.map((b) => `${b.label} [${b.lo}, ${b.hi}]`).sort();

/** One answer set, biased towards few answers so that small groups are common. */
const answersArb = fc.record({
  say: fc.option(fc.constantFrom(1, 2, 3, 3, 4, 4, 5), { nil: undefined, freq: 8 }),
  helped: fc.option(fc.boolean(), { nil: undefined, freq: 8 }),
});
const areaArb = fc.record({
  first: fc.array(answersArb, { maxLength: 10 }),
  /** The first wave's people who come back (in order), with their answers then. */
  back: fc.array(answersArb, { maxLength: 10 }),
  fresh: fc.array(answersArb, { maxLength: 4 }),
});
export const shapeArb = fc.record({
  areas: fc.tuple(areaArb, areaArb, areaArb, areaArb),
  breakdowns: fc.subarray(["overall", "area", "wave", "area_wave"] as const, { minLength: 1 }),
  change: fc.boolean(),
  /** Between the two releases: people arriving (area, wave, answers) and people withdrawing. */
  arrivals: fc.array(fc.tuple(fc.nat(3), fc.nat(1), answersArb), { maxLength: 3 }),
  withdrawals: fc.array(fc.nat(), { maxLength: 2 }),
});

type Answers = { say?: number; helped?: boolean };

/** One area's fieldwork, as `areaArb` makes it: people first interviewed, who of them came back, new ones. */
export interface AreaFieldwork {
  first: Answers[];
  back: Answers[];
  fresh: Answers[];
}

/** The people of the four areas' fieldwork (`AREAS`, in order). */
export function peopleOf(areas: readonly AreaFieldwork[]): Person[] {
  return areas.flatMap((fw, i) => {
    const area = AREAS[i] as string;
    const first = fw.first.map((answers) => person(area, 0, answers));
    for (const [j, answers] of fw.back.slice(0, first.length).entries()) first[j]?.at.set(1, answers);
    return [...first, ...fw.fresh.map((answers) => person(area, 1, answers))];
  });
}

/**
 * Publishes `people` (one release), then for each of `changes` withdraws its `leaving`, uploads its
 * `arriving` and publishes the same composition again, and attacks every release as an area's people,
 * who know the arrivals and withdrawals. Returns the attack with the attacker's model checked against
 * the true counts.
 */
export async function releasesAcross(
  t: TestContext,
  people: Person[],
  body: ComposeReleaseRequest,
  changes: { arriving: Person[]; leaving: Person[] }[],
  seed?: number,
): Promise<Attack> {
  const id = seed === undefined ? undefined : seededIds(seed);
  const admin = await t.signIn("admin");
  const analyst = await t.signIn("evaluator", null);
  const expert = await t.signIn("expert", "north");
  await upload(t, admin, itemsOf(people, id));
  const releases = [
    { release: await readPublic(t, await publishRelease(t, { analyst, expert }, body)), people },
  ];
  const moves: Moves[] = [];
  const extraTruth = new Map<string, number>();
  for (const [i, { arriving, leaving }] of changes.entries()) {
    for (const p of leaving) {
      const res = await t.request("/api/withdrawals", {
        method: "POST",
        cookie: admin,
        json: { participantCode: p.code, choice: "delete_all" },
      });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
    }
    if (arriving.length > 0) await upload(t, admin, itemsOf(arriving, id));
    const later = { ...body, title: `Later ${i + 1}` };
    const release = await readPublic(t, await publishRelease(t, { analyst, expert }, later));
    const before = releases.at(-1)?.people ?? [];
    releases.push({ release, people: [...before.filter((p) => !leaving.includes(p)), ...arriving] });
    const moved = new Map<string, Moves[number]>();
    const note = (p: Person, how: "arrived" | "left") => {
      for (const [wave, answers] of p.at) {
        const m = moved.get(`${p.area}|${wave}`) ?? { area: p.area, wave, arrived: 0, left: 0 };
        m[how]++;
        moved.set(`${p.area}|${wave}`, m);
        for (const q of QUESTIONS) {
          const x = keyOf(q, answers);
          for (const key of [
            `${how} r${i}>r${i + 1} outcomes-check/${q} ${p.area} ${wave} ${x}`,
            `${how === "arrived" ? "in" : "out"}|r${i}>r${i + 1}|outcomes-check/${q}|${p.area}|${wave}|${x}`,
          ])
            extraTruth.set(key, (extraTruth.get(key) ?? 0) + 1);
        }
      }
    };
    for (const p of arriving) note(p, "arrived");
    for (const p of leaving) note(p, "left");
    moves.push([...moved.values()]);
  }
  // Non-negativity alone: the reader is not told which withheld figures are below k (0071).
  const a = attack(releases, moves, { extraTruth, labels: false });
  expect(a.broken).toEqual([]);
  expect(a.all.filter((b) => b.truth < b.lo || b.truth > b.hi)).toEqual([]);
  expect(a.all.length).toBeGreaterThan(0);
  return a;
}
