import type {
  ChecklistItem,
  ReleaseCell,
  ReleaseColumnKind,
  ReleaseRule,
  WithheldCellRef,
  WithheldReason,
} from "../contract/releases.ts";
import { roundPublished } from "./rounding.ts";
import { type BasisSnapshot, SpanBasis, WorkMeter } from "./span.ts";

export { CheckTooLarge } from "./span.ts";

/**
 * The output checks of a release (docs/decisions/0023), pure: plain figures in, each cell's published
 * value or withheld reason out, with the checklist of what each rule withheld.
 *
 * Every count is a sum over *atoms* — the finest groups of interviews the data can tell apart (one
 * question's answer × area × wave × which earlier releases the interview was in). A figure is given
 * to the checks as its atom vector in one or more *systems* (one per question: figures about different
 * questions share no atoms, but a count of interviews is a vector in every question's system). A
 * withheld count is recoverable when its vector lies in the span of what is published, in this release
 * and every earlier one; the checks withhold more until none is.
 */

export interface CellRef {
  tableId: string;
  rowKey: string;
  columnKey: string;
}

export interface CheckVector {
  system: string;
  /** [atom, integer coefficient] */
  terms: ReadonlyArray<readonly [number, number]>;
}

export interface CheckCell extends CellRef {
  kind: ReleaseColumnKind;
  /** Null when there is nothing to show (e.g. the average of nobody): withheld. */
  value: number | null;
  /** Plain words naming the figure, for the checklist ("Not answered, Area 3 at round 2"). */
  label: string;
  /** The same figure in another release of the same survey (table, row and column by meaning). */
  identity: string;
  /** How the figure constrains the atoms; empty for figures outside the linear audit. */
  vectors: CheckVector[];
  /** Keys (`cellKey`) of the counts this figure is computed from: withheld with any of them. */
  dependsOn: string[];
  /** Figures over several areas: how many areas have anyone in it. */
  areas?: number;
  /** Totals of counts (nights, times): the two largest contributions, for the dominance rule. */
  dominance?: { top1: number; top2: number };
}

export interface EarlierCell {
  identity: string;
  value: number;
  vectors: CheckVector[];
  /**
   * A count of people (not an average or a total): a count published now with its value over a subset
   * or superset of its atoms says the difference is empty (decision 0077).
   */
  count?: boolean;
}

export interface EarlierRelease {
  id: string;
  title: string;
  cells: EarlierCell[];
}

export interface CheckOptions {
  k: number;
  /** A figure across areas needs at least this many areas with anyone in it. */
  minimumAreas: number;
  /** Dominance: withheld when the largest contribution is more than this share of the total… */
  top1Share: number;
  /** …or the two largest together more than this share. */
  top2Share: number;
}

export const defaultCheckOptions: CheckOptions = { k: 5, minimumAreas: 3, top1Share: 0.5, top2Share: 0.75 };

/**
 * What an outsider may know besides the release, and what must stay unknown:
 * - `known`: sums the attacker is assumed to know anyway — how many interviews each area did at each
 *   wave between any two releases (coordinators run the fieldwork). They cannot be withheld. Sums
 *   given with their `value` (how many) must not share atoms (in a question's system: one per area,
 *   wave and membership); any union of them is known too, so one equal to a published count over a
 *   subset or superset of its atoms says the difference is empty, as two published counts do
 *   (decisions 0069, 0073).
 * - `secrets`: the finest groups of fewer than k people (an atom: area × wave × answer × which
 *   releases) — no combination of published and known figures may give one back, even when no table
 *   shows it as a cell (e.g. the one interview that arrived between two releases); and every answer
 *   atom of interviews no longer counted, whose answers are deleted (decision 0077).
 */
export interface SideKnowledge {
  known: (CheckVector & { value?: number })[];
  secrets: { label: string; vector: CheckVector }[];
}

export interface CheckOutcome {
  cells: Map<string, ReleaseCell>;
  checklist: ChecklistItem[];
}

export const cellKey = (c: CellRef) => `${c.tableId}\u0000${c.rowKey}\u0000${c.columnKey}`;

