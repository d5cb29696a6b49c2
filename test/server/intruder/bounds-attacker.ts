import { type Coefficients, type Constraint, solve } from "yalps";
import type { PublishedRelease, ReleaseCell, ReleaseTable } from "../../../shared/contract/releases.ts";

/**
 * The outsider's arithmetic with non-negativity (issue 13, decision 0069), written without looking at
 * the output checks: every published figure is a linear equality or inequality over non-negative
 * unknowns (the finest groups of people a reader can name), and for each withheld secret the attacker
 * computes its smallest and largest possible value by linear programming. A count is an integer, so
 * the bounds are rounded inwards (ceil of the minimum, floor of the maximum).
 *
 * Unknowns, per release (`tag`): per question, area, wave and answer ("not_answered" included) the
 * number of interviews (`tag|q|area|wave|answer`); per area and wave the interviews (`tag|I|area|wave`,
 * equal to every question's sum); per area and later wave the people of the first wave interviewed
 * again (R), not interviewed again (D), and new then (N); per question, area and later wave the
 * people interviewed both times who skipped the question at one of them (U, at most the two waves'
 * "not answered").
 *
 * What a reader learns from a release:
 * - a published count: its sum equals the value (a published zero: each unknown in it is zero, by
 *   non-negativity — no special case);
 * - a count withheld as "below_k" (the release says so): its sum is between 1 and k − 1;
 * - a published average over "answered" (one decimal, halves away from zero): the sum of scores lies
 *   within ±0.05 × answered of average × answered — linear in the unknowns;
 * - "who took part": interviews = I, "did not take part" at a later wave = D; a change table's paired
 *   count = R − U.
 * What an area's people know besides (decisions 0023, 0067): how many interviews every area did at every
 * wave, and between two releases how many arrived or left in each area-wave (`know`, `link`).
 *
 * Not used (open, decision 0069): the intervals (lower/upper), which fix the spread (quadratic),
 * percentages (published only with their count and "answered", so they add nothing), the number
 * question's totals, and "complement" withheld counts being 0 or ≥ k (not convex).
 */

export type Terms = [string, number][];

export interface Bounded {
  label: string;
  terms: Terms;
  /** The release says this count is 1 to k − 1 (withheld as below k). */
  labelled: boolean;
}

export interface Bounds {
  label: string;
  lo: number;
  hi: number;
  labelled: boolean;
}

interface Row {
  terms: Terms;
  constraint: Constraint;
}

const NOT_ANSWERED = "not_answered";

function answerKeys(t: ReleaseTable): string[] {
  return [...t.columns.filter((c) => c.key.startsWith("c:")).map((c) => c.key.slice(2)), NOT_ANSWERED];
}

export class BoundsAttack {
  readonly unknowns = new Set<string>();
  readonly rows: Row[] = [];
  readonly targets: Bounded[] = [];
  /** Per release tag: its areas, waves, first wave and questions with their answers. */
  private readonly shapes = new Map<
    string,
    { areas: string[]; waves: number[]; first: number; questions: Map<string, string[]> }
  >();

  constructor(readonly k = 5) {}

  private use(terms: Terms): Terms {
    for (const [u] of terms) this.unknowns.add(u);
    return terms;
  }

  private equal(terms: Terms, value: number): void {
    this.rows.push({ terms: this.use(terms), constraint: { equal: value } });
  }

  private within(terms: Terms, min: number, max: number): void {
    this.rows.push({ terms: this.use(terms), constraint: { min, max } });
  }

  /** Side knowledge: a sum the audience knows. */
  know(terms: Terms, value: number): void {
    this.equal(terms, value);
  }

  /** A count to bound that no table shows (a secret of the check: people new or again, an arrival's answer). */
  secret(label: string, terms: Terms): void {
    this.targets.push({ label, terms: this.use(terms), labelled: false });
  }

  /** Interviews of an area at a wave in a release, as an unknown. */
  interviews(tag: string, area: string, wave: number): Terms {
    return [[`${tag}|I|${area}|${wave}`, 1]];
  }

