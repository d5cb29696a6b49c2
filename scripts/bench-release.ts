import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { openSqlite } from "../server/db/connect.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { ProblemError } from "../server/http/problem.ts";
import { loadCatalogue } from "../server/outcomes/indicator-catalogue.ts";
import { findRelease, insertRelease } from "../server/releases/releases.repository.ts";
import { checkReleaseFigures, defaultCheckBudget } from "../server/releases/releases.service.ts";
import { insertUser } from "../server/users/users.repository.ts";
import type { ComposeReleaseRequest } from "../shared/contract/releases.ts";
import type { CheckBudget } from "../shared/disclosure/check-release.ts";
import { generate } from "./seed-dashboard.ts";

/**
 * Checking a release (issue 13; measured, not asserted): every outcome the participant interview
 * measures × every breakdown and the change between the first two waves, against `earlier` published
 * releases of the same survey, on the dashboard benchmark's synthetic database (39 areas, 4 waves).
 * The earlier releases are checks of the same data marked published (the same interviews in each), so
 * each later check audits against all of them. Each check runs with the server's budget
 * (`defaultCheckBudget`); one over it is reported as refused, as the server would answer.
 *
 * The default size (100 interviews, 1 earlier release) finishes in well under a minute; larger ones
 * take minutes or are refused (docs/decisions/0023 has the measured sizes).
 *
 *   node --import tsx scripts/bench-release.ts [--interviews 100] [--earlier 1] [--reuse] [--generate-only]
 *                                              [--budget-s 60]
 *                                              [--copy-earlier]
 *   node --import tsx scripts/bench-release.ts --issue   # the issue's figure: 52,632 interviews
 *                                                        # (1,000,008 answers) against 10 earlier releases
 *
 * `--copy-earlier` checks the first release, then publishes earlier releases 2 … E as copies of it
 * (its figures and interviews) instead of checking each in turn: two checks instead of E + 1 (the 1M
 * case otherwise takes most of an hour on a busy machine). Only the first and last times are then printed.
 *
 * `--reuse` keeps the generated database in the temporary folder and copies it on later runs of the
 * same size. Besides the times (wall and CPU of every thread), it prints the event loop's longest and
 * 99th-percentile delay during the checks, the load average, and the process's peak resident memory and, for the issue's size, the
 * figure beside its target (≤ 2 s for the check against the earlier releases; docs/decisions/0034).
 */
const SURVEY = "participant-interview";
const NOW = new Date("2026-11-26T10:00:00.000Z");

export const DEFAULT_RELEASE_INTERVIEWS = 100;
/** The dashboard benchmark's large size: 52,632 interviews give 1,000,008 answers (issue 13's 1M). */
export const ISSUE_RELEASE_INTERVIEWS = 52_632;
export const ISSUE_EARLIER_RELEASES = 10;
export const ISSUE_TARGET_MS = 2000;

