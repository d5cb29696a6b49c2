import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { SESSION_COOKIE } from "../server/auth/session-middleware.ts";
import { createSession } from "../server/auth/sessions.repository.ts";
import { openSqlite } from "../server/db/connect.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import type { SessionUser } from "../server/http/app-env.ts";
import { outcomeMap } from "../server/outcomes/outcome-map.service.ts";
import { outcomePage } from "../server/outcomes/outcome-page.service.ts";
import { insertUser } from "../server/users/users.repository.ts";
import { type ServerProcess, startServerProcess } from "../test/helpers/server-process.ts";
import { AREAS, generate, OUTCOME, SURVEY, WAVES } from "./seed-dashboard.ts";

/**
 * Outcome dashboard benchmark (measured, never asserted). By default 52,632 participant interviews ×
 * the 19 tagged questions of the real participant interview = 1,000,008 answers across 39 areas and 4
 * waves, seeded by scripts/seed-dashboard.ts. Then the real server (`startServerProcess`, a child process,
 * so the memory measured is the server's alone) opens the file, and each outcome page variant is timed
 * through HTTP, alternating with a bare SQL count/avg over the same values run by this process on its
 * own connection to the same file.
 *
 *   npx tsx scripts/bench-dashboard.ts                       # 52,632 interviews (1,000,008 answers)
 *   npx tsx scripts/bench-dashboard.ts --interviews 5000     # a quicker run
 *   npx tsx scripts/bench-dashboard.ts --keep                # keep the database file and print its path
 *   npx tsx scripts/bench-dashboard.ts --reuse FILE          # measure a kept file again
 *   npx tsx scripts/bench-dashboard.ts --reuse FILE --cpu-prof DIR   # and profile the server (.cpuprofile in DIR)
 *
 * `benchDashboard(options)` returns the same figures for scripts/bench.ts. Targets from issue 5:
 * outcome page ≤ 2 × the bare aggregate over the same values; server peak RSS ≤ 200 MB.
 */

export const DEFAULT_INTERVIEWS = 52_632;

export interface DashboardOptions {
  /** Interviews to generate (19 answers each); default 52,632. */
  interviews?: number;
  /** Alternating timed runs per variant (after a warm-up); default 7. */
  runs?: number;
  /** Keep the generated database (its path is returned). */
  keep?: boolean;
  /** Measure this kept database instead of generating one. */
  reuse?: string;
  /** Extra node options for the server, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

export interface DashboardVariant {
  label: string;
  path: string;
  /** Median time of the page through HTTP. */
  ms: number;
  /** Median time of the bare count/avg over the outcome's answered values, alternating with the page. */
  bareMs: number;
  /** Median of the per-pair ratios page ÷ bare (the reference issue 5 sets). */
  ratio: number;
  /** The server's CPU time per page (user + system, from /proc), mean over the timed runs. */
  cpuMs: number;
  /** This process's CPU time per bare count/avg, mean over the same runs. */
  bareCpuMs: number;
  /** cpuMs ÷ bareCpuMs: the ratio in CPU time, which the machine's load disturbs far less than wall time. */
  cpuRatio: number;
  /** Median time of the bare count/avg over just the values the filters keep (SQLite may seek an area). */
  filteredBareMs: number;
  /** How many values the filtered bare aggregate counted. */
  values: number;
}

export interface DashboardFigures {
  interviews: number;
  values: number;
  /** Generation and bulk insert, seconds (0 when reusing a file). */
  generateSeconds: number;
  fileMb: number;
  variants: DashboardVariant[];
  /**
   * One filtered page (self-completed) timed once: first after every area's part checks went stale,
   * first after one participant's withdrawal (one area stale), and then once more.
   */
  cold: { everyAreaMs: number; oneAreaMs: number; warmMs: number };
  /** The server's resident memory, MB: once started, then its peak (VmHWM) after each step. */
  rss: {
    startedMb: number;
    afterPagesMb: number;
    afterMapMb: number;
    afterFilteredMb: number;
    endMb: number;
  };
  /**
   * The same pages built in this process by the service on one connection (openSqlite, as the server
   * opens its file), against the bare count/avg run through that same connection: CPU per page, no
   * HTTP, no session, no JSON. The floor the target is measured against.
   */
  sameConnection: SameConnectionFigure[];
  /** 1-minute load average before and after measuring. */
  load: [number, number];
  file?: string;
}

