import type { EarlierData, Interview } from "./release-figures.ts";

type Terms = [number, number][];
/**
 * What an earlier release had of a person's two interviews: both ("p"), only the first ("f"), only the
 * later ("l"), neither ("-").
 */
export type EarlierState = "p" | "f" | "l" | "-";
/** A person now: interviewed at both waves, only the first, only the later, or at neither any more. */
export type Now = "paired" | "gone" | "new" | "withdrawn";

/**
 * The atoms of people between two waves (docs/decisions/0023, 0065, 0067). A paired count, "did not
 * take part" and the interviews at either wave count people, not answers, so they have atoms of their
 * own: per area, the people with an interview at either wave, by what they are now (interviewed both
 * times, only at the first wave, only at the later one, or at neither any more: withdrawn or no longer
 * counted since an earlier release) and by what each earlier release had of them. Interviews at the
 * first wave are paired + gone, at the later wave paired + new, "did not take part" is gone, and the
 * same figures of every earlier release are sums of the same atoms; so none of them can be had from the
 * others, today's or earlier, without the check seeing it.
 *
 * An interview no longer counted cannot be tied to its person (release_interviews keeps no
 * participant): such a person has an atom for each way their interviews could have been counted
 * (every first-wave pattern of the area's uncounted interviews, or none, with every later-wave one), and
 * so have today's people whose other interview is no longer counted. Only groups of masks with nobody
 * in them are left out: an area's people know those are empty (side knowledge below). An atom left out
 * for any other reason would be "known" to be empty, and what is known from side knowledge alone is
 * not protected (docs/decisions/0023), so that would withhold less, not more.
 *
 * What an area's people know (side knowledge): how many interviews their area did at each wave, by
 * which earlier releases counted them and whether they are counted now; and how many of their people
 * withdrew (coordinators handle withdrawals) and how many of their people have one interview counted
 * and the other not. Secrets: per area and for everyone, the people
 * interviewed both times, only at the first wave and only at the later one, where 1 to k − 1.
 */
export interface PairAtoms {
  /** People of these areas by what they are now. */
  current(areas: readonly string[], who: readonly Now[]): Terms;
  /** People of these areas whose state in earlier release `ri` was one of `states`. */
  earlier(ri: number, areas: readonly string[], states: readonly EarlierState[]): Terms;
  known: Terms[];
  secrets: { label: string; terms: Terms }[];
  /** Every area with an atom, today's or an earlier release's. */
  areas: readonly string[];
}

interface Atom {
  index: number;
  area: string;
  now: Now;
  key: string;
  /** Which earlier releases had the person's first (later) interview, "0"/"1" each; null: none. */
  first: string | null;
  later: string | null;
}

/** The state in each earlier release of a person whose interviews had these masks. */
function keyOf(first: string | null, later: string | null, n: number): string {
  let key = "";
  for (let i = 0; i < n; i++) {
    const f = first?.[i] === "1";
    const l = later?.[i] === "1";
    key += f ? (l ? "p" : "f") : l ? "l" : "-";
  }
  return key;
}

/**
 * Each interview's "1"/"0" text of the earlier releases that had it ("0"s: none), made once for the
 * same list of earlier releases, not once per pair of waves (decision 0068).
 */
const masksOfEarlier = new WeakMap<readonly EarlierData[], (id: string) => string>();
function earlierMasks(earlier: readonly EarlierData[]): (id: string) => string {
  let maskOf = masksOfEarlier.get(earlier);
  if (!maskOf) {
    const bits = new Map<string, string[]>();
    earlier.forEach((e, ri) => {
      for (const i of e.interviews) {
        let b = bits.get(i.id);
        if (!b) {
          b = new Array<string>(earlier.length).fill("0");
          bits.set(i.id, b);
        }
        b[ri] = "1";
      }
    });
    const masks = new Map<string, string>();
    for (const [id, b] of bits) masks.set(id, b.join(""));
    const none = "0".repeat(earlier.length);
    maskOf = (id) => masks.get(id) ?? none;
    masksOfEarlier.set(earlier, maskOf);
  }
  return maskOf;
}

/**
 * The interviews of earlier releases not counted now, every appearance in release order (as the
 * releases list them): found once for the same interviews and earlier releases, not once per pair of waves (each
 * pair system used to look up every earlier release's every interview again; decision 0072).
 */
const uncountedCache = new WeakMap<
  readonly Interview[],
  WeakMap<readonly EarlierData[], EarlierData["interviews"]>
>();
function uncountedOf(
  interviews: readonly Interview[],
  earlier: readonly EarlierData[],
): EarlierData["interviews"] {
  let byEarlier = uncountedCache.get(interviews);
  if (!byEarlier) {
    byEarlier = new WeakMap();
    uncountedCache.set(interviews, byEarlier);
  }
  let list = byEarlier.get(earlier);
  if (!list) {
    const current = new Set(interviews.map((i) => i.id));
    list = [];
    for (const e of earlier) for (const i of e.interviews) if (!current.has(i.id)) list.push(i);
    byEarlier.set(earlier, list);
  }
  return list;
}