  /**
   * Adds what a release publishes; withheld counts below k become targets when `targets`. With
   * `labels` false the attacker ignores that a count withheld as below k is 1 to k − 1 (non-negativity
   * alone).
   */
  addRelease(r: PublishedRelease, tag: string, { targets = true, labels = true } = {}): void {
    const tables = r.snapshot.tables;
    const participation = tables.find((t) => t.kind === "participation");
    const areas = [...new Set(participation?.rows.flatMap((x) => (x.area === null ? [] : [x.area])) ?? [])];
    const waves = [
      ...new Set(participation?.rows.flatMap((x) => (x.wave === null ? [] : [x.wave])) ?? []),
    ].sort((a, b) => a - b);
    const first = waves[0] ?? 0;
    const questions = new Map<string, string[]>();
    for (const t of tables)
      if (t.kind === "indicator" && t.indicator) questions.set(t.indicator.key, answerKeys(t));
    this.shapes.set(tag, { areas, waves, first, questions });
    const atom = (q: string, a: string, w: number, answer: string) => `${tag}|${q}|${a}|${w}|${answer}`;
    const inRow = (row: { area: string | null; wave: number | null }) =>
      areas.flatMap((a) =>
        waves.flatMap((w) =>
          (row.area === null || row.area === a) && (row.wave === null || row.wave === w) ? [{ a, w }] : [],
        ),
      );

    // Every question counts every interview once (answered or not).
    for (const [q, answers] of questions)
      for (const a of areas)
        for (const w of waves)
          this.equal(
            [
              ...answers.map((x) => [atom(q, a, w, x), 1] as [string, number]),
              ...this.interviews(tag, a, w).map(([u]) => [u, -1] as [string, number]),
            ],
            0,
          );

    // People between the first wave and each later one.
    const R = (a: string, w: number) => `${tag}|R|${a}|${w}`;
    const D = (a: string, w: number) => `${tag}|D|${a}|${w}`;
    const N = (a: string, w: number) => `${tag}|N|${a}|${w}`;
    const U = (q: string, a: string, w: number) => `${tag}|U|${q}|${a}|${w}`;
    for (const w of waves.slice(1))
      for (const a of areas) {
        this.equal(
          [
            [R(a, w), 1],
            [D(a, w), 1],
            [`${tag}|I|${a}|${first}`, -1],
          ],
          0,
        );
        this.equal(
          [
            [R(a, w), 1],
            [N(a, w), 1],
            [`${tag}|I|${a}|${w}`, -1],
          ],
          0,
        );
        for (const q of questions.keys())
          this.within(
            [
              [U(q, a, w), 1],
              [R(a, w), -1],
            ],
            Number.NEGATIVE_INFINITY,
            0,
          );
        for (const q of questions.keys())
          this.within(
            [
              [U(q, a, w), 1],
              [atom(q, a, first, NOT_ANSWERED), -1],
              [atom(q, a, w, NOT_ANSWERED), -1],
            ],
            Number.NEGATIVE_INFINITY,
            0,
          );
      }

    const count = (terms: Terms, cell: ReleaseCell | undefined, label: string) => {
      if (!cell || terms.length === 0) return;
      if (cell.published) this.equal(terms, cell.value);
      else if (cell.reason === "below_k") {
        if (labels) this.within(terms, 1, this.k - 1);
        if (targets) this.targets.push({ label: `${tag} ${label}`, terms, labelled: true });
      }
    };

    for (const t of tables) {
      for (const row of t.rows) {
        if (row.language !== undefined && row.language !== null) continue; // languages: not modelled
        const cellsIn = inRow(row);
        if (t.kind === "participation") {
          count(
            cellsIn.flatMap(({ a, w }) => this.interviews(tag, a, w)),
            row.cells.interviews,
            `${t.id} ${row.key} interviews`,
          );
          if (row.wave !== null && row.wave !== first)
            count(
              cellsIn.map(({ a, w }) => [D(a, w), 1] as [string, number]),
              row.cells.did_not_take_part,
              `${t.id} ${row.key} did_not_take_part`,
            );
          continue;
        }
        const q = t.indicator?.key;
        if (!q) continue;
        if (t.kind === "change") {
          const later = t.change?.toWave;
          if (later === undefined || t.change?.fromWave !== first) continue;
          count(
            areas
              .filter((a) => row.area === null || row.area === a)
              .flatMap((a) => [
                [R(a, later), 1] as [string, number],
                [U(q, a, later), -1] as [string, number],
              ]),
            row.cells.n,
            `${t.id} ${row.key} n`,
          );
          continue;
        }
        const answers = questions.get(q) ?? [];
        for (const column of t.columns) {
          const cell = row.cells[column.key];
          if (!cell) continue;
          if (column.kind === "count") {
            const chosen = answers.filter((x) =>
              column.key === "answered"
                ? x !== NOT_ANSWERED
                : column.key === NOT_ANSWERED
                  ? x === NOT_ANSWERED
                  : `c:${x}` === column.key,
            );
            count(
              cellsIn.flatMap(({ a, w }) => chosen.map((x) => [atom(q, a, w, x), 1] as [string, number])),
              cell,
              `${t.id} ${row.key} ${column.key}`,
            );
          } else if (column.kind === "mean" && column.key === "mean" && cell.published) {
            // sum of scores − (mean ± 0.05) × answered, within [−, 0] and [0, +]
            const scored = answers.filter((x) => x !== NOT_ANSWERED && Number.isFinite(Number(x)));
            if (scored.length === 0) continue;
            for (const [bound, shift] of [
              ["max", 0.05],
              ["min", -0.05],
            ] as const) {
              const terms = cellsIn.flatMap(({ a, w }) =>
                scored.map((x) => [atom(q, a, w, x), Number(x) - (cell.value + shift)] as [string, number]),
              );
              const slack = 1e-9;
              if (bound === "max") this.within(terms, Number.NEGATIVE_INFINITY, slack);
              else this.within(terms, -slack, Number.POSITIVE_INFINITY);
            }
          }
        }
      }
    }
  }

