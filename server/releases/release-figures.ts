import type {
  ComposeReleaseRequest,
  ReleaseBreakdown,
  ReleaseColumn,
  ReleaseRow,
  ReleaseTable,
} from "../../shared/contract/releases.ts";
import { releaseBreakdownLabels } from "../../shared/contract/releases.ts";
import type {
  CheckCell,
  CheckVector,
  EarlierRelease,
  SideKnowledge,
} from "../../shared/disclosure/check-release.ts";
import { cellKey } from "../../shared/disclosure/check-release.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { meanInterval } from "../../shared/stats/mean-interval.ts";
import { DEFAULT_LEVEL } from "../../shared/stats/result.ts";
import { languageName } from "../../shared/survey/locales.ts";
import { binIndex } from "../outcomes/aggregates/indicator-values.repository.ts";
import type { IndicatorDef } from "../outcomes/indicator-catalogue.ts";
import { type Categories, categories } from "../outcomes/page/figures.ts";
import { type EarlierState, type PairAtoms, pairAtoms } from "./pair-atoms.ts";

/**
 * A release's tables, computed from the counted interviews, with every figure also expressed as the
 * output checks need it: a sum over atoms (docs/decisions/0023). No database here; the repository
 * reads the rows.
 *
 * An atom of question q is (area, wave, answer, membership) — and the interview language too, when this
 * release or an earlier one is broken down by language (issue 18): membership says which earlier published
 * releases of the survey included the interviews in it, and whether they are still here ("current")
 * or gone since (withdrawn, or no longer counted) — a gone interview's answer is no longer known, so it
 * has an atom for every answer it could have given. A count of interviews is a vector in every
 * question's system, since every interview has a row (answered or not) for every question.
 */

export interface Interview {
  id: string;
  area: string;
  wave: number;
  participant: string;
  completedAt: string;
  /** The interview language (a locale: `en`, `pl`, `en-easy`). */
  language: string;
}

/**
 * Counted interviews with the same area, wave, interview language, membership of the earlier releases
 * and stored answer to one question, counted in the database (docs/decisions/0062).
 */
export interface AnswerGroup {
  area: string;
  wave: number;
  language: string;
  /** "1" or "0" for each earlier release in `FiguresInput.earlier`'s order: whether it included them. */
  mask: string;
  /** Null when the interview has no answer row for the question (not answered). */
  status: string | null;
  value: number | null;
  choice: string | null;
  n: number;
  /** The first of these interviews in `FiguresInput.interviews`' order. */
  first: string;
}

/** How many pairs of interviews of an area had these values before and after. */
export interface PairGroup {
  area: string;
  before: number;
  after: number;
  n: number;
}

export interface EarlierData {
  id: string;
  title: string;
  publishedAt: string;
  /**
   * Its snapshot's tables; of their cells only the published ones and those withheld as fewer than k
   * need be there (decision 0068).
   */
  tables: ReleaseTable[];
  /** `language` is absent for releases stored before languages were kept with them. */
  interviews: { id: string; area: string; wave: number; language?: string | null }[];
}

export interface FiguresInput {
  composition: ComposeReleaseRequest;
  areas: ReadonlyMap<string, string>;
  /** The composition's indicators in order, with their outcome. */
  indicators: IndicatorDef[];
  interviews: Interview[];
  /** By indicator key: every counted interview is in exactly one group of each question. */
  answers: ReadonlyMap<string, AnswerGroup[]>;
  /** By indicator key, for the composition's change waves. */
  pairs: ReadonlyMap<string, PairGroup[]>;
  earlier: EarlierData[];
  /** The small-number threshold: atoms of 1 to k − 1 interviews are secrets. */
  k: number;
}

export interface Figures {
  tables: ReleaseTable[];
  cells: CheckCell[];
  earlier: EarlierRelease[];
  side: SideKnowledge;
  dataAsOf: string | null;
}

const NOT_ANSWERED = "not_answered";
const PARTICIPATION = "participation";
const DNTP_SYSTEM = "did-not-take-part";

interface RowSpec {
  key: string;
  label: string;
  area: string | null;
  wave: number | null;
  /** Only on a `language` breakdown's rows (its "Everyone" row included, as null). */
  language?: string | null;
}

/** Which rows a figure is over: every key that is null (or absent) takes in everything. */
type RowScope = { area: string | null; wave: number | null; language?: string | null };

interface AtomInfo {
  index: number;
  /** Interviews in it (current atoms only). */
  count: number;
  mask: string;
  area: string;
  wave: number;
  /** "" when no table is broken down by language. */
  language: string;
  cat: string;
  current: boolean;
  releases: ReadonlySet<number>;
}

/** One question's atoms, grouped by area and wave for quick selection. */
class AtomSystem {
  readonly byAreaWave = new Map<string, AtomInfo[]>();
  /** The same groups (lists of `byAreaWave`) by area and by wave, each in `byAreaWave`'s order. */
  private readonly groupsOfArea = new Map<string, AtomInfo[][]>();
  private readonly groupsOfWave = new Map<number, AtomInfo[][]>();
  private readonly groupOf = new Map<string, AtomInfo[]>();
  private byKey = new Map<string, AtomInfo>();
  private next = 0;

  atom(
    area: string,
    wave: number,
    language: string,
    cat: string,
    current: boolean,
    releases: ReadonlySet<number>,
    mask: string,
  ) {
    const key = `${area}\u0001${wave}\u0001${language}\u0001${cat}\u0001${current ? "c" : "g"}${mask}`;
    let a = this.byKey.get(key);
    if (!a) {
      a = {
        index: this.next++,
        count: 0,
        mask: `${current ? "c" : "g"}${mask}`,
        area,
        wave,
        language,
        cat,
        current,
        releases,
      };
      this.byKey.set(key, a);
      const group = `${area}\u0001${wave}`;
      let list = this.byAreaWave.get(group);
      if (!list) {
        list = [];
        this.byAreaWave.set(group, list);
        this.groupOf.set(group, list);
        const ofArea = this.groupsOfArea.get(area) ?? [];
        ofArea.push(list);
        this.groupsOfArea.set(area, ofArea);
        const ofWave = this.groupsOfWave.get(wave) ?? [];
        ofWave.push(list);
        this.groupsOfWave.set(wave, ofWave);
      }
      list.push(a);
    }
    return a;
  }

