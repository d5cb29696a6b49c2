import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { createApp } from "../server/app.ts";
import { hashPassword } from "../server/auth/password.ts";
import { openSqlite } from "../server/db/connect.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { seededRandom, syntheticAnswers } from "../server/demo/synthetic-answers.ts";
import type { Config } from "../server/env.ts";
import { ValidatorCache } from "../server/fieldwork/validator-cache.ts";
import { indicatorRows } from "../server/outcomes/indicator-values.ts";
import { defaultInstrumentsDir } from "../server/start.ts";
import { loadInstruments } from "../server/surveys/load-instruments.ts";
import { insertUser } from "../server/users/users.repository.ts";
import { generateParticipantCode } from "../shared/participant/code.ts";
import type { SurveyField } from "../shared/survey/fields.ts";

/**
 * Outcome dashboard benchmark (measured, never asserted): 52,632 participant interviews × the 19 tagged
 * questions of the real participant interview = 1,000,008 answers across 39 areas and 4 waves,
 * bulk-inserted straight into SQLite (with the pairs of each participant's interviews, as ingest writes
 * them; the aggregate tables are filled by the same triggers that maintain them in production). A second process (so its peak RSS is the server's alone) opens the file, builds the app and
 * times one outcome page through `app.request()` next to a bare SQL count/avg over the same values.
 *
 *   npx tsx scripts/bench-dashboard.ts            # generate, then measure
 *   npx tsx scripts/bench-dashboard.ts --keep     # keep the database file and print its path
 *
 * Targets from issue 5: outcome page ≤ 2 × the bare aggregate; peak RSS ≤ 200 MB.
 */

const INTERVIEWS = 52_632;
const AREAS = 39;
const WAVES = 4;
const SURVEY = "participant-interview";
const OUTCOME = "outcome-areas-see-better-outcomes";
const RUNS = 7;
const NOW = new Date("2026-11-26T10:00:00.000Z");
const PASSWORD = "bench-password-2026";
/** A fresh account per measuring run, so a kept database can be measured again. */
const EVALUATOR = `evaluator-${randomUUID()}@example.org`;

const mode = process.argv[2];
if (mode === "--measure") {
  await measure(process.argv[3] ?? "");
} else {
  await main(process.argv.includes("--keep"));
}

