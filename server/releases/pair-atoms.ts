import type { EarlierData, Interview } from "./release-figures.ts";

type Terms = [number, number][];
/** A person's state in one earlier release: interviewed at both waves, only the first, or neither. */
type EarlierState = "p" | "f" | "-";

/**
 * The atoms of change between two waves (docs/decisions/0023, 0065). A paired count is a count of
 * people, not of answers, so it has atoms of its own: per area, the people with an interview at the
 * change's first wave, by whether they are interviewed at the later wave now ("paired") or not
 * ("gone"), and by what each earlier release had of them (both interviews, only the first, neither).
 * So a paired count withheld now cannot be had from one published earlier, with the area's people
 * knowing nobody was interviewed there in between (intruder test paired-across-releases), nor the
 * earlier one from today's. Where an earlier release had an interview of an area at either wave that
 * is not counted now (withdrawn, or rejected since), who it was is not known here: that area's
 * figures in that release get one more atom of their own, unknown to everything else.
 *
 * An area's people know how many first interviews their area had, and which releases counted them;
 * so, for instance, "did not take part" at the later wave (gone) gives the paired count to them even
 * where the first wave's interviews are withheld from everyone else.
 */
export interface PairAtoms {
  /** People of these areas with a first interview now, paired or gone now. */
  current(areas: readonly string[], who: readonly ("paired" | "gone")[]): Terms;
  /** People of these areas whose state in earlier release `ri` was one of `states`. */
  earlier(ri: number, areas: readonly string[], states: readonly EarlierState[]): Terms;
  /**
   * What an area's people know (side knowledge, docs/decisions/0023): how many of its people had their
   * first interview counted in which earlier releases — per area and per pattern of earlier releases,
   * the people with a first interview now.
   */
  known: Terms[];
  /** Every area with an atom, today's or an earlier release's. */
  areas: readonly string[];
}

export function pairAtoms(
  interviews: readonly Interview[],
  earlier: readonly EarlierData[],
  change: { fromWave: number; toWave: number },
): PairAtoms {
  const ids = earlier.map((e) => new Set(e.interviews.map((i) => i.id)));
  const first = new Map<string, Interview>();
  const later = new Map<string, Interview>();
  for (const i of interviews) {
    if (i.wave === change.fromWave) first.set(i.participant, i);
    else if (i.wave === change.toWave) later.set(i.participant, i);
  }
  // Every area keeps the atoms of people new since every earlier release, paired and gone, as before
  // there were earlier releases (the same atoms in the same order then).
  const none = "-".repeat(earlier.length);
  const keysOf = new Map<string, Set<string>>();
  for (const a of new Set(interviews.map((i) => i.area))) keysOf.set(a, new Set([none]));
  for (const [participant, f] of first) {
    const l = later.get(participant);
    const key = ids
      .map((has): EarlierState => (has.has(f.id) ? (l && has.has(l.id) ? "p" : "f") : "-"))
      .join("");
    keysOf.get(f.area)?.add(key);
  }

  const index = new Map<string, number>();
  const areas = [...keysOf.keys()].sort();
  for (const a of areas) {
    for (const key of [...(keysOf.get(a) ?? [])].sort((x, y) =>
      x === none ? -1 : y === none ? 1 : x < y ? -1 : 1,
    )) {
      index.set(`${a}\u0000paired\u0000${key}`, index.size);
      // Gone now yet paired then: only through an interview not counted now, which the extra atom has.
      if (!key.includes("p")) index.set(`${a}\u0000gone\u0000${key}`, index.size);
    }
  }
  const current = new Set(interviews.map((i) => i.id));
  const extra = new Map<string, number>();
  const extraAreas = new Set<string>();
  earlier.forEach((e, ri) => {
    for (const i of e.interviews) {
      if ((i.wave !== change.fromWave && i.wave !== change.toWave) || current.has(i.id)) continue;
      const k = `${i.area}\u0000${ri}`;
      if (!extra.has(k)) extra.set(k, index.size + extra.size);
      extraAreas.add(i.area);
    }
  });

  const atomsIn = (a: string, keep: (who: "paired" | "gone", key: string) => boolean): Terms => {
    const out: Terms = [];
    for (const key of keysOf.get(a) ?? []) {
      for (const who of ["paired", "gone"] as const) {
        const atom = index.get(`${a}\u0000${who}\u0000${key}`);
        if (atom !== undefined && keep(who, key)) out.push([atom, 1]);
      }
    }
    return out.sort((x, y) => x[0] - y[0]);
  };
  const known: Terms[] = [];
  for (const a of areas) {
    const byMask = new Map<string, string[]>();
    for (const key of keysOf.get(a) ?? []) {
      const mask = key.replaceAll("p", "f");
      byMask.set(mask, [...(byMask.get(mask) ?? []), key]);
    }
    for (const keys of byMask.values()) known.push(atomsIn(a, (_, key) => keys.includes(key)));
  }
  return {
    known,
    areas: [...new Set([...areas, ...extraAreas])].sort(),
    current: (list, who) => list.flatMap((a) => atomsIn(a, (w) => who.includes(w))),
    earlier: (ri, list, states) =>
      list.flatMap((a) => {
        const terms = atomsIn(a, (_, key) => states.includes(key[ri] as EarlierState));
        const x = extra.get(`${a}\u0000${ri}`);
        return x === undefined ? terms : [...terms, [x, 1] as [number, number]];
      }),
  };
}