  /** Area-level "again" and "new" counts of a release (and for everyone), as secrets to bound. */
  peopleSecrets(tag: string): void {
    const shape = this.shapes.get(tag);
    if (!shape) return;
    for (const w of shape.waves.slice(1))
      for (const [letter, kind] of [
        ["R", "again"],
        ["N", "new"],
      ] as const) {
        for (const a of shape.areas)
          this.secret(`${tag} ${kind} ${w} ${a}`, [[`${tag}|${letter}|${a}|${w}`, 1]]);
        this.secret(
          `${tag} ${kind} ${w} all`,
          shape.areas.map((a) => [`${tag}|${letter}|${a}|${w}`, 1] as [string, number]),
        );
      }
  }

  /**
   * Links two releases of the same survey. Outside the area-waves in `changed` nothing arrived or left:
   * each unknown is the same in both. In a changed area-wave, each answer's count after = before +
   * arrived − left, arrivals and departures non-negative, with their numbers known (an area's people
   * know them); the arrivals' and departures' answers are secrets (`in|…`, `out|…`).
   */
  link(
    before: string,
    after: string,
    changed: { area: string; wave: number; arrived: number; left: number }[],
  ): void {
    const a = this.shapes.get(before);
    const b = this.shapes.get(after);
    if (!a || !b) throw new Error("link: add both releases first");
    const isChanged = (area: string, wave: number) => changed.find((c) => c.area === area && c.wave === wave);
    const areas = a.areas.filter((x) => b.areas.includes(x));
    const waves = a.waves.filter((x) => b.waves.includes(x));
    const unchangedArea = (area: string) => !changed.some((c) => c.area === area);
    for (const area of areas)
      for (const wave of waves) {
        const c = isChanged(area, wave);
        for (const [q, answers] of b.questions) {
          if (!a.questions.has(q)) continue;
          const ins: Terms = [];
          const outs: Terms = [];
          for (const x of answers) {
            const u = `${after}|${q}|${area}|${wave}|${x}`;
            const v = `${before}|${q}|${area}|${wave}|${x}`;
            if (!c) {
              this.equal(
                [
                  [u, 1],
                  [v, -1],
                ],
                0,
              );
              continue;
            }
            const inX = `in|${before}>${after}|${q}|${area}|${wave}|${x}`;
            const outX = `out|${before}>${after}|${q}|${area}|${wave}|${x}`;
            this.equal(
              [
                [u, 1],
                [v, -1],
                [inX, -1],
                [outX, 1],
              ],
              0,
            );
            this.within(
              [
                [outX, 1],
                [v, -1],
              ],
              Number.NEGATIVE_INFINITY,
              0,
            );
            ins.push([inX, 1]);
            outs.push([outX, 1]);
            if (c.arrived > 0)
              this.secret(`arrived ${before}>${after} ${q} ${area} ${wave} ${x}`, [[inX, 1]]);
            if (c.left > 0) this.secret(`left ${before}>${after} ${q} ${area} ${wave} ${x}`, [[outX, 1]]);
          }
          if (c) {
            this.equal(ins, c.arrived);
            this.equal(outs, c.left);
          }
        }
      }
    // People between waves: the same in an area where nobody arrived or left at any wave.
    for (const area of areas)
      if (unchangedArea(area))
        for (const w of waves.slice(1))
          for (const letter of ["R", "D", "N"])
            if (
              this.unknowns.has(`${after}|${letter}|${area}|${w}`) &&
              this.unknowns.has(`${before}|${letter}|${area}|${w}`)
            )
              this.equal(
                [
                  [`${after}|${letter}|${area}|${w}`, 1],
                  [`${before}|${letter}|${area}|${w}`, -1],
                ],
                0,
              );
  }