const ruleText: Record<ReleaseRule, { title: (o: CheckOptions) => string; description: string }> = {
  primary: {
    title: (o) => `Every count is 0 or at least ${o.k} people`,
    description:
      "A number of people smaller than this could point to someone, so it is withheld: every answer, “not answered”, “did not take part” and every total.",
  },
  secondary: {
    title: () => "No withheld figure can be worked out from the others",
    description:
      "Totals, other rows and other tables in this release could give back a withheld figure by adding or taking away, so some further figures are withheld too.",
  },
  cross_release: {
    title: () => "No withheld figure can be worked out with earlier releases",
    description:
      "Comparing this release with earlier ones of the same survey could give back a withheld figure, so the figures that would allow it are withheld.",
  },
  differences: {
    title: (o) => `Figures changed since an earlier release by 0 or at least ${o.k} people`,
    description:
      "A figure that changed by only a few people since an earlier release would show what those few people said.",
  },
  dominance: {
    title: (o) =>
      `No total is mostly about one or two people (one over ${Math.round(o.top1Share * 100)}%, two over ${Math.round(o.top2Share * 100)}%)`,
    description:
      "A total such as nights in a police cell that comes mostly from one or two people would say a lot about them.",
  },
  minimum_areas: {
    title: (o) => `Figures across areas come from at least ${o.minimumAreas} areas`,
    description:
      "A figure said to cover several areas but coming from one or two would point to those areas.",
  },
  rounding: {
    title: () => "Numbers are rounded",
    description:
      "Counts and percentages are whole numbers; averages and the range they are likely to lie in have one decimal place.",
  },
};

const isCount = (kind: ReleaseColumnKind) => kind === "count";

/** The published value of a figure of this kind: the one rounding (`shared/disclosure/rounding.ts`). */
export function roundFor(kind: ReleaseColumnKind, value: number): number {
  return roundPublished(kind, value);
}

interface SystemState {
  /** Indices (into `cells`) of the current cells with a vector in this system, and the vector. */
  members: { cell: number; vector: Map<number, number> }[];
  earlier: { release: number; vector: Map<number, number>; value: number; count: boolean }[];
  /** The earlier counts with every coefficient 1, by value and atom (`sumKey`): made once. */
  earlierSums?: Map<number, number[]>;
  known: Map<number, number>[];
  /** Each known sum's value, where given (sums of zero, decision 0073). */
  knownValues: (number | undefined)[];
  /** Which known sum with a value holds each atom (indices into `known`): made once. */
  knownOf?: Map<number, number>;
  secrets: Map<number, number>[];
  /**
   * Targets (withheld cells by index, secrets by position) found not recoverable, or recoverable only
   * from earlier releases and side knowledge (nothing here to withhold). Withholding only removes
   * equations, so the span only shrinks: such a target never needs testing again.
   */
  doneCells: Set<number>;
  doneSecrets: Set<number>;
  /**
   * The basis kept between rounds: earlier releases and side knowledge first (never withheld), then
   * the current figures in `sequence` (member indices, most likely to stay published first); a round
   * re-adds only from the first figure withheld since. Dropped when the system is found clean.
   */
  basis?: SpanBasis;
  sequence: number[];
  /** Basis rank before `sequence[i]` was added, and whether it was (it is skipped once withheld). */
  rankBefore: number[];
  /**
   * The figure each unit label stands for (see `auditRound`), and how many there were before
   * `sequence[i]` was added (a truncation drops the later ones with their rows).
   */
  owners: number[];
  unitsBefore: number[];
  inBasis: boolean[];
  added: number;
  /**
   * What the basis holds already, by exact content (`vectorKey`): −1 for earlier releases and side
   * knowledge (never removed), else the position in `sequence` that brought it. A vector equal to one
   * the basis holds is in its span, so adding it would change nothing (docs/decisions/0044): skipped.
   */
  present?: Map<string, number>;
  /** Each member's, earlier figure's and known sum's `vectorKey`, computed once. */
  keys: WeakMap<Map<number, number>, string>;
  /**
   * Sums of zero (decision 0069): the published counts in the basis by value and atom (`sumKey`), as
   * positions in `sequence`, and each position's keys there (none: not a count with all coefficients
   * 1), so that a truncation removes exactly the positions it drops. Dropped with the basis.
   */
  sums?: Map<number, number[]>;
  sumKeys: (number[] | null)[];
}

const toMap = (terms: CheckVector["terms"]) => {
  const m = new Map<number, number>();
  for (const [a, c] of terms) m.set(a, (m.get(a) ?? 0) + c);
  return m;
};

/**
 * How much the secondary/cross-release audit may do before it gives up (`CheckTooLarge`): `maxWork`
 * coefficient updates of the elimination, `maxMs` wall-clock milliseconds. A check that gives up
 * returns nothing, so nothing that was not fully checked can be published.
 */
export interface CheckBudget {
  maxWork?: number;
  maxMs?: number;
}

/**
 * Runs every rule on every table of the release together, against the earlier releases. `withhold`
 * records the first reason a cell was withheld; later rules see it withheld. Runs to the end without
 * pausing; throws `CheckTooLarge` past the budget.
 */