export function describeRelease(f: Awaited<ReturnType<typeof benchRelease>>): string {
  const head = `Release check (measured, not asserted): ${f.interviews} interviews, ${f.answers} indicator rows, ${f.outcomes} outcomes × all breakdowns + change.`;
  if (f.refused)
    return [
      head,
      `Refused as too large to check after ${(f.lastMs / 1000).toFixed(1)} s (with ${f.earlier} earlier published release${f.earlier === 1 ? "" : "s"}); nothing stored.`,
      `Longest time the server could not answer anyone else during the checks: ${f.maxLagMs.toFixed(0)} ms (99th percentile of the event-loop delay: ${f.p99LagMs.toFixed(0)} ms).`,
      `Peak resident memory of the benchmark process (data generation included): ${peakRssMb().toFixed(0)} MB.`,
      ...(f.interviews >= ISSUE_RELEASE_INTERVIEWS
        ? [`Issue 13 figure: refused as too large to check (target ≤ ${ISSUE_TARGET_MS / 1000} s; not met).`]
        : []),
    ].join("\n");
  return [
    head,
    `${f.tables} tables, ${f.cells} cells.`,
    `First check (no earlier release): ${(f.firstMs / 1000).toFixed(2)} s (CPU, all threads: ${((f.cpuMs[0] ?? Number.NaN) / 1000).toFixed(2)} s).`,
    `Check against ${f.earlier} earlier published release${f.earlier === 1 ? "" : "s"}: ${(f.lastMs / 1000).toFixed(2)} s (CPU, all threads: ${((f.cpuMs.at(-1) ?? Number.NaN) / 1000).toFixed(2)} s); ${f.withheld} cells withheld.`,
    `Every check in order (wall s): ${f.allMs.map((t) => (t / 1000).toFixed(2)).join(", ")}.`,
    `Database ${f.reused ? "reused from an earlier run" : `generated in ${(f.generateMs / 1000).toFixed(1)} s`}; machine load average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
    `Longest time the server could not answer anyone else during the checks: ${f.maxLagMs.toFixed(0)} ms (99th percentile of the event-loop delay: ${f.p99LagMs.toFixed(0)} ms).`,
    `Peak resident memory of the benchmark process (data generation included): ${peakRssMb().toFixed(0)} MB.`,
    ...(f.interviews >= ISSUE_RELEASE_INTERVIEWS && f.earlier >= ISSUE_EARLIER_RELEASES
      ? [
          `Issue 13 figure: ${f.answers.toLocaleString("en-GB")} answers against ${f.earlier} earlier releases: ${(f.lastMs / 1000).toFixed(2)} s (target ≤ ${ISSUE_TARGET_MS / 1000} s; ${f.lastMs <= ISSUE_TARGET_MS ? "met" : "not met"}).`,
        ]
      : []),
  ].join("\n");
}

/** Peak resident set size of this process so far, in MB. */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/**
 * The synthetic database of this size: generated, or with `reuse` copied from the one generated by an
 * earlier run with `reuse` (kept in the system's temporary folder; the 1M-answer one takes minutes).
 */
async function database(file: string, interviews: number, reuse: boolean) {
  const kept = join(tmpdir(), `alongside-release-bench-${interviews}.sqlite`);
  const keptCounts = `${kept}.json`;
  if (reuse && existsSync(kept) && existsSync(keptCounts)) {
    copyFileSync(kept, file);
    const counts = JSON.parse(readFileSync(keptCounts, "utf8")) as { responses: number; values: number };
    return { ...counts, reused: true };
  }
  const made = await generate(file, interviews);
  if (reuse) {
    copyFileSync(file, `${kept}.part`);
    renameSync(`${kept}.part`, kept);
    writeFileSync(keptCounts, JSON.stringify(made));
  }
  return { ...made, reused: false };
}

export async function benchRelease(
  interviews: number,
  earlierCount: number,
  reuse = false,
  budget: CheckBudget = defaultCheckBudget,
  copyEarlier = false,
) {
  const dir = mkdtempSync(join(tmpdir(), "alongside-release-bench-"));
  const file = join(dir, "bench.sqlite");
  try {
    const t0 = performance.now();
    const made = await database(file, interviews, reuse);
    const generateMs = performance.now() - t0;
    const handle = openSqlite(file);
    const db = handle.db;
    // A database kept by an earlier run may predate migrations added since.
    await migrateToLatest(db, () => {});
    const analyst = await insertUser(
      db,
      {
        email: "analyst@example.org",
        displayName: "Analyst",
        role: "evaluator",
        areaId: null,
        passwordHash: null,
      },
      NOW,
    );
    const catalogue = await loadCatalogue(db);
    const outcomes = [
      ...new Set(catalogue.indicators.filter((d) => d.surveyId === SURVEY).map((d) => d.outcome)),
    ];
    const composition: ComposeReleaseRequest = {
      title: "Benchmark",
      surveyId: SURVEY,
      outcomes,
      breakdowns: ["overall", "area", "wave", "area_wave"],
      change: { fromWave: 0, toWave: 1 },
      narrative: "",
      audiences: ["public"],
      corrects: null,
    };
    const by = { id: analyst.id, name: "Analyst" };
    const times: number[] = [];
    /** CPU time of the process (every thread) per check: less inflated by a busy machine than wall time. */
    const cpu: number[] = [];
    // The longest time the check held the event loop (other requests waited at most this long).
    const lag = monitorEventLoopDelay({ resolution: 10 });
    let lagMax = 0;
    let lagP99 = 0;
    for (let i = 0; i <= earlierCount; i++) {
      const id = `bench-${i}`;
      if (copyEarlier && i > 0 && i < earlierCount) {
        // `--copy-earlier`: earlier releases 1 … E − 1 are copies of the first (its figures and its
        // interviews, published a second apart), not each checked in turn (docs/decisions/0047).
        await sql`insert into releases select ${id}, survey_id, title, composition, status, created_at, created_by, updated_at, snapshot_id, snapshot, participant_summary, ${new Date(NOW.getTime() + i * 1000).toISOString()}, published_by, null, corrects, corrected_by from releases where id = 'bench-0'`.execute(
          db,
        );
        await sql`insert into release_interviews (release_id, response_id, area_id, wave, language) select ${id}, response_id, area_id, wave, language from release_interviews where release_id = 'bench-0'`.execute(
          db,
        );
        await sql`insert into release_check_figures (release_id, snapshot_id, tables) select ${id}, snapshot_id, tables from release_check_figures where release_id = 'bench-0'`.execute(
          db,
        );
        continue;
      }
      await insertRelease(db, { id, composition, userId: analyst.id, now: NOW.toISOString() });
      const row = await findRelease(db, id);
      if (!row) throw new Error("no release");
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      lag.reset();
      lag.enable();
      const snapshot = await checkReleaseFigures(db, row, by, NOW, {}, budget).catch((e: unknown) => {
        if (e instanceof ProblemError && e.problem.code === "release_too_large_to_check") return null;
        throw e;
      });
      lag.disable();
      times.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      lagMax = Math.max(lagMax, lag.max / 1e6);
      lagP99 = Math.max(lagP99, lag.percentile(99) / 1e6);
      if (!snapshot) {
        await handle.close();
        return {
          interviews,
          answers: made.values,
          generateMs,
          outcomes: outcomes.length,
          tables: 0,
          cells: 0,
          withheld: 0,
          firstMs: times[0] ?? Number.NaN,
          lastMs: times.at(-1) ?? Number.NaN,
          earlier: i,
          refused: true,
          maxLagMs: lagMax,
          p99LagMs: lagP99,
          cpuMs: cpu,
          allMs: times,
          reused: made.reused,
        };
      }
      if (i < earlierCount)
        await db
          .updateTable("releases")
          .set({ status: "published", published_at: new Date(NOW.getTime() + i * 1000).toISOString() })
          .where("id", "=", id)
          .execute();
      if (i === earlierCount) {
        const cells = snapshot.tables.reduce((s, t) => s + t.rows.length * t.columns.length, 0);
        const withheld = snapshot.checklist.reduce((s, c) => s + c.withheld.length, 0);
        await handle.close();
        return {
          interviews,
          answers: made.values,
          generateMs,
          outcomes: outcomes.length,
          tables: snapshot.tables.length,
          cells,
          withheld,
          firstMs: times[0] ?? Number.NaN,
          lastMs: times.at(-1) ?? Number.NaN,
          earlier: earlierCount,
          refused: false,
          maxLagMs: lagMax,
          p99LagMs: lagP99,
          cpuMs: cpu,
          allMs: times,
          reused: made.reused,
        };
      }
    }
    throw new Error("unreachable");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const issue = args.includes("--issue");
  const size = Number(
    option("--interviews") ?? (issue ? ISSUE_RELEASE_INTERVIEWS : DEFAULT_RELEASE_INTERVIEWS),
  );
  if (args.includes("--generate-only")) {
    // Only makes the database that later `--reuse` runs of this size copy.
    const dir = mkdtempSync(join(tmpdir(), "alongside-release-bench-"));
    try {
      const made = await database(join(dir, "bench.sqlite"), size, true);
      console.log(
        `Database of ${size} interviews (${made.values} answers) ${made.reused ? "already kept" : "kept"}.`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    process.exit(0);
  }
  const f = await benchRelease(
    size,
    Number(option("--earlier") ?? (issue ? ISSUE_EARLIER_RELEASES : 1)),
    args.includes("--reuse"),
    // `--budget-s N`: measure past the server's budget (the server itself would refuse after 60 s).
    option("--budget-s")
      ? { ...defaultCheckBudget, maxMs: Number(option("--budget-s")) * 1000 }
      : defaultCheckBudget,
    args.includes("--copy-earlier"),
  );
  console.log(describeRelease(f));
}