  /** The smallest and largest value of every target, by linear programming, rounded inwards. */
  bounds(only?: (t: Bounded) => boolean): Bounds[] {
    const lp = presolve(this.rows);
    return this.targets
      .filter((t) => !only || only(t))
      .map((t) => {
        const { terms, constant } = lp.substitute(t.terms);
        const lo = constant + (terms.length === 0 ? 0 : lp.optimum(terms, "minimize"));
        const hi = constant + (terms.length === 0 ? 0 : lp.optimum(terms, "maximize"));
        return { label: t.label, lo: Math.ceil(lo - 1e-6), hi: Math.floor(hi + 1e-6), labelled: t.labelled };
      });
  }

  /** The constraints that the given values of the unknowns break (a check of the attacker's model). */
  broken(values: ReadonlyMap<string, number>): string[] {
    return this.rows.flatMap((row) => {
      let sum = 0;
      for (const [u, c] of row.terms) sum += c * (values.get(u) ?? 0);
      const k = row.constraint;
      const ok =
        (k.equal === undefined || Math.abs(sum - k.equal) < 1e-6) &&
        (k.min === undefined || sum >= k.min - 1e-6) &&
        (k.max === undefined || sum <= k.max + 1e-6);
      return ok
        ? []
        : [`${row.terms.map(([u, c]) => `${c}·${u}`).join(" + ")} = ${sum} against ${JSON.stringify(k)}`];
    });
  }

  /** Whether the constraints have a solution at all (they must: the true figures are one). */
  feasible(): boolean {
    try {
      const lp = presolve(this.rows);
      return lp.optimum([], "minimize") === 0;
    } catch {
      return false;
    }
  }
}

/**
 * Makes the program smaller before solving, exactly: unknowns equal by a published or linking
 * equation (`u − v = 0`) are merged, and an unknown fixed by a one-term equation is replaced by its
 * value; repeated until nothing changes. Throws when a fixed value contradicts a constraint.
 */