export function checkRelease(
  cells: readonly CheckCell[],
  earlier: readonly EarlierRelease[],
  options: CheckOptions = defaultCheckOptions,
  switches: { secondary?: boolean; crossRelease?: boolean } = {},
  side: SideKnowledge = { known: [], secrets: [] },
  budget: CheckBudget = {},
  cache?: EarlierBasisCache,
): CheckOutcome {
  const steps = runChecks(cells, earlier, options, switches, side, budget, cache);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same checks, pausing every `sliceMs` so that other requests are served while a large release
 * is audited (the checks are plain computation; without pauses they would hold the server's only
 * thread). Throws `CheckTooLarge` past the budget.
 */
export async function checkReleaseInSlices(
  cells: readonly CheckCell[],
  earlier: readonly EarlierRelease[],
  options: CheckOptions = defaultCheckOptions,
  switches: { secondary?: boolean; crossRelease?: boolean } = {},
  side: SideKnowledge = { known: [], secrets: [] },
  budget: CheckBudget = {},
  sliceMs = 20,
  cache?: EarlierBasisCache,
): Promise<CheckOutcome> {
  return inSlices(runChecks(cells, earlier, options, switches, side, budget, cache), sliceMs);
}

/** Runs a computation written as a generator, letting other work in every `sliceMs` at a `yield`. */
export async function inSlices<T>(steps: Generator<void, T, void>, sliceMs = 20): Promise<T> {
  let sliceStart = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (Date.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = Date.now();
    }
  }
}

