import type { PublishedRelease, ReleaseTable } from "../../../shared/contract/releases.ts";
import { determinedUnknowns } from "../../helpers/linear-recovery.ts";

/**
 * The outsider's arithmetic against releases, written independently of the output checks: it knows
 * only what a reader sees (tables, row areas and waves, column meanings, which cells are withheld)
 * and what an outsider could know about the fieldwork between two releases ("one interview was done
 * in north at the first interview round", "one participant in south withdrew").
 *
 * Unknowns are the finest counts a reader can name: release × question × area × wave × answer (× the
 * interview language, when a table of the release is broken down by it: issue 18). Each
 * published count is an equation; a published zero says each of its finest counts is zero; an average
 * over fewer than 10 answers, rounded to one decimal, gives the exact sum of scores. Two releases are
 * linked by "nothing changed outside the area-waves where the outsider knows something happened".
 */

export type Eq = [string, number][];

export interface AttackState {
  unknowns: Set<string>;
  equations: Eq[];
  /** Withheld cells below k, as vectors over the unknowns, to try to recover. */
  targets: { label: string; terms: Eq }[];
}

export const newAttack = (): AttackState => ({ unknowns: new Set(), equations: [], targets: [] });

function areaWaves(release: PublishedRelease): { area: string; wave: number }[] {
  const p = release.snapshot.tables.find((t) => t.kind === "participation");
  return (p?.rows ?? []).flatMap((r) =>
    r.area !== null && r.wave !== null ? [{ area: r.area, wave: r.wave }] : [],
  );
}

/** The languages a reader can name: the rows of any table broken down by language; [""] for none. */
function languagesOf(release: PublishedRelease): string[] {
  const found = new Set<string>();
  for (const t of release.snapshot.tables)
    for (const r of t.rows) if (r.language !== undefined && r.language !== null) found.add(r.language);
  return found.size > 0 ? [...found] : [""];
}

function answerKeys(t: ReleaseTable): string[] {
  return [...t.columns.filter((c) => c.key.startsWith("c:")).map((c) => c.key.slice(2)), "not_answered"];
}

const unknown = (tag: string, q: string, area: string, wave: number, answer: string, language = "") =>
  `${tag}|${q}|${area}|${wave}|${answer}${language ? `|${language}` : ""}`;

/** Adds a release's published counts as equations over its own finest counts (named by `tag`). */
export function addRelease(
  state: AttackState,
  release: PublishedRelease,
  tag: string,
  targets: boolean,
): void {
  const languages = languagesOf(release);
  const cells = areaWaves(release).flatMap((c) => languages.map((language) => ({ ...c, language })));
  const questions = new Map<string, string[]>();
  for (const t of release.snapshot.tables)
    if (t.kind === "indicator" && t.indicator) questions.set(t.indicator.key, answerKeys(t));
  for (const [q, answers] of questions)
    for (const { area, wave, language } of cells)
      for (const a of answers) state.unknowns.add(unknown(tag, q, area, wave, a, language));

  for (const t of release.snapshot.tables) {
    for (const row of t.rows) {
      const inRow = cells.filter(
        (c) =>
          (row.area === null || c.area === row.area) &&
          (row.wave === null || c.wave === row.wave) &&
          (row.language === undefined || row.language === null || c.language === row.language),
      );
      for (const column of t.columns) {
        const cell = row.cells[column.key];
        if (!cell) continue;
        const systems: Eq[] = [];
        if (t.kind === "participation" && column.key === "interviews") {
          for (const [q, answers] of questions)
            systems.push(
              inRow.flatMap(({ area, wave, language }) =>
                answers.map((a) => [unknown(tag, q, area, wave, a, language), 1] as [string, number]),
              ),
            );
        } else if (t.kind === "indicator" && t.indicator && column.kind === "count") {
          const q = t.indicator.key;
          const answers = answerKeys(t).filter((a) =>
            column.key === "answered"
              ? a !== "not_answered"
              : column.key === "not_answered"
                ? a === "not_answered"
                : `c:${a}` === column.key,
          );
          systems.push(
            inRow.flatMap(({ area, wave, language }) =>
              answers.map((a) => [unknown(tag, q, area, wave, a, language), 1] as [string, number]),
            ),
          );
        } else if (t.kind === "indicator" && t.indicator && column.key === "mean" && cell.published) {
          const answered = row.cells.answered;
          const scores = answerKeys(t).filter((a) => a !== "not_answered" && Number.isFinite(Number(a)));
          if (answered?.published && answered.value > 0 && answered.value < 10 && scores.length > 0) {
            const sum = Math.round(cell.value * answered.value);
            void sum;
            state.equations.push(
              inRow.flatMap(({ area, wave, language }) =>
                scores.map(
                  (a) =>
                    [unknown(tag, t.indicator?.key ?? "", area, wave, a, language), Number(a)] as [
                      string,
                      number,
                    ],
                ),
              ),
            );
          }
          continue;
        } else continue;
        for (const eq of systems) {
          if (cell.published) {
            state.equations.push(eq);
            if (cell.value === 0) for (const [u] of eq) state.equations.push([[u, 1]]);
          } else if (targets && cell.reason === "below_k") {
            state.targets.push({ label: `${tag} ${t.id} ${row.key} ${column.key}`, terms: eq });
          }
        }
      }
    }
  }
}

/**
 * Links two releases: every finest count is the same in both, except in the area-waves named, where
 * the outsider knows how many interviews arrived or left (`changed`): the per-question sum of the
 * differences there is known. The secrets are the differences that are not zero — the answers the
 * participant who arrived or left actually gave (`actual`, as `question|answer`, or
 * `question|answer|language` when the releases are broken down by language). That they did not give
 * some other answer may be learnt (docs/decisions/0023).
 */
export function linkReleases(
  state: AttackState,
  before: string,
  after: string,
  changed: { area: string; wave: number }[],
  actual: string[],
): void {
  const isChanged = (u: string) => changed.some((c) => u.includes(`|${c.area}|${c.wave}|`));
  const sums = new Map<string, Eq>();
  for (const u of state.unknowns) {
    if (!u.startsWith(`${after}|`)) continue;
    const rest = u.slice(after.length + 1);
    const twin = `${before}|${rest}`;
    if (!state.unknowns.has(twin)) continue;
    if (!isChanged(u)) {
      state.equations.push([
        [u, 1],
        [twin, -1],
      ]);
      continue;
    }
    const [q, area, wave, answer, language] = rest.split("|");
    const key = `${q}|${area}|${wave}`;
    sums.set(key, [...(sums.get(key) ?? []), [u, 1], [twin, -1]]);
    // With languages, the secret is the answer in the language the participant was interviewed in
    // (`question|answer|language`); that the others did not change is what the published rows say.
    if (actual.includes(language ? `${q}|${answer}|${language}` : `${q}|${answer}`))
      state.targets.push({
        label: `difference ${rest}`,
        terms: [
          [u, 1],
          [twin, -1],
        ],
      });
  }
  for (const eq of sums.values()) state.equations.push(eq);
}

/** The targets the equations pin down exactly. */
export function recovered(state: AttackState): string[] {
  const unknowns = [...state.unknowns];
  const out: string[] = [];
  for (const target of state.targets) {
    const probe = `probe:${target.label}`;
    const equations = [...state.equations, [...target.terms, [probe, -1]] as Eq];
    if (determinedUnknowns([...unknowns, probe], equations).includes(probe)) out.push(target.label);
  }
  return out;
}
