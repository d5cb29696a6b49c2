import type { PublishedRelease } from "../../../shared/contract/releases.ts";
import { determinedUnknowns } from "../../helpers/linear-recovery.ts";

/**
 * The outsider's arithmetic linking a release's "who took part" table to its change tables, written
 * without looking at the output checks. Per area: R = people of the first wave interviewed again at the
 * later wave, D = people of the first wave not interviewed then, N = people new at the later wave, and
 * per question U = people interviewed both times who did not answer it at one of them. Then
 * interviews(first wave) = R + D, interviews(later wave) = R + N, did not take part = D, and the
 * paired count of a question = R − U, where U is known to be 0 when both waves' "not answered" of that
 * area are published as 0. Targets: every paired count or "did not take part" withheld as below k.
 */
type Eq = [string, number][];

export function pairsRecovered(r: PublishedRelease): string[] {
  return solve([pairEquations(r, () => "")]);
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
  );
}

interface System {
  unknowns: Set<string>;
  equations: Eq[];
  targets: { label: string; terms: Eq }[];
}

function solve(systems: System[]): string[] {
  const all = [...new Set(systems.flatMap((s) => [...s.unknowns]))];
  const equations = systems.flatMap((s) => s.equations);
  return systems
    .flatMap((s) => s.targets)
    .flatMap((target) => {
      const probe = `probe:${target.label}`;
      const found = determinedUnknowns([...all, probe], [...equations, [...target.terms, [probe, -1]]]);
      return found.includes(probe) ? [target.label] : [];
    });
}

function pairEquations(r: PublishedRelease, tag: (area: string) => string, areaCounts = false): System {
  const tables = r.snapshot.tables;
  const participation = tables.find((t) => t.kind === "participation");
  const changes = tables.filter((t) => t.kind === "change" && t.change && t.indicator);
  const unknowns = new Set<string>();
  const equations: Eq[] = [];
  const targets: { label: string; terms: Eq }[] = [];
  if (!participation || changes.length === 0) return { unknowns, equations, targets };
  const waves = [...new Set(participation.rows.flatMap((row) => (row.wave === null ? [] : [row.wave])))];
  const first = Math.min(...waves);
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

  for (const change of changes) {
    const { toWave } = change.change ?? { toWave: 0 };
    const q = change.indicator?.key ?? "";
    for (const row of participation.rows) {
      const as = inRow(row.area);
      const interviews = row.cells.interviews;
      const dntp = row.cells.did_not_take_part;
      if (row.wave === first && interviews?.published)
        equations.push([
          ...sum(as.map((a) => `R|${toWave}|${a}`)),
          ...sum(as.map((a) => `D|${toWave}|${a}`)),
        ]);
      if (row.wave === toWave && interviews?.published)
        equations.push([
          ...sum(as.map((a) => `R|${toWave}|${a}`)),
          ...sum(as.map((a) => `N|${toWave}|${a}`)),
        ]);
      if (row.wave === toWave && dntp) {
        const terms = sum(as.map((a) => `D|${toWave}|${a}`));
        if (dntp.published) equations.push(terms);
        else if (dntp.reason === "below_k") targets.push({ label: `did not take part ${row.key}`, terms });
      }
    }
    if (areaCounts)
      for (const a of areas) equations.push([...sum([`R|${toWave}|${a}`]), ...sum([`D|${toWave}|${a}`])]);
    if (change.change?.fromWave !== first) continue;
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
      else if (n.reason === "below_k") targets.push({ label: `${change.id} ${row.key} n`, terms });
    }
  }

  return { unknowns, equations, targets };
}