function* runChecks(
  cells: readonly CheckCell[],
  earlier: readonly EarlierRelease[],
  options: CheckOptions,
  switches: { secondary?: boolean; crossRelease?: boolean },
  side: SideKnowledge,
  budget: CheckBudget,
  cache?: EarlierBasisCache,
): Generator<void, CheckOutcome, void> {
  const meter = new WorkMeter(budget.maxWork, budget.maxMs);
  // Figures of several earlier releases often share their terms (release-figures.ts makes them once
  // for releases that include the same atoms): one map per list of terms (docs/decisions/0047).
  // Nothing changes a vector's map once made.
  const maps = new WeakMap<CheckVector["terms"], Map<number, number>>();
  const mapOf = (terms: CheckVector["terms"]) => {
    let m = maps.get(terms);
    if (!m) {
      m = toMap(terms);
      maps.set(terms, m);
    }
    return m;
  };
  cache?.startCheck();
  const { k } = options;
  const secondaryOn = switches.secondary ?? true;
  const crossOn = switches.crossRelease ?? true;
  const index = new Map(cells.map((c, i) => [cellKey(c), i]));
  const withheld = new Map<number, WithheldReason>();
  const byRule = new Map<ReleaseRule, WithheldCellRef[]>();
  /** Cell indices in the order they were withheld. */
  const order: number[] = [];
  const withhold = (i: number, reason: WithheldReason, rule: ReleaseRule, why: string) => {
    if (withheld.has(i)) return;
    withheld.set(i, reason);
    order.push(i);
    const c = cells[i] as CheckCell;
    const list = byRule.get(rule) ?? [];
    list.push({
      tableId: c.tableId,
      rowKey: c.rowKey,
      columnKey: c.columnKey,
      explanation: `${c.label}: ${why}`,
    });
    byRule.set(rule, list);
  };

  // Primary: every count 0 or ≥ k; nothing to show is withheld too.
  for (const [i, c] of cells.entries()) {
    if (i % 500 === 0) yield;
    if (c.value === null) withhold(i, "depends_on_withheld", "primary", "nobody to show");
    else if (isCount(c.kind) && c.value > 0 && c.value < k)
      withhold(i, "below_k", "primary", `fewer than ${k} people`);
  }
  yield;

  // Minimum number of areas, and dominance: they do not depend on other cells.
  cells.forEach((c, i) => {
    if (c.areas !== undefined && c.areas > 0 && c.areas < options.minimumAreas)
      withhold(i, "too_few_areas", "minimum_areas", `from ${c.areas} area${c.areas === 1 ? "" : "s"}`);
  });
  cells.forEach((c, i) => {
    if (!c.dominance || c.value === null || c.value <= 0) return;
    const { top1, top2 } = c.dominance;
    if (top1 > options.top1Share * c.value || top1 + top2 > options.top2Share * c.value)
      withhold(i, "dominance", "dominance", "mostly from one or two people");
  });
  yield;

  // Differences from the same figure in an earlier release.
  if (crossOn) {
    // The current counts that could be withheld here, by identity; every earlier figure is looked up
    // once among them (not every earlier figure listed by identity first: decision 0072). A count
    // found changed by 1 to k − 1 is marked, then withheld in the cells' order, as before.
    const candidates = new Map<string, number[]>();
    const countValue = new Float64Array(cells.length);
    for (const [i, c] of cells.entries()) {
      if (!isCount(c.kind) || c.value === null || withheld.has(i)) continue;
      countValue[i] = c.value;
      const list = candidates.get(c.identity);
      if (list) list.push(i);
      else candidates.set(c.identity, [i]);
    }
    yield;
    const changed = new Set<number>();
    for (const r of earlier) {
      for (const [j, e] of r.cells.entries()) {
        if (j % 2000 === 0) yield;
        const list = candidates.get(e.identity);
        if (!list) continue;
        for (const i of list) {
          const d = Math.abs((countValue[i] as number) - e.value);
          // Over nested groups (only arrivals, or only withdrawals) the difference is a group of fewer
          // than k; over groups that are not nested (some joined, some left) a count that moved by
          // fewer than k still says what the few who joined or left answered (intruder test
          // arrival-and-withdrawal), so the figure is withheld either way.
          if (d > 0 && d < k) changed.add(i);
        }
      }
    }
    for (const i of [...changed].sort((a, b) => a - b))
      withhold(
        i,
        "small_difference",
        "differences",
        `changed by fewer than ${k} people since an earlier release`,
      );
  }

  // Secondary and cross-release suppression, to a fixed point with the dependent figures.
  const systems = new Map<string, SystemState>();
  const systemOf = (name: string) => {
    let s = systems.get(name);
    if (!s) {
      s = {
        members: [],
        earlier: [],
        known: [],
        knownValues: [],
        secrets: [],
        doneCells: new Set(),
        doneSecrets: new Set(),
        sequence: [],
        rankBefore: [],
        owners: [],
        unitsBefore: [],
        inBasis: [],
        added: 0,
        keys: new WeakMap(),
        sumKeys: [],
      };
      systems.set(name, s);
    }
    return s;
  };
  for (const [i, c] of cells.entries()) {
    if (i % 500 === 0) yield;
    for (const v of c.vectors) systemOf(v.system).members.push({ cell: i, vector: toMap(v.terms) });
  }
  for (const v of side.known) {
    const s = systems.get(v.system);
    if (!s) continue;
    s.known.push(toMap(v.terms));
    s.knownValues.push(v.value);
  }
  for (const x of side.secrets) systems.get(x.vector.system)?.secrets.push(toMap(x.vector.terms));
  if (crossOn)
    for (const [ri, r] of earlier.entries())
      for (const [j, e] of r.cells.entries()) {
        if (j % 500 === 0) yield;
        for (const v of e.vectors) {
          const s = systems.get(v.system);
          if (s)
            s.earlier.push({ release: ri, vector: mapOf(v.terms), value: e.value, count: e.count === true });
        }
      }

  // Dependent figures: withheld with any count they are computed from, followed transitively from
  // each newly withheld cell.
  const dependentsOf = new Map<number, number[]>();
  for (const [i, c] of cells.entries()) {
    if (i % 500 === 0) yield;
    for (const key of c.dependsOn) {
      const j = index.get(key);
      if (j === undefined) continue;
      const list = dependentsOf.get(j) ?? [];
      list.push(i);
      dependentsOf.set(j, list);
    }
  }
  let dependentsDone = 0;
  const dependents = () => {
    for (; dependentsDone < order.length; dependentsDone++)
      for (const d of dependentsOf.get(order[dependentsDone] as number) ?? [])
        withhold(d, "depends_on_withheld", "secondary", "would reveal a withheld figure");
  };
  dependents();

  if (secondaryOn) {
    // A system found clean stays clean until a figure with a vector in it is withheld (withholding
    // only removes equations, but adds a target), so only those systems are audited again.
    const systemsOfCell = new Map<number, Set<string>>();
    cells.forEach((c, i) => {
      systemsOfCell.set(i, new Set(c.vectors.map((v) => v.system)));
    });
    const dirty = new Set(systems.keys());
    let before = withheld.size;
    const markNew = () => {
      for (; before < order.length; before++)
        for (const name of systemsOfCell.get(order[before] as number) ?? []) dirty.add(name);
    };
    const fix = (cell: number, reason: WithheldReason) => {
      withhold(
        cell,
        reason,
        reason === "earlier_release" ? "cross_release" : "secondary",
        reason === "earlier_release"
          ? "with an earlier release it would give back a withheld figure"
          : "with other figures it would give back a withheld figure",
      );
      dependents();
      markNew();
    };
    // Ends: each round either finds a system clean or withholds at least one more published figure.
    while (dirty.size > 0) {
      meter.charge(1);
      const name = dirty.values().next().value as string;
      const s = systems.get(name);
      const acted = s ? yield* auditRound(s, cells, withheld, meter, fix, cache) : false;
      if (!acted) {
        dirty.delete(name);
        if (s) {
          s.basis = undefined;
          s.present = undefined;
          s.sums = undefined;
        }
      }
    }
  }

  // Publish what is left, rounded.
  let adjusted = 0;
  const out = new Map<string, ReleaseCell>();
  cells.forEach((c, i) => {
    const reason = withheld.get(i);
    if (reason !== undefined || c.value === null) {
      out.set(cellKey(c), { published: false, reason: reason ?? "depends_on_withheld" });
      return;
    }
    const value = roundFor(c.kind, c.value);
    if (value !== c.value) adjusted++;
    out.set(cellKey(c), { published: true, value });
  });

  const parameters: Record<ReleaseRule, Record<string, number>> = {
    primary: { k },
    secondary: {},
    cross_release: { earlierReleases: earlier.length },
    differences: { k },
    dominance: { top1: options.top1Share * 100, top2: options.top2Share * 100 },
    minimum_areas: { minimumAreas: options.minimumAreas },
    rounding: {},
  };
  const checklist: ChecklistItem[] = (
    [
      "primary",
      "secondary",
      "cross_release",
      "differences",
      "dominance",
      "minimum_areas",
      "rounding",
    ] as const
  ).map((rule) => ({
    rule,
    title: ruleText[rule].title(options),
    description: ruleText[rule].description,
    parameters: parameters[rule],
    withheld: byRule.get(rule) ?? [],
    adjusted: rule === "rounding" ? adjusted : 0,
  }));
  return { cells: out, checklist };
}

