import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import pg from "pg";
import { SESSION_COOKIE } from "../server/auth/session-middleware.ts";
import { createSession } from "../server/auth/sessions.repository.ts";
import { type DatabaseHandle, openPostgres, openSqlite } from "../server/db/connect.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import type { Database } from "../server/db/schema.ts";
import { publishVersion } from "../server/surveys/surveys.repository.ts";
import { insertUser } from "../server/users/users.repository.ts";
import type { SyncResponse } from "../shared/contract/sync.ts";
import { surveyFields } from "../shared/survey/fields.ts";
import { createSurveyModel } from "../shared/survey/model.ts";
import { createScratchDatabase } from "../test/helpers/postgres.ts";
import { type ServerProcess, startServerProcess } from "../test/helpers/server-process.ts";
import { testDatabaseUrl } from "../test/helpers/test-env.ts";
import { BENCH_SURVEY_ID, benchInterviews, benchSurveyDefinition } from "./bench-interview.ts";

/**
 * Ingest benchmark (measured, never asserted): simulated tablets post completed 40-question interviews
 * in batches over real HTTP to the real server (`server/index.ts` as a child process, so its memory and
 * CPU are its own), with everything a real sync does — session, envelope check, survey-core validation,
 * one transaction per batch, indicator values. The reference is the raw insert rate of the very rows
 * the server stored, into a table of the same shape in the same database, in transactions of the same
 * size, without HTTP or validation.
 */

export interface IngestOptions {
  dialect: "sqlite" | "postgres";
  /** Server URL of PostgreSQL (a scratch database is made on it); required for the postgres dialect. */
  postgresUrl?: string;
  tablets: number;
  batchSize: number;
  batchesPerTablet: number;
  /** Extra node options for the server, e.g. --cpu-prof to profile it. */
  nodeArgs?: string[];
}

export interface IngestFigures {
  dialect: "sqlite" | "postgres";
  tablets: number;
  batchSize: number;
  responses: number;
  seconds: number;
  responsesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  outcomes: Record<string, number>;
  rawRowsPerSecond: number;
  /** Server CPU time per 1,000 responses (all threads), in seconds. */
  cpuSecondsPer1000: number;
  /** The part of it on the main thread (HTTP, envelope checks, database); the rest is mostly validation. */
  mainThreadCpuSecondsPer1000: number;
  peakRssMb: number;
  /** The server's resident memory once started, before any sync (the baseline of the peak). */
  startedRssMb: number;
}

const AREA = "bench-area";
const NOW = new Date();

