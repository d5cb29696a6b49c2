/**
 * The release check engine as it was before docs/decisions/0034 (map-based span basis), kept unchanged
 * as the oracle the fast engine is tested against (test/shared/disclosure/fast-path.test.ts). Not used
 * in production.
 */
import type {
  ChecklistItem,
  ReleaseCell,
  ReleaseColumnKind,
  ReleaseRule,
  WithheldCellRef,
  WithheldReason,
} from "../../../shared/contract/releases.ts";
import { SpanBasis, WorkMeter } from "./span.ts";

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
  /** A count of people: sums of zero with today's counts (decision 0077). */
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
 *   given with their `value` share no atoms; any union of them is known too (sums of zero, 0073).
 * - `secrets`: the finest groups of fewer than k people (an atom: area × wave × answer × which
 *   releases) — no combination of published and known figures may give one back, even when no table
 *   shows it as a cell (e.g. the one interview that arrived between two releases).
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

export function roundFor(kind: ReleaseColumnKind, value: number): number {
  if (kind === "mean" || kind === "lower" || kind === "upper") return Math.round(value * 10) / 10;
  return Math.round(value);
}

interface SystemState {
  /** Indices (into `cells`) of the current cells with a vector in this system, and the vector. */
  members: { cell: number; vector: Map<number, number> }[];
  earlier: { release: number; vector: Map<number, number>; value: number; count: boolean }[];
  known: Map<number, number>[];
  knownValues: (number | undefined)[];
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
  /** The figure each unit label stands for, and how many before `sequence[i]` (decision 0073). */
  owners: number[];
  unitsBefore: number[];
  inBasis: boolean[];
  added: number;
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
): CheckOutcome {
  const steps = runChecks(cells, earlier, options, switches, side, budget);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function* runChecks(
  cells: readonly CheckCell[],
  earlier: readonly EarlierRelease[],
  options: CheckOptions,
  switches: { secondary?: boolean; crossRelease?: boolean },
  side: SideKnowledge,
  budget: CheckBudget,
): Generator<void, CheckOutcome, void> {
  const meter = new WorkMeter(budget.maxWork, budget.maxMs);
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

  // Differences from the same figure in an earlier release, over nested groups of interviews.
  if (crossOn) {
    const earlierByIdentity = new Map<string, EarlierCell[]>();
    for (const r of earlier)
      for (const e of r.cells) {
        const list = earlierByIdentity.get(e.identity) ?? [];
        list.push(e);
        earlierByIdentity.set(e.identity, list);
      }
    yield;
    for (const [i, c] of cells.entries()) {
      if (i % 500 === 0) yield;
      if (!isCount(c.kind) || c.value === null || withheld.has(i)) continue;
      for (const e of earlierByIdentity.get(c.identity) ?? []) {
        const d = Math.abs(c.value - e.value);
        if (d > 0 && d < k && nested(c.vectors, e.vectors)) {
          withhold(
            i,
            "small_difference",
            "differences",
            `changed by fewer than ${k} people since an earlier release`,
          );
          break;
        }
      }
    }
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
    s?.known.push(toMap(v.terms));
    s?.knownValues.push(v.value);
  }
  for (const x of side.secrets) systems.get(x.vector.system)?.secrets.push(toMap(x.vector.terms));
  if (crossOn)
    for (const [ri, r] of earlier.entries())
      for (const [j, e] of r.cells.entries()) {
        if (j % 500 === 0) yield;
        for (const v of e.vectors) {
          const s = systems.get(v.system);
          if (s)
            s.earlier.push({ release: ri, vector: toMap(v.terms), value: e.value, count: e.count === true });
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
      const acted = s ? yield* auditRound(s, cells, withheld, meter, fix) : false;
      if (!acted) {
        dirty.delete(name);
        if (s) s.basis = undefined;
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

/** Two figures over nested groups: in some shared system, one's atoms include the other's. */
function nested(a: readonly CheckVector[], b: readonly CheckVector[]): boolean {
  // Figures outside the linear audit (paired counts) are compared as the same population.
  if (a.length === 0 && b.length === 0) return true;
  for (const va of a) {
    const vb = b.find((x) => x.system === va.system);
    if (!vb) continue;
    const ma = toMap(va.terms);
    const mb = toMap(vb.terms);
    const sub = (x: Map<number, number>, y: Map<number, number>) =>
      [...x].every(([atom, c]) => y.get(atom) === c);
    if (sub(ma, mb) || sub(mb, ma)) return true;
  }
  return false;
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
): Generator<void, boolean, void> {
  const cost = (i: number) => {
    const x = cells[i] as CheckCell;
    if (!isCount(x.kind)) return -1;
    if (x.value === 0) return Number.MAX_SAFE_INTEGER;
    return x.value ?? 0;
  };
  // Labels: current figures by member index; earlier ones after them, then side knowledge.
  const M = s.members.length;
  const E = s.earlier.length;
  // A current figure's zeros have labels of their own after every other, each standing for the figure
  // (decision 0073): with the figure's label, its vector minus one of its units cancelled it out.
  const U = M + E + s.known.length;
  const unit = (owner: number) => {
    s.owners.push(owner);
    return U + s.owners.length - 1;
  };
  // A published zero tells the attacker every atom in it is empty (counts are not negative).
  const addWithZeros = (
    b: SpanBasis,
    vector: Map<number, number>,
    value: number | null,
    label: number,
    current: boolean,
  ) => {
    b.add(vector, label);
    if (value === 0)
      for (const atom of vector.keys()) b.add(new Map([[atom, 1]]), current ? unit(label) : label);
  };
  let basis = s.basis;
  if (!basis) {
    basis = new SpanBasis(meter);
    for (const [j, e] of s.earlier.entries()) {
      addWithZeros(basis, e.vector, e.value, M + j, false);
      yield;
    }
    for (const [j, v] of s.known.entries()) {
      basis.add(v, M + E + j);
      yield;
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
  for (let i = s.added; i < s.sequence.length; i++) {
    const mi = s.sequence[i] as number;
    const m = s.members[mi] as { cell: number; vector: Map<number, number> };
    s.rankBefore[i] = basis.rank;
    s.unitsBefore[i] = s.owners.length;
    s.inBasis[i] = !withheld.has(m.cell);
    if (s.inBasis[i]) {
      const c = cells[m.cell] as CheckCell;
      addWithZeros(basis, m.vector, isCount(c.kind) ? c.value : null, mi, true);
      // Sums of zero (decision 0069): an earlier published count of the same value over a subset or
      // superset of the atoms makes every atom of the difference empty.
      const summable = (j: number) => {
        const x = s.members[s.sequence[j] as number] as { cell: number; vector: Map<number, number> };
        const cx = cells[x.cell] as CheckCell;
        return s.inBasis[j] &&
          isCount(cx.kind) &&
          cx.value !== null &&
          cx.value > 0 &&
          [...x.vector.values()].every((v) => v === 1)
          ? { value: cx.value, vector: x.vector }
          : null;
      };
      const here = summable(i);
      if (here)
        for (let j = 0; j < i; j++) {
          const there = summable(j);
          if (!there || there.value !== here.value || there.vector.size === here.vector.size) continue;
          const [small, large] =
            there.vector.size < here.vector.size ? [there.vector, here.vector] : [here.vector, there.vector];
          if (![...small.keys()].every((a) => large.has(a))) continue;
          for (const a of large.keys()) if (!small.has(a)) basis.add(new Map([[a, 1]]), unit(mi));
        }
      // Then earlier releases' counts of the same value over a subset or superset (decision 0077).
      if (here)
        for (const e of s.earlier) {
          if (!e.count || e.value !== here.value || e.vector.size === here.vector.size) continue;
          if (![...e.vector.values()].every((v) => v === 1)) continue;
          const [small, large] =
            e.vector.size < here.vector.size ? [e.vector, here.vector] : [here.vector, e.vector];
          if (![...small.keys()].every((a) => large.has(a))) continue;
          for (const a of large.keys()) if (!small.has(a)) basis.add(new Map([[a, 1]]), unit(mi));
        }
      // Then the known sums with a value (decision 0073), which share no atoms: the union of those the
      // count touches, if it covers the count, and the union of those inside it.
      if (here) {
        const valued = [...s.known.keys()].filter(
          (j) =>
            s.knownValues[j] !== undefined &&
            [...(s.known[j] as Map<number, number>).values()].every((c) => c === 1),
        );
        const touched = valued.filter((j) =>
          [...(s.known[j] as Map<number, number>).keys()].some((a) => here.vector.has(a)),
        );
        const inUnion = new Set(touched.flatMap((j) => [...(s.known[j] as Map<number, number>).keys()]));
        const total = (list: number[]) => list.reduce((n, j) => n + (s.knownValues[j] as number), 0);
        if (
          touched.length > 0 &&
          [...here.vector.keys()].every((a) => inUnion.has(a)) &&
          total(touched) === here.value
        )
          for (const j of touched)
            for (const a of (s.known[j] as Map<number, number>).keys())
              if (!here.vector.has(a)) basis.add(new Map([[a, 1]]), unit(mi));
        const inside = touched.filter((j) =>
          [...(s.known[j] as Map<number, number>).keys()].every((a) => here.vector.has(a)),
        );
        if (touched.length > 0 && total(inside) === here.value) {
          const covered = new Set(inside.flatMap((j) => [...(s.known[j] as Map<number, number>).keys()]));
          for (const a of here.vector.keys()) if (!covered.has(a)) basis.add(new Map([[a, 1]]), unit(mi));
        }
      }
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
    const current = used.filter((l) => l < M).map((l) => (s.members[l] as { cell: number }).cell);
    if (current.length === 0) return "done"; // only earlier releases and side knowledge give it: nothing to withhold here
    if (current.some((c) => withheld.has(c))) return "open";
    const viaEarlier = used.some((l) => l >= M && l < M + E);
    const pick = current.reduce((a, b) => (cost(b) < cost(a) ? b : a));
    fix(pick, viaEarlier ? "earlier_release" : "complement");
    acted = true;
    return "open";
  };
  const seen = new Set<number>();
  for (const m of s.members) {
    if (!withheld.has(m.cell) || seen.has(m.cell) || s.doneCells.has(m.cell)) continue;
    const c = cells[m.cell] as CheckCell;
    if (!isCount(c.kind) || c.value === null || c.value === 0) continue;
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