export function pairAtoms(
  interviews: readonly Interview[],
  earlier: readonly EarlierData[],
  change: { fromWave: number; toWave: number },
  k: number,
): PairAtoms {
  const n = earlier.length;
  const maskOf = earlierMasks(earlier);
  const first = new Map<string, Interview>();
  const later = new Map<string, Interview>();
  for (const i of interviews) {
    if (i.wave === change.fromWave) first.set(i.participant, i);
    else if (i.wave === change.toWave) later.set(i.participant, i);
  }
  // Interviews counted by an earlier release and not now, per area: their masks at each wave.
  const uncounted = new Map<string, { first: Set<string>; later: Set<string> }>();
  const seen = new Set<string>();
  for (const i of uncountedOf(interviews, earlier)) {
    if (seen.has(i.id)) continue;
    if (i.wave !== change.fromWave && i.wave !== change.toWave) continue;
    seen.add(i.id);
    const u = uncounted.get(i.area) ?? { first: new Set<string>(), later: new Set<string>() };
    (i.wave === change.fromWave ? u.first : u.later).add(maskOf(i.id));
    uncounted.set(i.area, u);
  }

  // Per area, the masks of the interviews counted now at each wave.
  const counted = new Map<string, { first: Set<string>; later: Set<string> }>();
  const masksOf = (area: string) => {
    const m = counted.get(area) ?? { first: new Set<string>(), later: new Set<string>() };
    counted.set(area, m);
    return m;
  };
  const counts = new Map<string, number>();
  const count = (area: string, now: Now) =>
    counts.set(`${area}\u0000${now}`, (counts.get(`${area}\u0000${now}`) ?? 0) + 1);
  for (const [participant, f] of first) {
    masksOf(f.area).first.add(maskOf(f.id));
    count(f.area, later.has(participant) ? "paired" : "gone");
  }
  for (const [participant, l] of later) {
    masksOf(l.area).later.add(maskOf(l.id));
    if (!first.has(participant)) count(l.area, "new");
  }

  // Atom specs per area: what a person is now and the masks of their two interviews. An outsider knows
  // how many interviews each group of masks has, not who in one group is who in another: every first
  // interview counted now may belong with every later one (paired) or with none, or with a later one
  // no longer counted (gone); likewise for the later ones (new); and a person no longer counted at all
  // may have had any of the uncounted first interviews, or none, with any of the later ones, or none.
  const specs = new Map<string, Omit<Atom, "index">[]>();
  for (const area of new Set([...counted.keys(), ...uncounted.keys()])) {
    const c = counted.get(area) ?? { first: new Set<string>(), later: new Set<string>() };
    const u = uncounted.get(area) ?? { first: new Set<string>(), later: new Set<string>() };
    const list: Omit<Atom, "index">[] = [];
    const add = (now: Now, f: string | null, l: string | null) =>
      list.push({ area, now, key: keyOf(f, l, n), first: f, later: l });
    const sorted = (set: Set<string>) => [...set].sort();
    for (const f of sorted(c.first)) for (const l of sorted(c.later)) add("paired", f, l);
    for (const f of sorted(c.first)) for (const l of [null, ...sorted(u.later)]) add("gone", f, l);
    for (const f of [null, ...sorted(u.first)]) for (const l of sorted(c.later)) add("new", f, l);
    for (const f of [null, ...sorted(u.first)])
      for (const l of [null, ...sorted(u.later)]) if (f !== null || l !== null) add("withdrawn", f, l);
    specs.set(area, list);
  }

  const atoms: Atom[] = [];
  const areas = [...specs.keys()].sort();
  for (const a of areas) for (const x of specs.get(a) ?? []) atoms.push({ ...x, index: atoms.length });
  const byArea = new Map<string, Atom[]>();
  for (const x of atoms) byArea.set(x.area, [...(byArea.get(x.area) ?? []), x]);
  const terms = (list: readonly string[], keep: (x: Atom) => boolean): Terms =>
    list.flatMap((a) => (byArea.get(a) ?? []).filter(keep).map((x) => [x.index, 1] as [number, number]));

  // Side knowledge: each area's interviews at each wave by mask and by whether counted now, and its
  // withdrawals.
  const known: Terms[] = [];
  for (const a of areas) {
    const groups = new Map<string, Terms>();
    const add = (g: string, x: Atom) => groups.set(g, [...(groups.get(g) ?? []), [x.index, 1]]);
    for (const x of byArea.get(a) ?? []) {
      if (x.first !== null) add(`f${x.now === "paired" || x.now === "gone" ? "c" : "g"}${x.first}`, x);
      if (x.later !== null) add(`l${x.now === "paired" || x.now === "new" ? "c" : "g"}${x.later}`, x);
      if (x.now === "withdrawn") add("w", x);
      // People with one interview counted now and the other not: none where every uncounted
      // interview is of a person who withdrew altogether, as the coordinator knows; assumed known
      // also where an interview was rejected since (decision 0067, still open).
      if ((x.now === "gone" && x.later !== null) || (x.now === "new" && x.first !== null)) add("h", x);
    }
    known.push(...groups.values());
  }
  const secrets: { label: string; terms: Terms }[] = [];
  for (const now of ["paired", "gone", "new"] as const) {
    let total = 0;
    for (const a of areas) {
      const c = counts.get(`${a}\u0000${now}`) ?? 0;
      total += c;
      if (c > 0 && c < k)
        secrets.push({
          label: `${change.fromWave}-${change.toWave} ${a} ${now}`,
          terms: terms([a], (x) => x.now === now),
        });
    }
    if (total > 0 && total < k)
      secrets.push({
        label: `${change.fromWave}-${change.toWave} everyone ${now}`,
        terms: terms(areas, (x) => x.now === now),
      });
  }
  return {
    known,
    secrets,
    areas,
    current: (list, who) => terms(list, (x) => who.includes(x.now)),
    earlier: (ri, list, states) => terms(list, (x) => states.includes(x.key[ri] as EarlierState)),
  };
}