export async function benchIngest(options: IngestOptions): Promise<IngestFigures> {
  const dir = mkdtempSync(join(tmpdir(), "alongside-bench-ingest-"));
  const scratch =
    options.dialect === "postgres"
      ? await createScratchDatabase(required(options.postgresUrl), { label: "bench" })
      : undefined;
  const open = (): DatabaseHandle =>
    scratch ? openPostgres(scratch.url, 2) : openSqlite(join(dir, "alongside.sqlite"));
  let server: ServerProcess | undefined;
  try {
    const setup = open();
    const cookies = await prepare(setup.db, options.tablets);
    await setup.close();

    server = await startServerProcess({
      dataDir: dir,
      ...(scratch ? { databaseUrl: scratch.url } : {}),
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    });
    const startedRssMb = residentMb(server.pid, "VmRSS");
    // A connection per batch: a kept-alive socket idle past the server's keep-alive timeout can be
    // closed just as it is reused, which would show up as a failed batch.
    const agent = new Agent({ keepAlive: false, maxSockets: options.tablets });
    const post = (cookie: string, body: string) => postSync(server?.url ?? "", agent, cookie, body);

    // Warm up: the validation workers start and build their Models; not counted.
    const warmCookie = cookies[0] ?? "";
    await Promise.all(
      [1, 2, 3, 4].map((seed) =>
        post(warmCookie, JSON.stringify({ items: benchInterviews(options.batchSize, seed, AREA) })),
      ),
    );

    const bodies = cookies.map((_, tablet) =>
      Array.from({ length: options.batchesPerTablet }, (__, b) =>
        JSON.stringify({ items: benchInterviews(options.batchSize, 1_000 + tablet * 1_000 + b, AREA) }),
      ),
    );
    const latencies: number[] = [];
    const outcomes: Record<string, number> = {};
    const cpuBefore = cpuSeconds(server.pid);
    const mainBefore = cpuSeconds(server.pid, server.pid);
    const started = performance.now();
    await Promise.all(
      cookies.map(async (cookie, tablet) => {
        for (const body of bodies[tablet] ?? []) {
          const sent = performance.now();
          const response = await post(cookie, body);
          latencies.push(performance.now() - sent);
          for (const result of response.results)
            outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const mainCpu = cpuSeconds(server.pid, server.pid) - mainBefore;
    const peakRssMb = residentMb(server.pid, "VmHWM");
    agent.destroy();
    await server.kill("SIGTERM");
    server = undefined;

    const responses = options.tablets * options.batchesPerTablet * options.batchSize;
    latencies.sort((a, b) => a - b);
    const rawRowsPerSecond = scratch
      ? await rawInsertPostgres(scratch.url, options.batchSize, options.tablets)
      : rawInsertSqlite(join(dir, "alongside.sqlite"), options.batchSize);
    return {
      dialect: options.dialect,
      tablets: options.tablets,
      batchSize: options.batchSize,
      responses,
      seconds,
      responsesPerSecond: responses / seconds,
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      outcomes,
      rawRowsPerSecond,
      cpuSecondsPer1000: (cpu / responses) * 1000,
      mainThreadCpuSecondsPer1000: (mainCpu / responses) * 1000,
      peakRssMb,
      startedRssMb,
    };
  } catch (error) {
    // What the server said is what explains a failed batch.
    if (server) console.error(`server output:\n${server.output().slice(-3_000)}`);
    throw error;
  } finally {
    await server?.kill("SIGKILL");
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function required(url: string | undefined): string {
  if (!url) throw new Error("the postgres ingest benchmark needs a PostgreSQL URL");
  return url;
}

/** Schema, the area, the 40-question survey and one signed-in researcher per tablet. */
async function prepare(db: Kysely<Database>, tablets: number): Promise<string[]> {
  await migrateToLatest(db);
  await db
    .insertInto("areas")
    .values({ id: AREA, name: "Benchmark", region: "Nowhere", created_at: NOW.toISOString() })
    .execute();
  const definition = benchSurveyDefinition();
  await publishVersion(
    db,
    {
      id: BENCH_SURVEY_ID,
      title: "Benchmark interview",
      description: "",
      definition,
      fields: surveyFields(createSurveyModel(definition)),
    },
    NOW,
  );
  const cookies: string[] = [];
  for (let i = 0; i < tablets; i += 1) {
    const user = await insertUser(
      db,
      {
        email: `tablet-${i}@bench.example`,
        displayName: `Tablet ${i}`,
        role: "peer_researcher",
        areaId: AREA,
        passwordHash: null,
      },
      NOW,
    );
    const { token } = await createSession(db, user.id, NOW, 12);
    cookies.push(`${SESSION_COOKIE}=${token}`);
  }
  return cookies;
}

function postSync(url: string, agent: Agent, cookie: string, body: string): Promise<SyncResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/sync`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 200)
            reject(new Error(`sync answered ${res.statusCode}: ${text.slice(0, 300)}`));
          else resolve(JSON.parse(text) as SyncResponse);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The stored rows again, into a same-shaped table, `batchSize` rows per transaction, as fast as SQLite goes. */
function rawInsertSqlite(file: string, batchSize: number): number {
  const sqlite = new SQLite(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    const create = (
      sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'responses'").get() as {
        sql: string;
      }
    ).sql.replace(/^CREATE TABLE "?responses"?/i, 'CREATE TABLE "bench_raw"');
    sqlite.exec(create);
    const rows = sqlite.prepare("SELECT * FROM responses").all() as Record<string, unknown>[];
    const columns = Object.keys(rows[0] ?? {});
    const insert = sqlite.prepare(
      `INSERT INTO bench_raw (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    const batch = sqlite.transaction((chunk: Record<string, unknown>[]) => {
      for (const row of chunk) insert.run(columns.map((c) => row[c]));
    });
    const started = performance.now();
    for (let i = 0; i < rows.length; i += batchSize) batch(rows.slice(i, i + batchSize));
    const seconds = (performance.now() - started) / 1000;
    sqlite.exec("DROP TABLE bench_raw");
    return rows.length / seconds;
  } finally {
    sqlite.close();
  }
}

/** The same on PostgreSQL: one multi-row INSERT per transaction, from as many connections as tablets. */
async function rawInsertPostgres(url: string, batchSize: number, connections: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  try {
    await pool.query("CREATE TABLE bench_raw (LIKE responses INCLUDING ALL)");
    const { rows } = await pool.query<Record<string, unknown>>("SELECT * FROM responses");
    const columns = Object.keys(rows[0] ?? {});
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < rows.length; i += batchSize) batches.push(rows.slice(i, i + batchSize));
    const insertSql = (count: number) =>
      `INSERT INTO bench_raw (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from(
        { length: count },
        (_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`,
      ).join(", ")}`;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const client = await pool.connect();
        try {
          for (let b = next++; b < batches.length; b = next++) {
            const chunk = batches[b] ?? [];
            await client.query("BEGIN");
            await client.query(
              insertSql(chunk.length),
              chunk.flatMap((row) => columns.map((c) => row[c])),
            );
            await client.query("COMMIT");
          }
        } finally {
          client.release();
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await pool.query("DROP TABLE bench_raw");
    return rows.length / seconds;
  } finally {
    await pool.end();
  }
}

/**
 * User + system CPU seconds of a process, all its threads, or of one thread (the main thread's id is
 * the process id). Linux /proc, clock ticks of 1/100 s.
 */
function cpuSeconds(pid: number, thread?: number): number {
  const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
  const fields = readFileSync(path, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The process's resident memory now (VmRSS) or at its peak so far (VmHWM), in MB. */
function residentMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

const USAGE = `Ingest benchmark alone (measured, never asserted), as \`npm run bench\` takes it:
20 simulated tablets post completed 40-question interviews in batches of 50 over HTTP to the built server.

  npx tsx scripts/bench-ingest.ts [options]

  --postgres URL     PostgreSQL server to bench on (a scratch database is made there and dropped);
                     default TEST_DATABASE_URL. Without either, SQLite only.
  --sqlite-only      only SQLite
  --postgres-only    only PostgreSQL (needs --postgres or TEST_DATABASE_URL)
  --batches N        batches per tablet (default 10: 20 × 10 × 50 = 10,000 interviews)
  --tablets N        simulated tablets (default 20)
  --batch-size N     interviews per batch (default 50)
  --cpu-prof DIR     profile the server's main thread into DIR
  --node-arg=FLAG    pass an option to the server's Node (e.g. a V8 heap flag to try); repeatable
  --help             this text

A durable PostgreSQL for this (fsync on):
  export URL="$(PGPORT=54353 PGDATA_DIR=/tmp/pg-ingest PG_DURABLE=1 .ci/start-postgres)"
  npx tsx scripts/bench-ingest.ts --postgres "$URL" --postgres-only`;

async function main(args: string[]): Promise<void> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const count = (name: string, fallback: number) => {
    const value = Number(option(name) ?? fallback);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} takes a whole number ≥ 1`);
    return value;
  };
  const postgresUrl = option("--postgres") ?? testDatabaseUrl();
  const profileDir = option("--cpu-prof");
  const nodeArgs = [
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ...args.filter((a) => a.startsWith("--node-arg=")).map((a) => a.slice("--node-arg=".length)),
  ];
  if (args.includes("--postgres-only") && !postgresUrl) {
    throw new Error("--postgres-only needs --postgres URL or TEST_DATABASE_URL");
  }
  const dialects: ("sqlite" | "postgres")[] = args.includes("--postgres-only")
    ? ["postgres"]
    : args.includes("--sqlite-only") || !postgresUrl
      ? ["sqlite"]
      : ["sqlite", "postgres"];
  for (const dialect of dialects) {
    const figures = await benchIngest({
      dialect,
      postgresUrl,
      tablets: count("--tablets", 20),
      batchSize: count("--batch-size", 50),
      batchesPerTablet: count("--batches", 10),
      ...(nodeArgs.length > 0 ? { nodeArgs } : {}),
    });
    console.log(
      [
        `${dialect}: ${figures.responsesPerSecond.toFixed(0)} responses/s`,
        `p50 ${figures.p50Ms.toFixed(0)} ms, p99 ${figures.p99Ms.toFixed(0)} ms per batch`,
        `server CPU per 1,000: ${figures.cpuSecondsPer1000.toFixed(2)} s (main thread ${figures.mainThreadCpuSecondsPer1000.toFixed(2)} s)`,
        `peak RSS ${figures.peakRssMb.toFixed(0)} MB (${figures.startedRssMb.toFixed(0)} MB once started)`,
        `raw inserts ${figures.rawRowsPerSecond.toFixed(0)}/s`,
        `outcomes ${JSON.stringify(figures.outcomes)}`,
      ].join("; "),
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