  /** The groups of atoms in a row, in `byAreaWave`'s order (the order of the terms matters; 0034). */
  private groupsIn(row: { area: string | null; wave: number | null }): Iterable<AtomInfo[]> {
    if (row.area !== null && row.wave !== null) {
      const g = this.groupOf.get(`${row.area}\u0001${row.wave}`);
      return g ? [g] : [];
    }
    if (row.area !== null) return this.groupsOfArea.get(row.area) ?? [];
    if (row.wave !== null) return this.groupsOfWave.get(row.wave) ?? [];
    return this.byAreaWave.values();
  }

  /** Which atoms an earlier release includes, as text (equal texts: the same atoms). */
  atomsOf(release: number): string {
    const list: number[] = [];
    for (const a of this.byKey.values()) if (a.releases.has(release)) list.push(a.index);
    return list.join(",");
  }

  /** Atoms of (area, wave) in the row, answers passing `cat`, of the current data or an earlier release. */
  select(row: RowScope, cat: (c: string) => number, of: "current" | number): [number, number][] {
    const terms: [number, number][] = [];
    for (const list of this.groupsIn(row)) {
      for (const a of list) {
        if (row.language != null && a.language !== row.language) continue;
        if (of === "current" ? !a.current : !a.releases.has(of)) continue;
        const coef = cat(a.cat);
        if (coef !== 0) terms.push([a.index, coef]);
      }
    }
    return terms;
  }
}

/** Which answers a column adds up, with what coefficient (a mean: each answer's score). */
function columnCategories(
  columnKey: string,
  scores: ReadonlyMap<string, number> | null,
): ((c: string) => number) | null {
  if (columnKey === "answered") return (c) => (c === NOT_ANSWERED ? 0 : 1);
  if (columnKey === NOT_ANSWERED) return (c) => (c === NOT_ANSWERED ? 1 : 0);
  if (columnKey === "interviews") return () => 1;
  if (columnKey.startsWith("c:")) {
    const key = columnKey.slice(2);
    return (c) => (c === key ? 1 : 0);
  }
  if (columnKey === "mean" && scores) return (c) => scores.get(c) ?? 0;
  if (columnKey === "mean2" && scores) return (c) => (scores.get(c) ?? 0) ** 2;
  return null;
}

/** The part of a figure's identity that names its table. */
const tableIdentity = (table: ReleaseTable) => {
  const change = table.change ? `${table.change.fromWave}-${table.change.toWave}` : "";
  return `${table.kind}|${table.indicator?.key ?? ""}|${change}|`;
};

/** The part that names its row. A language row names its language; every other row keeps the identity it always had. */
const rowIdentity = (row: RowScope) => {
  const language = row.language != null ? `|l=${row.language}` : "";
  return `a=${row.area ?? "*"}|w=${row.wave ?? "*"}${language}|`;
};

/**
 * Figures' identities, made once for each table, row and column of the same identity: one string for
 * the same figure of this release and every earlier one (each made and hashed once, and compared by
 * reference when the checks look an earlier figure up among today's, instead of made once per release
 * and cell; decision 0072). The text is the table's part, the row's, then the column's key, as it
 * always was.
 */
class Identities {
  private readonly byTable = new Map<string, Map<string, { prefix: string; columns: Map<string, string> }>>();
  private readonly ofTable = new WeakMap<
    ReleaseTable,
    {
      table: string;
      rows: Map<string, { prefix: string; columns: Map<string, string> }>;
      ofRow: WeakMap<RowScope, { prefix: string; columns: Map<string, string> }>;
    }
  >();

  of(table: ReleaseTable, row: RowScope, columnKey: string): string {
    let t = this.ofTable.get(table);
    if (!t) {
      const name = tableIdentity(table);
      let rows = this.byTable.get(name);
      if (!rows) {
        rows = new Map();
        this.byTable.set(name, rows);
      }
      t = { table: name, rows, ofRow: new WeakMap() };
      this.ofTable.set(table, t);
    }
    let r = t.ofRow.get(row);
    if (!r) {
      const name = rowIdentity(row);
      r = t.rows.get(name);
      if (!r) {
        r = { prefix: `${t.table}${name}`, columns: new Map() };
        t.rows.set(name, r);
      }
      t.ofRow.set(row, r);
    }
    let identity = r.columns.get(columnKey);
    if (identity === undefined) {
      identity = `${r.prefix}${columnKey}`;
      r.columns.set(columnKey, identity);
    }
    return identity;
  }
}

