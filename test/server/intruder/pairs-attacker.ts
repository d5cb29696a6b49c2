import type { PublishedRelease } from "../../../shared/contract/releases.ts";
import { determinedUnknowns } from "../../helpers/linear-recovery.ts";

/**
 * The outsider's arithmetic linking a release's "who took part" table to its change tables, written
 * without looking at the output checks. Per area and later wave w: R = people of the first wave
 * interviewed again at w, D = people of the first wave not interviewed then, N = people new at w, and
 * per question U = people interviewed both times who did not answer it at one of them. Then
 * interviews(first wave) = R + D, interviews(w) = R + N, did not take part at w = D, and the paired
 * count of a question = R − U, where U is known to be 0 when both waves' "not answered" of that area
 * are published as 0. Targets: every paired count or "did not take part" withheld as below k; and, for
 * `peopleCountsDetermined`, every R and N (per area and for everyone), whether a table has it or not.
 */
type Eq = [string, number][];

export function pairsRecovered(r: PublishedRelease): string[] {
  return solve([pairEquations(r, () => "")], "withheld");
}

/**
 * The same arithmetic over several releases of the same data, read together, by the area's people.
 * They know in which areas nobody was interviewed (nor withdrawn) between the releases (`unchanged`):
 * there each unknown is the same in every release; elsewhere each release has its own. They also know
 * how many first interviews each area did, published or not (R + D).
 */
export function pairsRecoveredAcross(releases: PublishedRelease[], unchanged: ReadonlySet<string>): string[] {
  return solve(
    releases.map((r, i) => pairEquations(r, (area) => (unchanged.has(area) ? "" : `@${i}`), true)),
    "withheld",
  );
}

/**
 * Which counts of people the area's people can work out (as `pairsRecoveredAcross`, knowing how many
 * interviews each area did at every wave): "again" (R) and "new" (N) per later wave, area and
 * everyone, labelled `release i: again|new w area|all`. Whether a count so determined is a disclosure
 * depends on its value, which the caller knows. An area where only withdrawals happened between two
 * releases counts as unchanged here: its unknowns differ by a number its people know, which pins down
 * exactly what an unchanged area's do.
 */
export function peopleCountsDetermined(
  releases: PublishedRelease[],
  unchanged: ReadonlySet<string>,
): string[] {
  return solve(
    releases.map((r, i) =>
      pairEquations(r, (area) => (unchanged.has(area) ? "" : `@${i}`), true, `release ${i}: `),
    ),
    "count",
  );
}

interface System {
  unknowns: Set<string>;
  equations: Eq[];
  targets: Target[];
}

interface Target {
  label: string;
  terms: Eq;
  kind: "withheld" | "count";
}

function solve(systems: System[], kind: Target["kind"]): string[] {
  const all = [...new Set(systems.flatMap((s) => [...s.unknowns]))];
  const equations = systems.flatMap((s) => s.equations);
  return systems
    .flatMap((s) => s.targets)
    .filter((target) => target.kind === kind)
    .flatMap((target) => {
      const probe = `probe:${target.label}`;
      const found = determinedUnknowns([...all, probe], [...equations, [...target.terms, [probe, -1]]]);
      return found.includes(probe) ? [target.label] : [];
    });
}

function pairEquations(
  r: PublishedRelease,
  tag: (area: string) => string,
  areaCounts = false,
  name = "",
): System {
  const tables = r.snapshot.tables;
  const participation = tables.find((t) => t.kind === "participation");
  const changes = tables.filter((t) => t.kind === "change" && t.change && t.indicator);
  const unknowns = new Set<string>();
  const equations: Eq[] = [];
  const targets: Target[] = [];
  if (!participation) return { unknowns, equations, targets };
  const waves = [...new Set(participation.rows.flatMap((row) => (row.wave === null ? [] : [row.wave])))];
  const first = Math.min(...waves);
  const later = waves.filter((w) => w !== first).sort((a, b) => a - b);
  const areas = [...new Set(participation.rows.flatMap((row) => (row.area === null ? [] : [row.area])))];
  const sum = (names: string[], coefficient = 1): Eq =>
    names
      .map((n) => `${n}${tag(n.slice(n.lastIndexOf("|") + 1))}`)
      .map((n) => {
        unknowns.add(n);
        return [n, coefficient];
      });
  const inRow = (area: string | null) => (area === null ? areas : [area]);
  const zeroNotAnswered = (question: string, area: string, wave: number) =>
    tables.some(
      (t) =>
        t.kind === "indicator" &&
        t.indicator?.key === question &&
        t.rows.some((row) => {
          const c = row.cells.not_answered;
          return row.area === area && row.wave === wave && c?.published === true && c.value === 0;
        }),
    );

  for (const w of later) {
    for (const row of participation.rows) {
      const as = inRow(row.area);
      const interviews = row.cells.interviews;
      const dntp = row.cells.did_not_take_part;
      if (row.wave === first && interviews?.published)
        equations.push([...sum(as.map((a) => `R|${w}|${a}`)), ...sum(as.map((a) => `D|${w}|${a}`))]);
      if (row.wave === w && interviews?.published)
        equations.push([...sum(as.map((a) => `R|${w}|${a}`)), ...sum(as.map((a) => `N|${w}|${a}`))]);
      if (row.wave === w && dntp) {
        const terms = sum(as.map((a) => `D|${w}|${a}`));
        if (dntp.published) equations.push(terms);
        else if (dntp.reason === "below_k")
          targets.push({ label: `did not take part ${row.key}`, terms, kind: "withheld" });
      }
    }
    if (areaCounts)
      for (const a of areas) {
        equations.push([...sum([`R|${w}|${a}`]), ...sum([`D|${w}|${a}`])]);
        equations.push([...sum([`R|${w}|${a}`]), ...sum([`N|${w}|${a}`])]);
      }
    for (const [kind, letter] of [
      ["again", "R"],
      ["new", "N"],
    ] as const)
      for (const a of [...areas, null])
        targets.push({
          label: `${name}${kind} ${w} ${a ?? "all"}`,
          terms: sum(inRow(a).map((x) => `${letter}|${w}|${x}`)),
          kind: "count",
        });
  }

  for (const change of changes) {
    const { fromWave, toWave } = change.change ?? { fromWave: 0, toWave: 0 };
    const q = change.indicator?.key ?? "";
    if (fromWave !== first) continue;
    for (const a of areas)
      if (zeroNotAnswered(q, a, first) && zeroNotAnswered(q, a, toWave)) equations.push(sum([`U|${q}|${a}`]));
    for (const row of change.rows) {
      const n = row.cells.n;
      if (!n) continue;
      const as = inRow(row.area);
      const terms = [
        ...sum(as.map((a) => `R|${toWave}|${a}`)),
        ...sum(
          as.map((a) => `U|${q}|${a}`),
          -1,
        ),
      ];
      if (n.published) equations.push(terms);
      else if (n.reason === "below_k")
        targets.push({ label: `${change.id} ${row.key} n`, terms, kind: "withheld" });
    }
  }

  return { unknowns, equations, targets };
}