function presolve(input: readonly Row[]) {
  const parent = new Map<string, string>();
  const find = (u: string): string => {
    let r = u;
    while (parent.has(r)) r = parent.get(r) as string;
    return r;
  };
  const fixed = new Map<string, number>();
  let rows = input.map((r) => ({ terms: r.terms, constraint: r.constraint }));
  const substitute = (terms: Terms) => {
    const merged = new Map<string, number>();
    let constant = 0;
    for (const [u, c] of terms) {
      const r = find(u);
      const f = fixed.get(r);
      if (f !== undefined) constant += c * f;
      else merged.set(r, (merged.get(r) ?? 0) + c);
    }
    return { terms: [...merged].filter(([, c]) => Math.abs(c) > 1e-12) as Terms, constant };
  };
  for (let changed = true; changed; ) {
    changed = false;
    const next: Row[] = [];
    for (const row of rows) {
      const { terms, constraint: k } = row;
      const s = substitute(terms);
      const shift = (x: number | undefined) => (x === undefined ? undefined : x - s.constant);
      const constraint: Constraint = {
        ...(k.equal !== undefined ? { equal: shift(k.equal) } : {}),
        ...(k.min !== undefined ? { min: shift(k.min) } : {}),
        ...(k.max !== undefined ? { max: shift(k.max) } : {}),
      };
      if (s.terms.length === 0) {
        const ok =
          (constraint.equal === undefined || Math.abs(constraint.equal) < 1e-6) &&
          (constraint.min === undefined || constraint.min <= 1e-6) &&
          (constraint.max === undefined || constraint.max >= -1e-6);
        if (!ok) throw new Error("presolve: contradiction");
        continue;
      }
      if (constraint.equal !== undefined && s.terms.length === 1) {
        const [u, c] = s.terms[0] as [string, number];
        const value = constraint.equal / c;
        if (value < -1e-6) throw new Error("presolve: negative");
        fixed.set(u, value);
        changed = true;
        continue;
      }
      if (constraint.equal === 0 && s.terms.length === 2) {
        const [[u, a], [v, b]] = s.terms as [[string, number], [string, number]];
        if (a === -b) {
          parent.set(u, v);
          changed = true;
          continue;
        }
      }
      next.push({ terms: s.terms, constraint });
    }
    rows = next;
  }
  const variables = new Map<string, Map<string, number>>();
  const constraints = new Map<string, Constraint>();
  rows.forEach((row, i) => {
    constraints.set(`r${i}`, row.constraint);
    for (const [u, c] of row.terms) {
      let v = variables.get(u);
      if (!v) {
        v = new Map();
        variables.set(u, v);
      }
      v.set(`r${i}`, c);
    }
  });
  const optimum = (objective: Terms, direction: "minimize" | "maximize"): number => {
    const vars = new Map(variables);
    for (const [u, c] of objective) vars.set(u, new Map([...(variables.get(u) ?? []), ["objective", c]]));
    const model = {
      direction,
      objective: "objective",
      constraints,
      variables: vars as Map<string, Coefficients>,
    };
    const s = solve(model, { precision: 1e-9, maxPivots: 50_000 });
    if (s.status === "unbounded") return direction === "maximize" ? Number.POSITIVE_INFINITY : 0;
    if (s.status !== "optimal") throw new Error(`linear program ${s.status}`);
    return s.result;
  };
  return { substitute, optimum };
}

/**
 * The rule (decision 0069): a secret whose true value is 1 to k − 1 is disclosed when the attacker's
 * integer interval holds fewer than `width + 1` values (width 1: pinned to one value; width 2 also
 * refuses "3 or 4" and "1 or 2"). `truth` gives the true value of each label; a target not in it is a
 * withheld count below k (its true value is 1 to k − 1 by the release's own word).
 */
export function disclosed(
  bounds: Bounds[],
  truth: (label: string) => number | undefined,
  k: number,
  width: number,
): Bounds[] {
  return bounds.filter((b) => {
    const v = truth(b.label);
    if (!b.labelled && (v === undefined || v < 1 || v >= k)) return false;
    return b.hi - b.lo < width;
  });
}