/**
 * The part of each question's basis built from earlier releases and side knowledge, kept between
 * checks by whoever runs them (the release check's warm worker, docs/decisions/0044). Earlier
 * releases are frozen, so the same vectors give the same rows; a part is used only when every one of
 * its vectors (content, zero or not, order) equals the new check's, so it is exactly the basis the
 * check would build. Only what the last check used or made is kept.
 */
export class EarlierBasisCache {
  private parts = new Map<number, CachedPart[]>();
  private touched = new Set<CachedPart>();
  /** How many times a kept part was used (tests, benchmark). */
  hits = 0;

  /** Forgets the parts the previous check neither used nor made. */
  startCheck(): void {
    const next = new Map<number, CachedPart[]>();
    for (const part of this.touched) next.set(part.hash, [...(next.get(part.hash) ?? []), part]);
    this.parts = next;
    this.touched = new Set();
  }

  find(prefix: readonly string[]): CachedPart | undefined {
    const hash = hashOf(prefix);
    const part = this.parts
      .get(hash)
      ?.find((p) => p.prefix.length === prefix.length && p.prefix.every((k, i) => k === prefix[i]));
    if (part) {
      this.touched.add(part);
      this.hits++;
    }
    return part;
  }

  keep(prefix: readonly string[], basis: BasisSnapshot, present: readonly string[]): void {
    const part: CachedPart = { hash: hashOf(prefix), prefix, basis, present };
    this.parts.set(part.hash, [...(this.parts.get(part.hash) ?? []), part]);
    this.touched.add(part);
  }

  /** How many parts are kept (tests). */
  get size(): number {
    let n = 0;
    for (const list of this.parts.values()) n += list.length;
    return n;
  }
}

interface CachedPart {
  hash: number;
  prefix: readonly string[];
  basis: BasisSnapshot;
  /** The keys the basis holds (`vectorKey`, units), all permanent. */
  present: readonly string[];
}

/**
 * FNV-1a over each key's length and its first and last few characters, for finding a part quickly: a
 * match is then confirmed key by key, so a weak hash only costs a comparison. Hashing every character
 * of every key (a key lists a vector's every atom; tens of megabytes per check at 1M answers) cost
 * more than the rest of the lookup (decision 0072).
 */
function hashOf(keys: readonly string[]): number {
  let h = 0x811c9dc5;
  const mix = (x: number) => {
    h = Math.imul(h ^ x, 0x01000193);
  };
  for (const key of keys) {
    const n = key.length;
    mix(n);
    if (n <= 32) for (let i = 0; i < n; i++) mix(key.charCodeAt(i));
    else
      for (let i = 0; i < 16; i++) {
        mix(key.charCodeAt(i));
        mix(key.charCodeAt(n - 1 - i));
      }
    mix(0x7c);
  }
  return h >>> 0;
}