async function main(keep: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "alongside-bench-dashboard-"));
  const file = join(dir, "bench.sqlite");
  try {
    const started = performance.now();
    const inserted = await generate(file);
    const seconds = (performance.now() - started) / 1000;
    const mb = statSync(file).size / 1e6;
    console.log(
      `dashboard data: ${inserted.responses.toLocaleString("en-GB")} interviews, ` +
        `${inserted.values.toLocaleString("en-GB")} indicator values, ${AREAS} areas, ${WAVES} waves ` +
        `generated and inserted in ${seconds.toFixed(1)} s (${Math.round(inserted.values / seconds).toLocaleString("en-GB")} values/s; file ${mb.toFixed(0)} MB)`,
    );
    // A fresh process, so the peak RSS reported is the server's, not the generator's.
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, "--measure", file],
      {
        stdio: "inherit",
      },
    );
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  } finally {
    if (keep) console.log(`kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function generate(file: string): Promise<{ responses: number; values: number }> {
  const handle = openSqlite(file);
  await migrateToLatest(handle.db);
  await loadInstruments(handle.db, defaultInstrumentsDir, NOW);
  const areas = Array.from({ length: AREAS }, (_, i) => `area-${String(i + 1).padStart(2, "0")}`);
  await handle.db
    .insertInto("areas")
    .values(
      areas.map((id, i) => ({ id, name: `Area ${i + 1}`, region: "England", created_at: NOW.toISOString() })),
    )
    .execute();
  const researcher = await insertUser(
    handle.db,
    { email: "bench@example.org", displayName: "Bench", role: "admin", areaId: null, passwordHash: null },
    NOW,
  );
  const version = await handle.db
    .selectFrom("survey_versions")
    .select(["version", "fields"])
    .where("survey_id", "=", SURVEY)
    .executeTakeFirstOrThrow();
  await handle.close();
  const fields = JSON.parse(version.fields) as SurveyField[];
  const surveyVersion = Number(version.version);

  // Bulk insert on the raw connection: one prepared statement per table, big transactions, and the two
  // covering indexes built once at the end rather than maintained row by row.
  const raw = new SQLite(file);
  // Bulk-load settings for this throwaway file only: no rollback journal, no fsync, a large page cache
  // (UUID keys land all over their b-trees). The file is switched back to WAL before it is measured.
  raw.pragma("journal_mode = OFF");
  raw.pragma("synchronous = OFF");
  raw.pragma("cache_size = -1000000");
  raw.pragma("foreign_keys = ON");
  const indexes = raw
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'indicator_values' AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  for (const { name } of indexes) raw.exec(`DROP INDEX ${name}`);

  const insertResponse = raw.prepare(
    `INSERT INTO responses (id, survey_id, survey_version, participant_code, wave, area_id, administration_mode,
       started_at, completed_at, received_at, submitted_by, device_id, data, content_hash, review_status, issues, revisions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, '[]', 1)`,
  );
  const insertValue = raw.prepare(
    `INSERT INTO indicator_values (response_id, question, survey_id, survey_version, area_id, wave, participant_code,
       administration_mode, completed_at, outcome, status, value, choice, counted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPair = raw.prepare(
    `INSERT INTO indicator_pairs (response_id, paired_response_id, question, outcome, survey_id, area_id,
       from_wave, to_wave, before_value, after_value, counted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const random = seededRandom(20261126);
  const bytes = (array: Uint8Array) => array.map(() => Math.floor(random() * 256));
  const retention = [1, 0.9, 0.8, 0.65];
  let responses = 0;
  let values = 0;
  // One participant's interviews at a time: their rows, then the pairs ingest would write between them.
  const batch = raw.transaction((participants: Interview[][]) => {
    for (const interviews of participants) {
      const written: { wave: number; rows: ReturnType<typeof indicatorRows> }[] = [];
      for (const it of interviews) {
        const reviewStatus = random() < 0.02 ? "needs_review" : "received";
        insertResponse.run(
          it.id,
          SURVEY,
          surveyVersion,
          it.code,
          it.wave,
          it.area,
          it.mode,
          it.startedAt,
          it.completedAt,
          it.completedAt,
          researcher.id,
          JSON.stringify(it.data),
          it.id,
          reviewStatus,
        );
        const rows = indicatorRows(
          {
            id: it.id,
            surveyId: SURVEY,
            surveyVersion,
            areaId: it.area,
            wave: it.wave,
            participantCode: it.code,
            administrationMode: it.mode,
            completedAt: it.completedAt,
            reviewStatus,
            data: it.data,
          },
          fields,
        );
        for (const row of rows) {
          insertValue.run(
            row.response_id,
            row.question,
            row.survey_id,
            row.survey_version,
            row.area_id,
            row.wave,
            row.participant_code,
            row.administration_mode,
            row.completed_at,
            row.outcome,
            row.status,
            row.value ?? null,
            row.choice ?? null,
            row.counted,
          );
          if (row.question !== "") values += 1;
        }
        for (const earlier of written) {
          for (const before of earlier.rows) {
            const after = rows.find((r) => r.question === before.question);
            if (!after) continue;
            const interview = before.question === "";
            const usable = (r: typeof before) => r.status === "answered" && r.value != null;
            if (!interview && !(usable(before) && usable(after))) continue;
            insertPair.run(
              before.response_id,
              after.response_id,
              before.question,
              before.outcome,
              SURVEY,
              it.area,
              earlier.wave,
              it.wave,
              before.value ?? 0,
              after.value ?? 0,
              Number(before.counted) * Number(after.counted),
            );
          }
        }
        written.push({ wave: it.wave, rows });
        responses += 1;
      }
    }
  });

  let pending: Interview[][] = [];
  let queued = 0;
  let participant = 0;
  while (responses + queued < INTERVIEWS) {
    const code = generateParticipantCode(bytes);
    const area = areas[participant % AREAS] ?? "area-01";
    participant += 1;
    const interviews: Interview[] = [];
    for (let wave = 0; wave < WAVES && responses + queued + interviews.length < INTERVIEWS; wave++) {
      if (random() > (retention[wave] ?? 0)) break;
      const started = new Date(NOW.getTime() - (400 - wave * 90 - (participant % 60)) * 86_400_000);
      interviews.push({
        id: randomUUID(),
        code,
        wave,
        area,
        mode: random() < 0.7 ? "read_aloud" : random() < 0.5 ? "mixed" : "self_completed",
        startedAt: started.toISOString(),
        completedAt: new Date(started.getTime() + 25 * 60_000).toISOString(),
        data: syntheticAnswers(fields, random, 0.35 + wave * 0.1),
      });
    }
    pending.push(interviews);
    queued += interviews.length;
    if (queued >= 2000) {
      batch(pending);
      pending = [];
      queued = 0;
    }
  }
  batch(pending);
  for (const { sql: create } of indexes) raw.exec(create);
  raw.exec("ANALYZE");
  raw.pragma("journal_mode = WAL");
  raw.close();
  return { responses, values };
}

interface Interview {
  id: string;
  code: string;
  wave: number;
  area: string;
  mode: string;
  startedAt: string;
  completedAt: string;
  data: Record<string, unknown>;
}

async function measure(file: string): Promise<void> {
  const rssBefore = peakRss();
  const handle = openSqlite(file);
  const config: Config = {
    port: 0,
    host: "127.0.0.1",
    dataDir: "unused",
    databaseUrl: undefined,
    publicUrl: "http://localhost",
    secureCookies: false,
    sessionHours: 12,
    logRequests: false,
  };
  const app = createApp({ db: handle.db, config, now: () => new Date(), validators: new ValidatorCache() });
  await insertUser(
    handle.db,
    {
      email: EVALUATOR,
      displayName: "Evaluator",
      role: "evaluator",
      areaId: null,
      passwordHash: await hashPassword(PASSWORD),
    },
    new Date(),
  );
  const login = await app.request("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: EVALUATOR, password: PASSWORD }),
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  if (login.status !== 200 || !cookie)
    throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);

  const page = async (path: string) => {
    const res = await app.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const bare = () =>
    handle.db
      .selectFrom("indicator_values")
      .select([sql<number>`count(*)`.as("n"), sql<number>`avg(value)`.as("mean")])
      .where("outcome", "=", OUTCOME)
      .where("status", "=", "answered")
      .executeTakeFirstOrThrow();

  const outcomePath = `/api/outcomes/${OUTCOME}`;
  const peak = peakRss;
  const rssReady = peak();
  // Each timing alternates with the bare aggregate, and the ratio is taken pair by pair: on a shared
  // machine the load drifts, and both sides of a pair see the same load.
  const page0 = await paired(bare, () => page(outcomePath));
  const page1 = await paired(bare, () => page(`${outcomePath}?area=area-07`));
  const rssPage = peak();
  const map0 = await paired(bare, () => page("/api/outcomes/map"));
  const rssMap = peak();
  const sliced = await paired(bare, () => page(`${outcomePath}?mode=self_completed`));
  const bareRow = await bare();
  const bareAlone = await median(bare);
  const rssPeak = peak();
  await handle.close();

  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const line = (what: string, r: Paired) =>
    console.log(
      `${what.padEnd(58)} ${ms(r.ms)} (bare ${ms(r.bareMs)}): ${r.ratio.toFixed(2)} × the bare aggregate`,
    );
  console.log(
    `bare SQL count/avg over the outcome's ${Number(bareRow.n).toLocaleString("en-GB")} answered values, alone: ${ms(bareAlone)}`,
  );
  line("outcome page through the API (16 indicators, every figure)", page0);
  line("  … filtered to one area", page1);
  line("  … filtered by administration mode (reads the rows)", sliced);
  line("theory-of-change map through the API (every outcome)", map0);
  console.log(
    "(medians of 7 alternating runs; ratio = median of the per-pair ratios; target for the page ≤ 2)",
  );
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  console.log(
    `server peak RSS (target ≤ 200 MB): ${mb(rssBefore)} with the app loaded, ${mb(rssReady)} after signing in, ` +
      `${mb(rssPage)} after the outcome pages, ${mb(rssMap)} after the map, ${mb(rssPeak)} after the filtered page`,
  );
}

/**
 * This process's peak resident memory. Linux's VmHWM starts afresh at exec; getrusage's maxRSS does
 * not (a child would report the generator's peak), so it is only the fallback elsewhere.
 */
function peakRss(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm?.[1]) return Number(hwm[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS * 1024;
}

interface Paired {
  ms: number;
  bareMs: number;
  ratio: number;
}

/** RUNS alternating timings of `bare` and `run` (after a warm-up of each), as medians and a median ratio. */
async function paired(bare: () => Promise<unknown>, run: () => Promise<unknown>): Promise<Paired> {
  await bare();
  await run();
  const bares: number[] = [];
  const runs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const b = await timed(bare);
    const r = await timed(run);
    bares.push(b);
    runs.push(r);
    ratios.push(r / b);
  }
  return { ms: middle(runs), bareMs: middle(bares), ratio: middle(ratios) };
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

/** Median of RUNS timed calls, after one untimed warm-up call. */
async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