export interface SameConnectionFigure {
  label: string;
  /** This process's CPU time per page (user + system), mean over the runs. */
  cpuMs: number;
  /** The same per bare count/avg, alternating with the page. */
  bareCpuMs: number;
  cpuRatio: number;
}

export async function benchDashboard(options: DashboardOptions = {}): Promise<DashboardFigures> {
  const total = options.interviews ?? DEFAULT_INTERVIEWS;
  const dir = mkdtempSync(join(tmpdir(), "alongside-bench-dashboard-"));
  let file = join(dir, "alongside.sqlite");
  let server: ServerProcess | undefined;
  try {
    let generateSeconds = 0;
    if (options.reuse) {
      file = options.reuse;
    } else {
      const started = performance.now();
      await generate(file, total);
      generateSeconds = (performance.now() - started) / 1000;
    }
    // A fresh evaluator session for this run, made on the file before the server opens it.
    const setup = openSqlite(file);
    await migrateToLatest(setup.db);
    const evaluator = await insertUser(
      setup.db,
      {
        email: `evaluator-${randomUUID()}@example.org`,
        displayName: "Evaluator",
        role: "evaluator",
        areaId: null,
        passwordHash: null,
      },
      new Date(),
    );
    const { token } = await createSession(setup.db, evaluator.id, new Date(), 12);
    await setup.close();
    const cookie = `${SESSION_COOKIE}=${token}`;

    const dataDir = join(file, "..");
    if (!file.endsWith("alongside.sqlite"))
      throw new Error("the database file must be named alongside.sqlite");
    server = await startServerProcess({
      dataDir,
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    });
    const pid = server.pid;
    const startedMb = residentMb(pid, "VmRSS");
    const load0 = loadavg()[0] ?? 0;

    const raw = new SQLite(file, { readonly: true });
    const interviews = Number((raw.prepare("SELECT count(*) AS n FROM responses").get() as { n: number }).n);
    const values = Number(
      (raw.prepare("SELECT count(*) AS n FROM indicator_values WHERE question <> ''").get() as { n: number })
        .n,
    );
    /** The bare aggregate over the values a variant's filters keep. */
    const bare = (where: string, ...params: unknown[]) => {
      const statement = raw.prepare(
        `SELECT count(*) AS n, avg(value) AS mean FROM indicator_values WHERE outcome = ? AND status = 'answered' AND counted = 1${where}`,
      );
      return () => statement.get(OUTCOME, ...params) as { n: number; mean: number };
    };
    const url = server.url;
    const page = (path: string) => async () => {
      const res = await fetch(`${url}${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const runs = options.runs ?? 7;
    const outcomeBare = bare("");
    const measureVariant = async (
      label: string,
      path: string,
      filteredBare: () => { n: number },
    ): Promise<DashboardVariant> => {
      const r = await paired(runs, async () => outcomeBare(), page(path), pid);
      const filtered = await paired(
        runs,
        async () => filteredBare(),
        async () => undefined,
        pid,
      );
      return { label, path, ...r, filteredBareMs: filtered.bareMs, values: Number(filteredBare().n) };
    };
    const outcomePath = `/api/outcomes/${OUTCOME}`;
    const months = raw
      .prepare("SELECT DISTINCT month FROM indicator_slice_cells WHERE outcome = ? ORDER BY month")
      .all(OUTCOME) as { month: string }[];
    const from = months[Math.floor(months.length / 3)]?.month ?? "2026-01";
    const to = months[Math.floor((2 * months.length) / 3)]?.month ?? "2026-06";
    const monthAfter = (m: string) => {
      const [y, mm] = m.split("-").map(Number);
      return mm === 12 ? `${(y ?? 0) + 1}-01` : `${y}-${String((mm ?? 0) + 1).padStart(2, "0")}`;
    };

    const variants: DashboardVariant[] = [];
    variants.push(await measureVariant("outcome page, every figure", outcomePath, bare("")));
    variants.push(
      await measureVariant("… one area", `${outcomePath}?area=area-07`, bare(" AND area_id = ?", "area-07")),
    );
    variants.push(await measureVariant("… one wave", `${outcomePath}?wave=2`, bare(" AND wave = ?", 2)));
    const afterPagesMb = residentMb(pid, "VmHWM");
    variants.push(await measureVariant("theory-of-change map, every outcome", "/api/outcomes/map", bare("")));
    const afterMapMb = residentMb(pid, "VmHWM");
    // Filtered pages read stored part checks (docs/decisions/0019), computed again for an area when a
    // write has raised its generation. First requests after writes, timed once each: with every area
    // to compute (as after the migration or a bulk load), and after one participant is withdrawn (a
    // cascade through one area, as a withdrawal, a review decision or an ingest batch would be).
    const writer = new SQLite(file);
    writer.exec("DELETE FROM indicator_part_checks");
    const coldAllMs = await timed(page(`${outcomePath}?mode=self_completed`));
    writer
      .prepare(
        "DELETE FROM responses WHERE participant_code = (SELECT participant_code FROM responses WHERE area_id = ? AND wave = 3 LIMIT 1)",
      )
      .run("area-07");
    writer.close();
    const coldWriteMs = await timed(page(`${outcomePath}?mode=self_completed`));
    const warmMs = await timed(page(`${outcomePath}?mode=self_completed`));
    variants.push(
      await measureVariant(
        "… administration mode self-completed",
        `${outcomePath}?mode=self_completed`,
        bare(" AND administration_mode = ?", "self_completed"),
      ),
    );
    variants.push(
      await measureVariant(
        "… administration mode read aloud",
        `${outcomePath}?mode=read_aloud`,
        bare(" AND administration_mode = ?", "read_aloud"),
      ),
    );
    variants.push(
      await measureVariant(
        `… survey version ${SURVEY}@1`,
        `${outcomePath}?version=${SURVEY}@1`,
        bare(" AND survey_id = ? AND survey_version = ?", SURVEY, 1),
      ),
    );
    variants.push(
      await measureVariant(
        `… months ${from} to ${to}`,
        `${outcomePath}?from=${from}&to=${to}`,
        bare(" AND completed_at >= ? AND completed_at < ?", from, monthAfter(to)),
      ),
    );
    variants.push(
      await measureVariant(
        `… one area, read aloud, ${from} to ${to}`,
        `${outcomePath}?area=area-07&mode=read_aloud&from=${from}&to=${to}`,
        bare(
          " AND area_id = ? AND administration_mode = ? AND completed_at >= ? AND completed_at < ?",
          "area-07",
          "read_aloud",
          from,
          monthAfter(to),
        ),
      ),
    );
    const afterFilteredMb = residentMb(pid, "VmHWM");
    const endMb = residentMb(pid, "VmRSS");
    raw.close();
    await server.kill();
    const sameConnection = await onOneConnection(file, runs, {
      id: evaluator.id,
      email: evaluator.email,
      displayName: evaluator.display_name,
      role: "evaluator",
      areaId: null,
    });
    return {
      interviews,
      values,
      generateSeconds,
      fileMb: statSync(file).size / 1e6,
      variants,
      cold: { everyAreaMs: coldAllMs, oneAreaMs: coldWriteMs, warmMs },
      rss: { startedMb, afterPagesMb, afterMapMb, afterFilteredMb, endMb },
      sameConnection,
      load: [load0, loadavg()[0] ?? 0],
      ...(options.keep || options.reuse ? { file } : {}),
    };
  } catch (error) {
    // The server's own output says why a page failed (or why it went away).
    if (server) console.error(`server output:\n${server.output().slice(-4000)}`);
    throw error;
  } finally {
    await server?.kill();
    if (!options.keep && !options.reuse) rmSync(dir, { recursive: true, force: true });
    else if (options.reuse) rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures as the bench report prints them. */
export function formatDashboard(f: DashboardFigures): string {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const lines = [
    `dashboard data: ${f.interviews.toLocaleString("en-GB")} interviews, ${f.values.toLocaleString("en-GB")} indicator values, ${AREAS} areas, ${WAVES} waves` +
      (f.generateSeconds > 0 ? `, generated and inserted in ${f.generateSeconds.toFixed(1)} s` : "") +
      ` (file ${f.fileMb.toFixed(0)} MB)`,
    "",
    "| through the API (HTTP, real server) | page | bare count/avg, outcome's values | page ÷ bare | page CPU | bare CPU | CPU ratio | bare count/avg, only the filtered values (n) |",
    "|---|---|---|---|---|---|---|---|",
    ...f.variants.map(
      (v) =>
        `| ${v.label} | ${ms(v.ms)} | ${ms(v.bareMs)} | ${v.ratio.toFixed(2)} | ${ms(v.cpuMs)} | ${ms(v.bareCpuMs)} | ${v.cpuRatio.toFixed(2)} | ${ms(v.filteredBareMs)} (${v.values.toLocaleString("en-GB")}) |`,
    ),
    "",
    "Medians of alternating runs (page, then the bare count/avg over the outcome's answered values); the ratio is the median of the per-pair ratios, target ≤ 2. CPU: the server process's user + system time per page (/proc, 10 ms ticks, so a mean over the runs) against this process's CPU time per bare count/avg (both on SQLite, same file); under load this ratio is the steadier one. The last column is the bare aggregate over only the values the filters keep, for reference: SQLite reads an area's values by seeking, which no page of every figure can match.",
    `First filtered page after writes (self-completed, timed once): ${ms(f.cold.everyAreaMs)} with every area's part checks to compute (after the migration or a bulk load), ${ms(f.cold.oneAreaMs)} after one participant's withdrawal (one area), then ${ms(f.cold.warmMs)}.`,
    `Server RSS (target ≤ 200 MB): ${f.rss.startedMb.toFixed(0)} MB once started; peak ${f.rss.afterPagesMb.toFixed(0)} MB after the outcome pages, ${f.rss.afterMapMb.toFixed(0)} MB after the map, ${f.rss.afterFilteredMb.toFixed(0)} MB after the filtered pages; ${f.rss.endMb.toFixed(0)} MB at the end.`,
    "",
    "| in this process, one connection (the service, no HTTP) | page CPU | bare count/avg CPU | CPU ratio |",
    "|---|---|---|---|",
    ...f.sameConnection.map(
      (v) => `| ${v.label} | ${ms(v.cpuMs)} | ${ms(v.bareCpuMs)} | ${v.cpuRatio.toFixed(2)} |`,
    ),
    "",
    "The floor: `SELECT count(*), avg(value) FROM indicator_values WHERE outcome = ? AND status = 'answered' AND counted = 1` — one pass over the outcome's raw answered values (78k at 100k answers) through the index that holds them, run on the same connection as the page and alternating with it. The page needs more than this (each question's bars per area and wave, pairs, attrition), so the floor is a strict one; the page reads the trigger-kept aggregates instead of the values.",
    `1-minute load average ${f.load[0].toFixed(1)} → ${f.load[1].toFixed(1)}.`,
  ];
  if (f.file) lines.push(`kept ${f.file}`);
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const interviews = option("--interviews");
  const runs = option("--runs");
  const reuse = option("--reuse");
  const cpuProf = option("--cpu-prof");
  const figures = await benchDashboard({
    ...(interviews ? { interviews: Number(interviews) } : {}),
    ...(runs ? { runs: Number(runs) } : {}),
    ...(reuse ? { reuse } : {}),
    ...(cpuProf ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${cpuProf}`] } : {}),
    keep: args.includes("--keep"),
  });
  console.log(formatDashboard(figures));
}