/** One number per count and atom, for the index of sums of zero (both stay far below 2^26: exact). */
const sumKey = (value: number, atom: number) => value * 67108864 + atom;

/** A vector's exact content (atoms in order, with their coefficients), to recognise an equal one. */
function vectorKey(vector: ReadonlyMap<number, number>): string {
  const atoms = [...vector.keys()].sort((a, b) => a - b);
  let key = "";
  for (const a of atoms) key += `${a}:${vector.get(a)},`;
  return key;
}

/**
 * One round of the audit of a system: one basis of what is published now (with earlier releases and
 * side knowledge), then every target not yet cleared. A target that the basis cannot give back is
 * cleared for good (the span only shrinks). A target it gives back through figures that are all still
 * published is a real recovery now, so the cheapest of those figures is withheld at once — a
 * derived figure (average, interval) first, then the smallest count, a zero last; a target whose
 * combination uses a figure withheld earlier in this round waits for the next round's basis.
 * Returns whether anything was withheld (then the system is audited again).
 */
function* auditRound(
  s: SystemState,
  cells: readonly CheckCell[],
  withheld: ReadonlyMap<number, WithheldReason>,
  meter: WorkMeter,
  fix: (cell: number, reason: WithheldReason) => void,
  cache: EarlierBasisCache | undefined,
): Generator<void, boolean, void> {
  const cost = (i: number) => {
    const x = cells[i] as CheckCell;
    if (!isCount(x.kind)) return -1;
    if (x.value === 0) return Number.MAX_SAFE_INTEGER;
    return x.value ?? 0;
  };
  // Labels: earlier figures first, then side knowledge, then current figures by member index, so the
  // labels of the part built from earlier releases and side knowledge do not depend on this release
  // (the part can then be kept between checks; the numbering of labels changes no step, 0044).
  const E = s.earlier.length;
  const P = E + s.known.length;
  // A current figure's zeros (its own, and sums of zero it makes) are vectors of their own with labels
  // of their own after every figure's, each standing for the figure (`owners`). With the figure's
  // label they could cancel it out of a combination — its vector minus one of its units — and a target
  // given back through the figure would look given back by side knowledge alone (decision 0073).
  const U = P + s.members.length;
  const unit = (owner: number) => {
    s.owners.push(owner);
    return U + s.owners.length - 1;
  };
  // Skipping a vector the basis already holds (the same atoms and coefficients, added before at a
  // position still in the basis) is exact: it would reduce to zero, add no row, and its label could
  // appear in no combination (docs/decisions/0044). `at` is the position in `sequence`, −1 for earlier
  // releases and side knowledge.
  if (!s.present) s.present = new Map();
  const present = s.present;
  const holds = (key: string, at: number) => {
    const p = present.get(key);
    return p !== undefined && (p === -1 || (p < at && s.inBasis[p] === true));
  };
  const hold = (key: string, at: number) => {
    if (!holds(key, at)) present.set(key, at);
  };
  const keyOf = (vector: Map<number, number>) => {
    let key = s.keys.get(vector);
    if (key === undefined) {
      key = vectorKey(vector);
      s.keys.set(vector, key);
    }
    return key;
  };
  // A published zero tells the attacker every atom in it is empty (counts are not negative).
  const addWithZeros = (
    b: SpanBasis,
    vector: Map<number, number>,
    value: number | null,
    label: number,
    at: number,
  ) => {
    const key = keyOf(vector);
    if (!holds(key, at)) b.add(vector, label);
    hold(key, at);
    if (value === 0)
      for (const atom of vector.keys()) {
        const key = `u${atom}`;
        // Earlier releases' zeros keep their figure's label: that part is kept between checks, and
        // there a cancellation only loses an earlier figure, which nothing withholds.
        if (!holds(key, at)) b.add(new Map([[atom, 1]]), at < 0 ? label : unit(label));
        hold(key, at);
      }
  };
  let basis = s.basis;
  if (!basis) {
    present.clear();
    // The part from earlier releases and side knowledge is the same whenever their vectors are: kept
    // between checks (`EarlierBasisCache`), compared in full before it is used.
    // Listed only when there is a cache to look in, as pairs of a mark and the vector's key (not one
    // text joining them, which copied every key once more: decision 0072).
    const prefix: string[] = [];
    if (cache) {
      for (const e of s.earlier) prefix.push(e.value === 0 ? "z" : "n", keyOf(e.vector));
      for (const v of s.known) prefix.push("k", keyOf(v));
    }
    const kept = cache?.find(prefix);
    if (kept) {
      basis = SpanBasis.from(kept.basis, meter);
      for (const key of kept.present) present.set(key, -1);
    } else {
      basis = new SpanBasis(meter);
      for (const [j, e] of s.earlier.entries()) {
        addWithZeros(basis, e.vector, e.value, j, -1);
        yield;
      }
      for (const [j, v] of s.known.entries()) {
        const key = keyOf(v);
        if (!holds(key, -1)) basis.add(v, E + j);
        hold(key, -1);
        yield;
      }
      if (cache) cache.keep(prefix, basis.snapshot(), [...present.keys()]);
    }
    s.sequence = [...s.members.keys()]
      .filter((mi) => cells[(s.members[mi] as { cell: number }).cell]?.value !== null)
      .sort(
        (a, b) =>
          cost((s.members[b] as { cell: number }).cell) - cost((s.members[a] as { cell: number }).cell) ||
          a - b,
      );
    s.rankBefore = [];
    s.owners = [];
    s.unitsBefore = [];
    s.inBasis = [];
    s.added = 0;
    s.basis = basis;
  }
  // Figures withheld since the last round: re-add from the first of them on.
  for (let i = 0; i < s.added; i++)
    if (s.inBasis[i] && withheld.has((s.members[s.sequence[i] as number] as { cell: number }).cell)) {
      basis.truncate(s.rankBefore[i] as number);
      s.owners.length = s.unitsBefore[i] as number;
      s.added = i;
      break;
    }
  // Sums of zero (decision 0069): two published counts with the same value, one over a subset of the
  // other's atoms, say every atom of the difference is empty (counts are not negative), as a published
  // zero does. The index is kept between rounds and cut back with the basis.
  if (!s.sums || s.added === 0) {
    s.sums = new Map();
    s.sumKeys = [];
  }
  const sums = s.sums;
  for (let p = s.sumKeys.length - 1; p >= s.added; p--)
    for (const key of s.sumKeys[p] ?? []) sums.get(key)?.pop();
  s.sumKeys.length = Math.min(s.sumKeys.length, s.added);
  const knownOf = () => {
    if (!s.knownOf) {
      const index = new Map<number, number>();
      s.known.forEach((v, j) => {
        const value = s.knownValues[j];
        if (value === undefined) return;
        for (const c of v.values()) if (c !== 1) return;
        for (const atom of v.keys()) index.set(atom, j);
      });
      s.knownOf = index;
    }
    return s.knownOf;
  };
  const earlierSumsOf = () => {
    if (!s.earlierSums) {
      const index = new Map<number, number[]>();
      s.earlier.forEach((e, j) => {
        if (!e.count || e.value <= 0) return;
        for (const c of e.vector.values()) if (c !== 1) return;
        for (const atom of e.vector.keys()) {
          const key = sumKey(e.value, atom);
          const list = index.get(key);
          if (list) list.push(j);
          else index.set(key, [j]);
        }
      });
      s.earlierSums = index;
    }
    return s.earlierSums;
  };
  const sumVector = (i: number): Map<number, number> | null =>
    s.sumKeys[i] ? (s.members[s.sequence[i] as number] as { vector: Map<number, number> }).vector : null;
  const addSumZeros = (i: number, label: number) => {
    const m = s.members[s.sequence[i] as number] as { cell: number; vector: Map<number, number> };
    const value = (cells[m.cell] as CheckCell).value;
    const x = m.vector;
    s.sumKeys[i] = null;
    if (value === null || value <= 0 || !isCount((cells[m.cell] as CheckCell).kind)) return;
    for (const v of x.values()) if (v !== 1) return;
    const candidates = new Set<number>();
    for (const atom of x.keys()) for (const j of sums.get(sumKey(value, atom)) ?? []) candidates.add(j);
    // In the order of the sequence, as the oracle (test/helpers/disclosure-oracle) visits them.
    const zeros = (y: Map<number, number>) => {
      if (y.size === x.size) return;
      const [small, large] = y.size < x.size ? [y, x] : [x, y];
      meter.charge(small.size);
      for (const a of small.keys()) if (!large.has(a)) return;
      for (const a of large.keys()) {
        if (small.has(a)) continue;
        // Not recorded in `present`: unlike a published zero's, this unit depends on a second figure,
        // which a later round may withhold.
        if (!holds(`u${a}`, i)) basis.add(new Map([[a, 1]]), unit(label));
      }
    };
    for (const j of [...candidates].sort((a, b) => a - b)) {
      const y = sumVector(j);
      if (y) zeros(y);
    }
    // Then earlier releases' counts (decision 0077): "yes" unchanged since a release that still counted
    // two people who withdrew says neither of them said yes.
    const before = new Set<number>();
    for (const atom of x.keys())
      for (const j of earlierSumsOf().get(sumKey(value, atom)) ?? []) before.add(j);
    for (const j of [...before].sort((a, b) => a - b))
      zeros((s.earlier[j] as { vector: Map<number, number> }).vector);
    // Then the known sums (decision 0073): the union of those it touches, and of those inside it. An
    // area's interviews at a wave equal to its published "answered" say that nobody there skipped the
    // question, even where the release withholds the interviews (the area's people know them).
    const index = knownOf();
    const touched = new Set<number>();
    /** Whether every atom of the count is in a known sum (else their union is not around it). */
    let covered = true;
    for (const atom of x.keys()) {
      const j = index.get(atom);
      if (j !== undefined) touched.add(j);
      else covered = false;
    }
    if (touched.size > 0) {
      const order = [...touched].sort((a, b) => a - b);
      const groups = order.map((j) => s.known[j] as Map<number, number>);
      meter.charge(x.size);
      let around = 0;
      let inside = 0;
      const within: Map<number, number>[] = [];
      groups.forEach((g, n) => {
        const v = s.knownValues[order[n] as number] as number;
        around += v;
        let all = true;
        for (const a of g.keys())
          if (!x.has(a)) {
            all = false;
            break;
          }
        if (all) {
          inside += v;
          within.push(g);
        }
      });
      if (covered && around === value)
        for (const g of groups)
          for (const a of g.keys())
            if (!x.has(a) && !holds(`u${a}`, i)) basis.add(new Map([[a, 1]]), unit(label));
      if (inside === value) {
        const inGroups = new Set<number>();
        for (const g of within) for (const a of g.keys()) inGroups.add(a);
        for (const a of x.keys())
          if (!inGroups.has(a) && !holds(`u${a}`, i)) basis.add(new Map([[a, 1]]), unit(label));
      }
    }
    const keys: number[] = [];
    for (const atom of x.keys()) {
      const key = sumKey(value, atom);
      keys.push(key);
      const list = sums.get(key);
      if (list) list.push(i);
      else sums.set(key, [i]);
    }
    s.sumKeys[i] = keys;
  };
  for (let i = s.added; i < s.sequence.length; i++) {
    const mi = s.sequence[i] as number;
    const m = s.members[mi] as { cell: number; vector: Map<number, number> };
    s.rankBefore[i] = basis.rank;
    s.unitsBefore[i] = s.owners.length;
    s.inBasis[i] = !withheld.has(m.cell);
    s.sumKeys[i] = null;
    if (s.inBasis[i]) {
      const c = cells[m.cell] as CheckCell;
      addWithZeros(basis, m.vector, isCount(c.kind) ? c.value : null, P + mi, i);
      addSumZeros(i, P + mi);
    }
    yield;
  }
  s.added = s.sequence.length;
  const published = basis;
  let acted = false;
  /** "done": not recoverable, or only from what cannot be withheld; "open": test again next round. */
  const test = (vector: Map<number, number>): "done" | "open" => {
    const labels = published.explain(vector);
    if (!labels) return "done";
    const used = [...new Set(labels.map((l) => (l >= U ? (s.owners[l - U] as number) : l)))];
    const current = used.filter((l) => l >= P).map((l) => (s.members[l - P] as { cell: number }).cell);
    if (current.length === 0) return "done"; // only earlier releases and side knowledge give it: nothing to withhold here
    if (current.some((c) => withheld.has(c))) return "open";
    const viaEarlier = used.some((l) => l < E);
    const pick = current.reduce((a, b) => (cost(b) < cost(a) ? b : a));
    fix(pick, viaEarlier ? "earlier_release" : "complement");
    acted = true;
    return "open";
  };
  const seen = new Set<number>();
  for (const m of s.members) {
    if (!withheld.has(m.cell) || seen.has(m.cell) || s.doneCells.has(m.cell)) continue;
    const c = cells[m.cell] as CheckCell;
    // Withheld counts and withheld totals (a total mostly from one or two people) are the targets.
    if (!(isCount(c.kind) || c.kind === "total") || c.value === null || c.value === 0) continue;
    seen.add(m.cell);
    if (test(m.vector) === "done") s.doneCells.add(m.cell);
    yield;
  }
  for (const [j, secret] of s.secrets.entries()) {
    if (s.doneSecrets.has(j)) continue;
    if (test(secret) === "done") s.doneSecrets.add(j);
    yield;
  }
  return acted;
}