function rowSpecs(
  breakdown: ReleaseBreakdown,
  interviews: readonly Interview[],
  areaName: (a: string) => string,
): RowSpec[] {
  const areas = [...new Set(interviews.map((i) => i.area))].sort((a, b) =>
    areaName(a).localeCompare(areaName(b)),
  );
  const waves = [...new Set(interviews.map((i) => i.wave))].sort((a, b) => a - b);
  const all: RowSpec = { key: "all", label: "Everyone", area: null, wave: null };
  switch (breakdown) {
    case "overall":
      return [all];
    case "area":
      return [...areas.map((a) => ({ key: a, label: areaName(a), area: a, wave: null })), all];
    case "wave":
      return [...waves.map((w) => ({ key: `w${w}`, label: waveLabel(w), area: null, wave: w })), all];
    case "area_wave":
      return areas.flatMap((a) =>
        waves.map((w) => ({ key: `${a}@w${w}`, label: `${areaName(a)}, ${waveLabel(w)}`, area: a, wave: w })),
      );
    case "language": {
      const languages = [...new Set(interviews.map((i) => i.language))]
        .map((l) => ({ l, name: languageName(l, "en") }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return [
        ...languages.map(({ l, name }) => ({
          key: `l:${l}`,
          label: name,
          area: null,
          wave: null,
          language: l,
        })),
        { ...all, language: null },
      ];
    }
  }
}

/** Each answer's score, for averages: scale points, scored choices; null when answers have no order. */
function scoresOf(def: IndicatorDef): Map<string, number> | null {
  if (def.kind === "number" || def.kind === "yes_no") return null;
  const list = categories(def).list;
  if (def.field.choices?.length) {
    const m = new Map<string, number>();
    for (const c of def.field.choices) {
      const s = typeof c.score === "number" ? c.score : typeof c.value === "number" ? c.value : null;
      if (s !== null && list.some((l) => l.key === String(c.value))) m.set(String(c.value), s);
    }
    return m.size > 0 ? m : null;
  }
  const m = new Map(list.map((c) => [c.key, Number(c.key)] as [string, number]));
  return [...m.values()].every(Number.isFinite) ? m : null;
}

/** The answer key of one stored answer: a category, "other", or not answered. */
function answerKey(def: IndicatorDef, cats: Categories, a: AnswerGroup): string {
  if (a.status !== "answered") return NOT_ANSWERED;
  const key = def.kind === "number" ? binIndex(a.value ?? Number.NaN) : (a.value ?? Number.NaN);
  return cats.keyOf({
    outcome: "",
    surveyId: "",
    question: "",
    areaId: "",
    wave: 0,
    status: a.status,
    choice: a.choice,
    key,
    n: 1,
    sum: a.value ?? 0,
    sumsq: 0,
  });
}

const inRow = (row: RowScope, i: { area: string; wave: number; language?: string }) =>
  (row.area === null || i.area === row.area) &&
  (row.wave === null || i.wave === row.wave) &&
  (row.language == null || i.language === row.language);

/**
 * The average of values given as how many had each, and its interval. The sums add the values in
 * the order given; for whole values (every score and count) they are exact in any order, so the
 * average is the one the values one by one gave (docs/decisions/0062).
 */
function meanAndInterval(counts: ReadonlyMap<number, number>) {
  let n = 0;
  let sum = 0;
  for (const [v, c] of counts) {
    n += c;
    sum += v * c;
  }
  if (n === 0) return { mean: null, lower: null, upper: null };
  const mean = sum / n;
  if (n < 2) return { mean, lower: null, upper: null };
  let squares = 0;
  for (const [v, c] of counts) squares += c * (v - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const ci = meanInterval(mean, sd, n, DEFAULT_LEVEL);
  return ci.ok ? { mean, lower: ci.lower, upper: ci.upper } : { mean, lower: null, upper: null };
}

/** Adds `n` to `key`'s count. */
function add<K>(counts: Map<K, number>, key: K, n: number) {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** One question's counted interviews of an area, wave and language: how many gave each answer and value. */
interface AnswerCell {
  area: string;
  wave: number;
  language: string;
  counts: Map<string, number>;
  /** The values its average is of (scores, or a number question's values): how many gave each. */
  values: Map<number, number>;
}

/** How many in a row gave each answer, and the values its average is of. */
function countRow(cells: Iterable<AnswerCell>, row: RowScope) {
  const counts = new Map<string, number>();
  const values = new Map<number, number>();
  for (const c of cells) {
    if (!inRow(row, c)) continue;
    for (const [k, n] of c.counts) add(counts, k, n);
    for (const [v, n] of c.values) add(values, v, n);
  }
  return { counts, values };
}

/** Builds the figures, pausing after each question so a caller can let other requests in. */
export function* buildFiguresInSteps(input: FiguresInput): Generator<void, Figures, void> {
  const { composition, interviews } = input;
  const areaName = (a: string) => input.areas.get(a) ?? a;
  const earlierIndex = new Map(input.earlier.map((e, i) => [e.id, i]));
  // Atoms are split by interview language only when some table, here or in an earlier release, is
  // broken down by it; otherwise every atom's language is "" and the systems are as they always were.
  const byLanguage =
    composition.breakdowns.includes("language") ||
    input.earlier.some((e) => e.tables.some((t) => t.breakdown === "language"));
  const languageOf = (language: string | null | undefined) => (byLanguage ? (language ?? "") : "");
  // Which earlier releases each interview was in; the gone ones, with where they were.
  const membership = new Map<string, Set<number>>();
  const current = new Set(interviews.map((i) => i.id));
  const gone = new Map<string, { area: string; wave: number; language: string; releases: Set<number> }>();
  input.earlier.forEach((e, ri) => {
    for (const i of e.interviews) {
      if (current.has(i.id)) {
        const s = membership.get(i.id) ?? new Set<number>();
        s.add(ri);
        membership.set(i.id, s);
      } else {
        const g = gone.get(i.id) ?? {
          area: i.area,
          wave: i.wave,
          language: languageOf(i.language),
          releases: new Set<number>(),
        };
        g.releases.add(ri);
        gone.set(i.id, g);
      }
    }
  });
  // Each interview's set of releases is final from here on: its mask is written once, not once per
  // question and group (docs/decisions/0047).
  const masks = new WeakMap<ReadonlySet<number>, string>();
  const maskOf = (s: ReadonlySet<number> | undefined) => {
    if (!s) return "";
    let mask = masks.get(s);
    if (mask === undefined) {
      mask = [...s].sort((a, b) => a - b).join(",");
      masks.set(s, mask);
    }
    return mask;
  };
  const empty = new Set<number>();

  // Each group's answer key per question, computed once (docs/decisions/0034, 0062).
  const keyedCache = new Map<string, { group: AnswerGroup; key: string }[]>();
  const keyedGroupsOf = (def: IndicatorDef) => {
    let keyed = keyedCache.get(def.key);
    if (!keyed) {
      // The question's answers are made once, not once per answer (docs/decisions/0055).
      const cats = categories(def);
      keyed = (input.answers.get(def.key) ?? []).map((group) => ({
        group,
        key: answerKey(def, cats, group),
      }));
      keyedCache.set(def.key, keyed);
    }
    return keyed;
  };
  // The answers a table has columns for: the question's options, and "Other answers" when any was given.
  const answerListOf = (def: IndicatorDef) => {
    const list = categories(def).list;
    if (keyedGroupsOf(def).some((g) => g.key === "other"))
      return [...list, { key: "other", label: "Other answers" }];
    return list;
  };
  // A group's earlier releases, from its "1"/"0" text: one set per text.
  const releasesOfMask = new Map<string, Set<number>>();
  const releasesOf = (mask: string) => {
    let set = releasesOfMask.get(mask);
    if (!set) {
      set = new Set<number>();
      for (let ri = 0; ri < mask.length; ri++) if (mask[ri] === "1") set.add(ri);
      releasesOfMask.set(mask, set);
    }
    return set;
  };
  const position = new Map(interviews.map((i, n) => [i.id, n]));
  const scoresByKey = new Map(input.indicators.map((d) => [d.key, scoresOf(d)]));
  /** A question's counted interviews by area, wave and language: how many gave each answer and value. */
  const answerCellsOf = (def: IndicatorDef) => {
    const scores = scoresByKey.get(def.key) ?? null;
    const out = new Map<string, AnswerCell>();
    for (const { group: g, key } of keyedGroupsOf(def)) {
      const at = `${g.area}\u0001${g.wave}\u0001${g.language}`;
      let cell = out.get(at);
      if (!cell) {
        cell = { area: g.area, wave: g.wave, language: g.language, counts: new Map(), values: new Map() };
        out.set(at, cell);
      }
      add(cell.counts, key, g.n);
      if (key === NOT_ANSWERED) continue;
      const v = scores ? scores.get(key) : def.kind === "number" ? g.value : undefined;
      if (v !== undefined && v !== null) add(cell.values, v, g.n);
    }
    return [...out.values()];
  };
  // Each breakdown's rows and the interviews in each row, computed once for every question.
  const rowsCache = new Map<ReleaseBreakdown, { spec: RowSpec; people: Interview[] }[]>();
  const rowsOf = (breakdown: ReleaseBreakdown) => {
    let rows = rowsCache.get(breakdown);
    if (!rows) {
      const specs = rowSpecs(breakdown, interviews, areaName);
      if (breakdown === "language") {
        rows = specs.map((spec) => ({ spec, people: interviews.filter((i) => inRow(spec, i)) }));
        rowsCache.set(breakdown, rows);
        return rows;
      }
      const made = specs.map((spec) => ({ spec, people: [] as Interview[] }));
      // Each interview goes to the rows of its area and wave: indexed, not tested against every row.
      const at = new Map<string, Interview[][]>();
      const slot = (area: string | null, wave: number | null) => `${area ?? "*"}\u0001${wave ?? "*"}`;
      for (const r of made) {
        const key = slot(r.spec.area, r.spec.wave);
        at.set(key, [...(at.get(key) ?? []), r.people]);
      }
      for (const i of interviews)
        for (const key of [slot(i.area, i.wave), slot(i.area, null), slot(null, i.wave), slot(null, null)])
          for (const list of at.get(key) ?? []) list.push(i);
      rows = made;
      rowsCache.set(breakdown, rows);
    }
    return rows;
  };

  // How many areas a row's interviews are from: the same for every question, so counted once per row.
  const areaCounts = new WeakMap<readonly Interview[], number>();
  const areasInRow = (people: readonly Interview[]) => {
    let n = areaCounts.get(people);
    if (n === undefined) {
      n = new Set(people.map((i) => i.area)).size;
      areaCounts.set(people, n);
    }
    return n;
  };

  // One atom system per question, and the systems every interview count is a vector in.
  const systems = new Map<string, AtomSystem>();
  const defs = new Map(input.indicators.map((d) => [d.key, d]));
  // Every answer of every group of interviews (area, wave, language, membership) has its atom, empty
  // or not: an outsider does not know which are empty, except from a published zero (which the checks
  // take into account). The groups are the same for every question: listed once, in the interviews' order.
  const interviewGroups = new Map<
    string,
    { area: string; wave: number; language: string; m: Set<number> | undefined }
  >();
  for (const i of interviews) {
    const m = membership.get(i.id);
    const language = languageOf(i.language);
    const g = `${i.area}\u0001${i.wave}\u0001${language}\u0001${maskOf(m)}`;
    if (!interviewGroups.has(g)) interviewGroups.set(g, { area: i.area, wave: i.wave, language, m });
  }
  for (const def of input.indicators) {
    yield;
    const sys = new AtomSystem();
    // The atoms of the answers given, made in the order of their first interview (as one pass over the
    // interviews made them; the order of atoms matters, 0034), with how many interviews each has.
    const given = new Map<
      string,
      { first: number; area: string; wave: number; language: string; key: string; mask: string; n: number }
    >();
    for (const { group: g, key } of keyedGroupsOf(def)) {
      const language = languageOf(g.language);
      const at = `${g.area}\u0001${g.wave}\u0001${language}\u0001${key}\u0001${g.mask}`;
      const first = position.get(g.first) ?? interviews.length;
      const atom = given.get(at);
      if (!atom) given.set(at, { first, area: g.area, wave: g.wave, language, key, mask: g.mask, n: g.n });
      else {
        atom.n += g.n;
        atom.first = Math.min(atom.first, first);
      }
    }
    for (const a of [...given.values()].sort((x, y) => x.first - y.first)) {
      const releases = releasesOf(a.mask);
      sys.atom(a.area, a.wave, a.language, a.key, true, releases, maskOf(releases)).count += a.n;
    }
    // "Other" (an answer outside today's options) is an answer only where some interview gave one;
    // its column is then shown, so the attacker and the checks know the same list of answers.
    const cats = [...answerListOf(def).map((c) => c.key), NOT_ANSWERED];
    for (const { area, wave, language, m } of interviewGroups.values())
      for (const c of cats) sys.atom(area, wave, language, c, true, m ?? empty, maskOf(m));
    for (const g of gone.values())
      for (const c of cats) sys.atom(g.area, g.wave, g.language, c, false, g.releases, maskOf(g.releases));
    systems.set(`q:${def.key}`, sys);
  }

  const cells: CheckCell[] = [];
  const tables: ReleaseTable[] = [];
  const identities = new Identities();

  // An earlier release's figure selects the atoms whose releases include it. Two earlier releases
  // that include exactly the same atoms of a system (the same interviews there) give the same terms
  // for the same figure, so the terms are made once per such class and shared (docs/decisions/0047);
  // nobody changes a vector's terms after this.
  const classOf = new Map<string, number[]>();
  const classIn = (name: string, sys: AtomSystem, of: number) => {
    let classes = classOf.get(name);
    if (!classes) {
      const ids = new Map<string, number>();
      classes = input.earlier.map((_, ri) => {
        const signature = sys.atomsOf(ri);
        const id = ids.get(signature) ?? ids.size;
        ids.set(signature, id);
        return id;
      });
      classOf.set(name, classes);
    }
    return classes[of] as number;
  };
  const termsCache = new Map<string, [number, number][]>();
  const termsOf = (
    name: string,
    sys: AtomSystem,
    row: RowScope,
    column: string,
    cat: (c: string) => number,
    of: "current" | number,
  ) => {
    if (of === "current") return sys.select(row, cat, of);
    const key = `${name}\u0000${row.area ?? "\u0001"}\u0000${row.wave ?? "\u0001"}\u0000${row.language ?? "\u0001"}\u0000${column}\u0000${classIn(name, sys, of)}`;
    let terms = termsCache.get(key);
    if (!terms) {
      terms = sys.select(row, cat, of);
      termsCache.set(key, terms);
    }
    return terms;
  };
  const everyone = () => 1;

  /** Vectors of a figure in the current data or an earlier release (by index). */
  const vectorsOf = (
    table: ReleaseTable,
    row: RowScope,
    columnKey: string,
    of: "current" | number,
  ): CheckVector[] => {
    if (table.kind === "participation") {
      if (columnKey !== "interviews") return [];
      return [...systems].map(([name, sys]) => ({
        system: name,
        terms: termsOf(name, sys, row, "interviews", everyone, of),
      }));
    }
    if (table.kind !== "indicator" || !table.indicator) return [];
    const name = `q:${table.indicator.key}`;
    const sys = systems.get(name);
    if (!sys) return [];
    const scores = scoresByKey.get(table.indicator.key) ?? null;
    const keys = columnKey === "mean" ? ["mean", "mean2"] : [columnKey];
    const out: CheckVector[] = [];
    for (const k of keys) {
      const cat = columnCategories(k, scores);
      if (cat) out.push({ system: name, terms: termsOf(name, sys, row, k, cat, of) });
    }
    return out;
  };

  const push = (
    table: ReleaseTable,
    row: ReleaseRow,
    column: ReleaseColumn,
    value: number | null,
    extra: Partial<CheckCell> = {},
  ) => {
    const ref = { tableId: table.id, rowKey: row.key, columnKey: column.key };
    cells.push({
      ...ref,
      kind: column.kind,
      value,
      label: `${table.title}, ${row.label}, ${column.label}`,
      identity: identities.of(table, row, column.key),
      vectors: extra.vectors ?? vectorsOf(table, row, column.key, "current"),
      dependsOn: extra.dependsOn ?? [],
      ...(extra.areas !== undefined ? { areas: extra.areas } : {}),
      ...(extra.dominance ? { dominance: extra.dominance } : {}),
    });
    row.cells[column.key] = { published: false, reason: "depends_on_withheld" }; // filled after the checks
  };
  const keyOf = (table: ReleaseTable, row: ReleaseRow, column: string) =>
    cellKey({ tableId: table.id, rowKey: row.key, columnKey: column });

  // People between two waves (pair-atoms.ts): per area, those interviewed at both, only the first,
  // only the later, or withdrawn since, by what each earlier release had of them. One system per pair
  // of waves: the change's, the first wave with each later one ("did not take part" at a wave is about
  // the first wave's people; with no change table "took part again" is still first − did not take
  // part), and every earlier release's change. Paired counts, interviews at either wave and "did not
  // take part", today's and earlier releases', are vectors in it, so none can be had as a difference
  // of the others, and the counts of people interviewed again, gone or new are secrets (decision
  // 0067). People interviewed both times who did not answer the question are left out of a paired
  // count: the outsider is treated as knowing there were none, which can only withhold more. One
  // system for every question's paired counts: they count the same people (decision 0065).
  const pairSystemOf = (change: { fromWave: number; toWave: number }) =>
    `pairs:${change.fromWave}-${change.toWave}`;
  const pairSystems = new Map<string, { change: { fromWave: number; toWave: number }; atoms: PairAtoms }>();
  {
    const waves = [...new Set(interviews.map((i) => i.wave))].sort((a, b) => a - b);
    const wanted = [
      ...(composition.change ? [composition.change] : []),
      ...waves.slice(1).map((w) => ({ fromWave: waves[0] as number, toWave: w })),
      ...input.earlier.flatMap((e) => e.tables.flatMap((t) => (t.change ? [t.change] : []))),
    ];
    for (const change of wanted) {
      const name = pairSystemOf(change);
      if (change.fromWave === change.toWave || pairSystems.has(name)) continue;
      pairSystems.set(name, { change, atoms: pairAtoms(interviews, input.earlier, change, input.k) });
    }
  }
  const pairs = composition.change
    ? (pairSystems.get(pairSystemOf(composition.change))?.atoms ?? null)
    : null;

  // A total of a number question is a sum over groups of interviews (area, wave, language): one atom
  // each, in a system of its own, so a total withheld (mostly from one or two people, or over fewer
  // than k) cannot be had from the other rows' totals (intruder test dominance). Current data only.
  const totalAtoms = new Map<string, number>();
  // The same rows (rowsOf) for every number question: their terms are made once per row's people,
  // not once per question and row (decision 0072; atoms are numbered at their first row, as before).
  const totalTermsMade = new WeakMap<readonly Interview[], [number, number][]>();
  const totalTerms = (people: readonly Interview[]) => {
    const made = totalTermsMade.get(people);
    if (made) return made;
    const terms = totalTermsOf(people);
    totalTermsMade.set(people, terms);
    return terms;
  };
  const totalTermsOf = (people: readonly Interview[]) => {
    const atoms = new Set<number>();
    for (const i of people) {
      const g = `${i.area}\u0001${i.wave}\u0001${languageOf(i.language)}`;
      let a = totalAtoms.get(g);
      if (a === undefined) {
        a = totalAtoms.size;
        totalAtoms.set(g, a);
      }
      atoms.add(a);
    }
    return [...atoms].sort((a, b) => a - b).map((a) => [a, 1] as [number, number]);
  };

  for (const def of input.indicators) {
    yield;
    const answerCells = answerCellsOf(def);
    const cats = answerListOf(def);
    const scores = scoresByKey.get(def.key) ?? null;
    const indicator = {
      key: def.key,
      question: def.question,
      title: def.title,
      kind: def.kind,
      direction: def.direction,
    };
    for (const breakdown of composition.breakdowns) {
      const columns: ReleaseColumn[] = [
        ...cats.flatMap((c): ReleaseColumn[] => [
          { key: `c:${c.key}`, label: c.label, kind: "count", of: null },
          { key: `p:${c.key}`, label: `${c.label} (%)`, kind: "percent", of: `c:${c.key}` },
        ]),
        { key: "answered", label: "Answered", kind: "count", of: null },
        { key: NOT_ANSWERED, label: "Not answered", kind: "count", of: null },
        ...(scores || def.kind === "number"
          ? ([
              { key: "mean", label: "Average", kind: "mean", of: "answered" },
              { key: "lower", label: "Likely lowest average", kind: "lower", of: "answered" },
              { key: "upper", label: "Likely highest average", kind: "upper", of: "answered" },
            ] as ReleaseColumn[])
          : []),
        ...(def.kind === "number"
          ? ([
              { key: "total", label: "Total of all answers", kind: "total", of: "answered" },
            ] as ReleaseColumn[])
          : []),
      ];
      const table: ReleaseTable = {
        id: `${def.key}:${breakdown}`,
        kind: "indicator",
        title: `${def.title} — ${releaseBreakdownLabels[breakdown].toLowerCase()}`,
        outcomeId: def.outcome,
        indicator,
        breakdown,
        change: null,
        columns,
        rows: [],
      };
      for (const { spec, people } of rowsOf(breakdown)) {
        const row: ReleaseRow = { ...spec, cells: {} };
        const across = spec.area === null ? { areas: areasInRow(people) } : {};
        const { counts, values } = countRow(answerCells, spec);
        const answered = people.length - (counts.get(NOT_ANSWERED) ?? 0);
        // The average and its interval are computed once per row for its three columns, not once per
        // column (the same values give the same results; docs/decisions/0055).
        let interval: ReturnType<typeof meanAndInterval> | undefined;
        for (const col of columns) {
          if (col.kind === "count") {
            const v =
              col.key === "answered"
                ? answered
                : col.key === NOT_ANSWERED
                  ? (counts.get(NOT_ANSWERED) ?? 0)
                  : (counts.get(col.key.slice(2)) ?? 0);
            push(table, row, col, v, across);
          } else if (col.kind === "percent") {
            const n = counts.get(col.key.slice(2)) ?? 0;
            push(table, row, col, answered > 0 ? (100 * n) / answered : null, {
              ...across,
              vectors: [],
              dependsOn: [keyOf(table, row, `c:${col.key.slice(2)}`), keyOf(table, row, "answered")],
            });
          } else if (col.kind === "mean" || col.kind === "lower" || col.kind === "upper") {
            interval ??= meanAndInterval(values);
            const m = interval;
            const v = col.kind === "mean" ? m.mean : col.kind === "lower" ? m.lower : m.upper;
            push(table, row, col, v, {
              ...across,
              ...(col.kind === "mean" ? {} : { vectors: [] }),
              // A number question's average times its number of answers is its total: withheld with it
              // (intruder test dominance).
              dependsOn: [
                keyOf(table, row, "answered"),
                ...(col.kind === "mean" ? [] : [keyOf(table, row, "mean")]),
                ...(def.kind === "number" ? [keyOf(table, row, "total")] : []),
              ],
            });
          } else if (col.kind === "total") {
            // The two largest values (the largest twice when two gave it), and the total in the values' order.
            const sorted = [...values.keys()].sort((a, b) => b - a);
            const top1 = sorted[0] ?? 0;
            const top2 = (values.get(top1) ?? 0) > 1 ? top1 : (sorted[1] ?? 0);
            let total = 0;
            for (const [v, n] of values) total += v * n;
            push(table, row, col, total, {
              ...across,
              vectors: [{ system: `totals:${def.key}`, terms: totalTerms(people) }],
              dependsOn: [keyOf(table, row, "answered")],
              dominance: { top1, top2 },
            });
          }
        }
        table.rows.push(row);
      }
      tables.push(table);
    }

    if (composition.change) {
      const { fromWave, toWave } = composition.change;
      const groups = input.pairs.get(def.key) ?? [];
      const pairSystem = pairSystemOf(composition.change);
      const pairAreas = [...new Set(groups.map((p) => p.area))].sort();
      const byArea = composition.breakdowns.some((b) => b === "area" || b === "area_wave");
      const table: ReleaseTable = {
        id: `${def.key}:change`,
        kind: "change",
        title: `${def.title} — change for the same people from ${waveLabel(fromWave).toLowerCase()} to ${waveLabel(toWave).toLowerCase()}`,
        outcomeId: def.outcome,
        indicator,
        breakdown: byArea ? "area" : "overall",
        change: { fromWave, toWave },
        columns: [
          { key: "n", label: "People interviewed both times", kind: "count", of: null },
          { key: "before", label: "Average before", kind: "mean", of: "n" },
          { key: "after", label: "Average after", kind: "mean", of: "n" },
          { key: "change", label: "Average change", kind: "mean", of: "n" },
          { key: "lower", label: "Likely smallest change", kind: "lower", of: "n" },
          { key: "upper", label: "Likely largest change", kind: "upper", of: "n" },
        ],
        rows: [],
      };
      const specs: RowSpec[] = [
        ...(byArea ? pairAreas.map((a) => ({ key: a, label: areaName(a), area: a, wave: null })) : []),
        { key: "all", label: "Everyone", area: null, wave: null },
      ];
      for (const spec of specs) {
        const row: ReleaseRow = { ...spec, cells: {} };
        const mine = groups.filter((p) => spec.area === null || p.area === spec.area);
        const areasIn = new Set(mine.map((p) => p.area)).size;
        let n = 0;
        let before = 0;
        let after = 0;
        const differences = new Map<number, number>();
        for (const p of mine) {
          n += p.n;
          before += p.before * p.n;
          after += p.after * p.n;
          add(differences, p.after - p.before, p.n);
        }
        const across = spec.area === null ? { areas: areasIn } : {};
        const nKey = keyOf(table, row, "n");
        // "Everyone" is over every area, also those with nobody interviewed both times now: an outsider
        // who subtracts the areas' rows learns that they have none (decision 0067).
        const terms = pairs?.current(spec.area === null ? pairs.areas : [spec.area], ["paired"]) ?? [];
        const diff = meanAndInterval(differences);
        const [cN, cBefore, cAfter, cChange, cLower, cUpper] = table.columns as [
          ReleaseColumn,
          ReleaseColumn,
          ReleaseColumn,
          ReleaseColumn,
          ReleaseColumn,
          ReleaseColumn,
        ];
        push(table, row, cN, n, { ...across, vectors: [{ system: pairSystem, terms }] });
        const dep = { ...across, vectors: [], dependsOn: [nKey] };
        push(table, row, cBefore, n > 0 ? before / n : null, dep);
        push(table, row, cAfter, n > 0 ? after / n : null, dep);
        push(table, row, cChange, diff.mean, dep);
        push(table, row, cLower, diff.lower, dep);
        push(table, row, cUpper, diff.upper, dep);
        table.rows.push(row);
      }
      tables.push(table);
    }
  }

  // Participation: interviews, and people interviewed first who did not take part at a later wave.
  {
    const table: ReleaseTable = {
      id: PARTICIPATION,
      kind: "participation",
      title: "Who took part",
      outcomeId: null,
      indicator: null,
      breakdown: "area_wave",
      change: null,
      columns: [
        { key: "interviews", label: "Interviews", kind: "count", of: null },
        {
          key: "did_not_take_part",
          label: "Did not take part (interviewed first time, not this time)",
          kind: "count",
          of: null,
        },
      ],
      rows: [],
    };
    const waves = [...new Set(interviews.map((i) => i.wave))].sort((a, b) => a - b);
    const first = waves[0];
    const baseline = new Map<string, Set<string>>();
    for (const i of interviews) {
      if (i.wave !== first) continue;
      const s = baseline.get(i.area) ?? new Set<string>();
      s.add(i.participant);
      baseline.set(i.area, s);
    }
    const specs = [
      ...rowSpecs("area_wave", interviews, areaName),
      ...waves.map((w) => ({ key: `w${w}`, label: `Everyone, ${waveLabel(w)}`, area: null, wave: w })),
    ];
    const areaList = [...new Set(interviews.map((i) => i.area))].sort();
    const dntpAtom = (a: string, w: number) => areaList.indexOf(a) * 1000 + w;
    const [cI, cD] = table.columns as [ReleaseColumn, ReleaseColumn];
    /** A count of people at a wave in every pair system: paired + gone at its first wave, paired + new at its later one. */
    const pairVectors = (areas: string[], wave: number | null, dntp: boolean): CheckVector[] =>
      [...pairSystems].flatMap(([system, { change, atoms }]): CheckVector[] => {
        if (dntp)
          return change.fromWave === first && change.toWave === wave
            ? [{ system, terms: atoms.current(areas, ["gone"]) }]
            : [];
        if (wave === change.fromWave) return [{ system, terms: atoms.current(areas, ["paired", "gone"]) }];
        if (wave === change.toWave) return [{ system, terms: atoms.current(areas, ["paired", "new"]) }];
        return [];
      });
    // Each row's interviews (in the interviews' order) and each area's people at a wave, indexed once
    // instead of filtering every interview for every row (decision 0072).
    const atAreaWave = new Map<string, Interview[]>();
    const atWave = new Map<number, Interview[]>();
    for (const i of interviews) {
      const aw = `${i.area}\u0001${i.wave}`;
      const list = atAreaWave.get(aw);
      if (list) list.push(i);
      else atAreaWave.set(aw, [i]);
      const w = atWave.get(i.wave);
      if (w) w.push(i);
      else atWave.set(i.wave, [i]);
    }
    const peopleIn = (spec: RowScope): Interview[] =>
      spec.area !== null && spec.wave !== null
        ? (atAreaWave.get(`${spec.area}\u0001${spec.wave}`) ?? [])
        : spec.area === null && spec.wave !== null
          ? (atWave.get(spec.wave) ?? [])
          : interviews.filter((i) => inRow(spec, i));
    /** First-wave people of an area not interviewed at this wave (its participants counted once). */
    const missingAt = new Map<string, number>();
    const missingOf = (a: string, wave: number | null) => {
      const at = `${a}\u0001${wave}`;
      let n = missingAt.get(at);
      if (n === undefined) {
        const seen = new Set(
          (wave === null
            ? interviews.filter((i) => i.area === a)
            : (atAreaWave.get(`${a}\u0001${wave}`) ?? [])
          ).map((i) => i.participant),
        );
        n = 0;
        for (const p of baseline.get(a) ?? []) if (!seen.has(p)) n++;
        missingAt.set(at, n);
      }
      return n;
    };
    for (const spec of specs) {
      const row: ReleaseRow = { ...spec, cells: {} };
      const people = peopleIn(spec);
      const across = spec.area === null ? { areas: new Set(people.map((i) => i.area)).size } : {};
      const rowAreas = spec.area === null ? areaList : [spec.area];
      push(table, row, cI, people.length, {
        ...across,
        vectors: [
          ...vectorsOf(table, row, "interviews", "current"),
          ...pairVectors(rowAreas, spec.wave, false),
        ],
      });
      let missing = 0;
      for (const a of rowAreas) missing += missingOf(a, spec.wave);
      push(table, row, cD, spec.wave === first ? 0 : missing, {
        ...across,
        vectors: [
          {
            system: DNTP_SYSTEM,
            terms: rowAreas.map((a) => [dntpAtom(a, spec.wave ?? 0), 1] as [number, number]),
          },
          ...(spec.wave === first ? [] : pairVectors(rowAreas, spec.wave, true)),
        ],
      });
      table.rows.push(row);
    }
    tables.push(table);
  }

  // Earlier releases, as vectors in today's atoms.
  const todaysAreas = [...new Set(interviews.map((i) => i.area))].sort();
  const earlierAreas = new Map<number, string[]>();
  const areasOfEarlier = (ri: number) => {
    let list = earlierAreas.get(ri);
    if (!list) {
      list = [...new Set((input.earlier[ri] as EarlierData).interviews.map((i) => i.area))];
      earlierAreas.set(ri, list);
    }
    return list;
  };
  /** Each earlier release's first wave, once (not per cell; a spread of every interview's wave could overflow the stack). */
  const earliestWave = input.earlier.map((e) =>
    e.interviews.reduce((least, i) => Math.min(least, i.wave), Number.POSITIVE_INFINITY),
  );
  /** An earlier figure's vectors in today's pair systems (pair-atoms.ts), where it has any. */
  const earlierPairVectors = (
    ri: number,
    t: ReleaseTable,
    row: RowScope,
    columnKey: string,
  ): CheckVector[] =>
    // Only people counts have any: most earlier cells are answers (decision 0068: not made for each).
    t.kind !== "participation" && !(t.kind === "change" && columnKey === "n")
      ? []
      : [...pairSystems].flatMap(([system, { change, atoms }]): CheckVector[] => {
          const list = row.area === null ? atoms.areas : [row.area];
          const inEvery = (states: EarlierState[]) => [{ system, terms: atoms.earlier(ri, list, states) }];
          if (t.kind === "change" && columnKey === "n" && t.indicator && defs.has(t.indicator.key)) {
            const same = t.change?.fromWave === change.fromWave && t.change.toWave === change.toWave;
            return same ? inEvery(["p"]) : [];
          }
          if (t.kind !== "participation") return [];
          if (columnKey === "interviews" && row.wave === change.fromWave) return inEvery(["p", "f"]);
          if (columnKey === "interviews" && row.wave === change.toWave) return inEvery(["p", "l"]);
          if (
            columnKey === "did_not_take_part" &&
            row.wave === change.toWave &&
            earliestWave[ri] === change.fromWave
          )
            return inEvery(["f"]);
          return [];
        });
  const earlierSecrets: SideKnowledge["secrets"] = [];
  /** The answer-system vectors already made secrets (the same figure of several earlier releases). */
  const answerSecrets = new Set<CheckVector>();
  // An answer figure's vectors in an earlier release depend only on what it counts (its identity, which
  // names its question) and on which of today's atoms that release includes there (its class in the
  // question's system, `classIn`): made once for each and shared by the earlier releases of the same
  // class (decision 0068). Nothing changes a vector once made.
  const earlierAnswerVectors = new Map<number, Map<string, CheckVector[]>>();
  const systemOfTable = new WeakMap<ReleaseTable, { name: string; sys: AtomSystem } | null>();
  const answerVectorsOf = (
    t: ReleaseTable,
    row: ReleaseRow,
    columnKey: string,
    identity: string,
    ri: number,
  ) => {
    let found = systemOfTable.get(t);
    if (found === undefined) {
      const name = t.indicator ? `q:${t.indicator.key}` : "";
      const sys = systems.get(name);
      found = sys ? { name, sys } : null;
      systemOfTable.set(t, found);
    }
    if (!found) return vectorsOf(t, row, columnKey, ri);
    const of = classIn(found.name, found.sys, ri);
    let byIdentity = earlierAnswerVectors.get(of);
    if (!byIdentity) {
      byIdentity = new Map();
      earlierAnswerVectors.set(of, byIdentity);
    }
    let vectors = byIdentity.get(identity);
    if (!vectors) {
      vectors = vectorsOf(t, row, columnKey, ri);
      byIdentity.set(identity, vectors);
    }
    return vectors;
  };
  const earlier: EarlierRelease[] = input.earlier.map((e, ri) => {
    const cells: EarlierRelease["cells"] = [];
    for (const t of e.tables) {
      // The first column of each key, as `find` gave it.
      const columns = new Map<string, ReleaseColumn>();
      for (const c of t.columns) if (!columns.has(c.key)) columns.set(c.key, c);
      const indicatorKnown = !t.indicator || defs.has(t.indicator.key);
      for (const row of t.rows) {
        for (const columnKey in row.cells) {
          const cell = row.cells[columnKey] as ReleaseRow["cells"][string];
          const column = columns.get(columnKey);
          if (!column) continue;
          if (!cell.published) {
            // Withheld there as 1 to k − 1 people: still a secret today, now that today's figures and
            // what an area's people know (arrivals, withdrawals) can be set beside it — in the pair
            // systems (decision 0067) and in its question's answer system (decision 0073), where it is
            // a sum over the atoms that release included, as its published figures are. (Its counts of
            // interviews need not be: an area's people know them.)
            if (cell.reason === "below_k" && column.kind === "count") {
              const label = `${e.title}: ${t.title}, ${row.label}, ${column.label}`;
              for (const vector of earlierPairVectors(ri, t, row, columnKey))
                earlierSecrets.push({ label, vector });
              if (t.kind === "indicator" && indicatorKnown)
                // Shared by the earlier releases of the same class (`answerVectorsOf`): one secret each.
                for (const vector of answerVectorsOf(t, row, columnKey, identities.of(t, row, columnKey), ri))
                  if (!answerSecrets.has(vector)) {
                    answerSecrets.add(vector);
                    earlierSecrets.push({ label, vector });
                  }
            }
            continue;
          }
          const identity = identities.of(t, row, columnKey);
          let vectors: CheckVector[] = [];
          if (t.kind === "indicator" && indicatorKnown)
            vectors = answerVectorsOf(t, row, columnKey, identity, ri);
          else if (t.kind === "participation" && columnKey === "interviews")
            vectors = vectorsOf(t, row, columnKey, ri);
          else if (t.kind === "participation" && columnKey === "did_not_take_part") {
            const list = row.area === null ? areasOfEarlier(ri) : [row.area];
            vectors = [
              {
                system: DNTP_SYSTEM,
                terms: list.map(
                  (a) =>
                    [Math.max(0, todaysAreas.indexOf(a)) * 1000 + (row.wave ?? 0), 1] as [number, number],
                ),
              },
            ];
          }
          const pairVectors = earlierPairVectors(ri, t, row, columnKey);
          if (pairVectors.length > 0) vectors = [...vectors, ...pairVectors];
          cells.push({
            identity,
            value: cell.value,
            vectors,
            ...(column.kind === "count" ? { count: true } : {}),
          });
        }
      }
    }
    return { id: e.id, title: e.title, cells };
  });
  void earlierIndex;

  const dataAsOf = interviews.reduce<string | null>(
    (m, i) => (m === null || i.completedAt > m ? i.completedAt : m),
    null,
  );
  // Side knowledge: interviews per area, wave and membership are known to the area's people; every
  // atom of 1 to k − 1 interviews is a secret.
  const side: SideKnowledge = { known: [], secrets: [] };
  // How many interviews no longer counted each area had at each wave, by membership: known as the
  // counted ones are (the values let the check find sums of zero with them, decision 0073).
  const goneCount = new Map<string, number>();
  for (const g of gone.values()) {
    const at = `${g.area}\u0001${g.wave}\u0001g${maskOf(g.releases)}`;
    goneCount.set(at, (goneCount.get(at) ?? 0) + 1);
  }
  for (const [name, sys] of systems) {
    for (const list of sys.byAreaWave.values()) {
      const groups = new Map<string, AtomInfo[]>();
      // Summed over the languages: how many interviews an area did in each language is not known to
      // outsiders, so a language row of fewer than k stays a figure to protect, not a known one.
      for (const a of list) groups.set(a.mask, [...(groups.get(a.mask) ?? []), a]);
      for (const [mask, g] of groups) {
        const first = g[0] as AtomInfo;
        const value = mask.startsWith("c")
          ? g.reduce((n, a) => n + a.count, 0)
          : (goneCount.get(`${first.area}\u0001${first.wave}\u0001${mask}`) ?? 0);
        side.known.push({ system: name, terms: g.map((a) => [a.index, 1] as const), value });
      }
      for (const a of list) {
        const where = `${name} ${a.area} ${a.wave}${a.language ? ` ${a.language}` : ""} ${a.cat}`;
        if (a.current && a.count > 0 && a.count < input.k)
          side.secrets.push({ label: where, vector: { system: name, terms: [[a.index, 1]] } });
        // Interviews no longer counted (withdrawn, or rejected since) were in earlier releases' figures,
        // but their answers are deleted: any answer atom of their group (there is one only where some
        // are) may hold 1 to k − 1 of them, so every one is a secret, as a counted atom of that size
        // is. Otherwise an unchanged figure and the group's known size tell an area's people what
        // the withdrawn said (decision 0077).
        else if (!a.current)
          side.secrets.push({
            label: `${where} (no longer counted)`,
            vector: { system: name, terms: [[a.index, 1]] },
          });
      }
    }
  }
  side.secrets.push(...earlierSecrets);
  for (const [system, { atoms }] of pairSystems) {
    for (const terms of atoms.known) side.known.push({ system, terms });
    for (const x of atoms.secrets)
      side.secrets.push({ label: `pairs ${x.label}`, vector: { system, terms: x.terms } });
  }
  return { tables, cells, earlier, dataAsOf, side };
}