/**
 * The pages built by the service in this process on one connection, each alternating with the bare
 * count/avg on that connection, in CPU time (process.cpuUsage: this process alone, so the machine's
 * load disturbs it far less than wall time).
 */
async function onOneConnection(
  file: string,
  runs: number,
  user: SessionUser,
): Promise<SameConnectionFigure[]> {
  const { db, close } = openSqlite(file);
  try {
    const bare = async () =>
      sql`SELECT count(*) AS n, avg(value) AS mean FROM indicator_values WHERE outcome = ${OUTCOME} AND status = 'answered' AND counted = 1`.execute(
        db,
      );
    const ctx = { db, user, k: 1 };
    const variants: Array<[string, () => Promise<unknown>]> = [
      ["outcome page, every figure", () => outcomePage(ctx, OUTCOME, {})],
      ["… one area", () => outcomePage(ctx, OUTCOME, { area: "area-07" })],
      ["… one wave", () => outcomePage(ctx, OUTCOME, { wave: 2 })],
      ["theory-of-change map, every outcome", () => outcomeMap(ctx)],
      ["… administration mode read aloud", () => outcomePage(ctx, OUTCOME, { mode: "read_aloud" })],
    ];
    const out: SameConnectionFigure[] = [];
    for (const [label, page] of variants) {
      await bare();
      await page();
      let pageCpu = 0;
      let bareCpu = 0;
      for (let i = 0; i < runs; i++) {
        const b = process.cpuUsage();
        await bare();
        const bu = process.cpuUsage(b);
        bareCpu += (bu.user + bu.system) / 1000;
        const p = process.cpuUsage();
        await page();
        const pu = process.cpuUsage(p);
        pageCpu += (pu.user + pu.system) / 1000;
      }
      out.push({
        label,
        cpuMs: pageCpu / runs,
        bareCpuMs: bareCpu / runs,
        cpuRatio: pageCpu / bareCpu,
      });
    }
    return out;
  } finally {
    await close();
  }
}

function residentMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

/**
 * `runs` alternating timings of `bare` and `run` (after a warm-up of each), as medians and a median
 * ratio; and CPU time: the server's (`pid`) over the runs of `run`, this process's over those of `bare`.
 */
async function paired(
  runs: number,
  bare: () => Promise<unknown>,
  run: () => Promise<unknown>,
  pid: number,
): Promise<{
  ms: number;
  bareMs: number;
  ratio: number;
  cpuMs: number;
  bareCpuMs: number;
  cpuRatio: number;
}> {
  await bare();
  await run();
  const bares: number[] = [];
  const times: number[] = [];
  const ratios: number[] = [];
  let serverCpu = 0;
  let ownCpu = 0;
  for (let i = 0; i < runs; i++) {
    const own = process.cpuUsage();
    const b = await timed(bare);
    const used = process.cpuUsage(own);
    ownCpu += (used.user + used.system) / 1000;
    const server = serverCpuMs(pid);
    const r = await timed(run);
    serverCpu += serverCpuMs(pid) - server;
    bares.push(b);
    times.push(r);
    ratios.push(r / b);
  }
  const cpuMs = serverCpu / runs;
  const bareCpuMs = ownCpu / runs;
  return {
    ms: middle(times),
    bareMs: middle(bares),
    ratio: middle(ratios),
    cpuMs,
    bareCpuMs,
    cpuRatio: cpuMs / bareCpuMs,
  };
}

/** A process's user + system CPU time so far, ms (/proc/PID/stat fields 14 and 15, in clock ticks of 10 ms). */
function serverCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
