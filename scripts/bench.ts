import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { testDatabaseUrl } from "../test/helpers/test-env.ts";
import { type BundleFigures, measureBundle, measureLanguages } from "./bench-bundle.ts";
import { benchIngest, type IngestFigures } from "./bench-ingest.ts";
import { benchCorpus, benchValidate, type ValidateFigures } from "./bench-validate.ts";

/**
 * `npm run bench`: every benchmark, each figure printed beside its reference measured in the same run,
 * and the whole written to docs/benchmarks.md with the machine and the date. Measured, never asserted.
 *
 *   npm run bench                                   # SQLite, and PostgreSQL if TEST_DATABASE_URL is set
 *   npm run bench -- --postgres postgres://u:p@host/db   # a PostgreSQL server to make scratch databases on
 *   npm run bench -- --batches 4 --no-scripts           # a quicker run: ingest, validation, bundle only
 *
 * The role in the PostgreSQL URL needs CREATEDB. For figures worth comparing, give PostgreSQL its
 * normal durability (fsync on) and run nothing else on the machine.
 */

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);

const usage = `npm run bench [-- options]: runs every benchmark and writes docs/benchmarks.md.

Options:
  --postgres URL   a PostgreSQL server to make scratch databases on (its role needs CREATEDB);
                   without it, TEST_DATABASE_URL is used if set, otherwise SQLite only
  --batches N      batches of 50 interviews per tablet in the ingest benchmark (default 10)
  --no-scripts     only ingest, validation and the bundle: skip scripts/bench-*.ts
  --help, -h       print this and stop

One benchmark on its own: npx tsx scripts/bench-fieldwork.ts (or another scripts/bench-*.ts).
For figures worth comparing, run nothing else on the machine.`;
if (args.includes("--help") || args.includes("-h")) {
  console.log(usage);
  process.exit(0);
}
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const postgresUrl = option("--postgres") ?? testDatabaseUrl();
const batchesPerTablet = Number(option("--batches") ?? 10);
const TABLETS = 20;
const BATCH_SIZE = 50;

const started = new Date();
const load = [loadavg()[0] ?? 0];
const sections: string[] = [];
const say = (text: string) => {
  console.log(text);
  sections.push(text);
};

say(
  `# Benchmarks\n\nMeasured by \`npm run bench\` (scripts/bench.ts) on ${started.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
);
say(machine());

console.log("\nValidation of one interview …");
say(validationSection(benchValidate()));
say(corpusSection(await benchCorpus()));

const ingest: IngestFigures[] = [];
for (const dialect of ["sqlite", "postgres"] as const) {
  if (dialect === "postgres" && !postgresUrl) continue;
  console.log(`\nIngest on ${dialect} (${TABLETS} tablets × ${batchesPerTablet} batches of ${BATCH_SIZE}) …`);
  ingest.push(
    await benchIngest({ dialect, postgresUrl, tablets: TABLETS, batchSize: BATCH_SIZE, batchesPerTablet }),
  );
  load.push(loadavg()[0] ?? 0);
}
say(ingestSection(ingest, postgresUrl !== undefined));

console.log("\nFieldwork bundle (two Vite builds) …");
say(bundleSection(await measureBundle()));
say(languagesSection(measureLanguages()));

// Every other scripts/bench-*.ts is a benchmark of its own (the dashboard's, fieldwork's, …): each runs
// as a separate process and its output is kept as it printed it.
if (!args.includes("--no-scripts")) {
  const own = new Set(["bench-bundle.ts", "bench-ingest.ts", "bench-interview.ts", "bench-validate.ts"]);
  const scripts = readdirSync(join(root, "scripts"))
    .filter((f) => /^bench-.+\.ts$/.test(f) && !own.has(f))
    .sort();
  for (const script of scripts) {
    console.log(`\n${script} …`);
    const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", script)], {
      cwd: root,
      encoding: "utf8",
      timeout: 30 * 60_000,
    });
    const output = run.status === 0 ? run.stdout : `${run.stdout}\n${run.stderr}`;
    say(
      `## ${script.replace(/^bench-|\.ts$/g, "")}\n\nFrom \`scripts/${script}\`${run.status === 0 ? "" : ` (exited ${run.status ?? run.signal})`}:\n\n\`\`\`\n${output.trim()}\n\`\`\``,
    );
    load.push(loadavg()[0] ?? 0);
  }
}

load.push(loadavg()[0] ?? 0);
say(
  `---\n\n1-minute load average during the run: ${load.map((l) => l.toFixed(1)).join(" → ")} ` +
    `(on ${availableParallelism()} cores; above that, other work shared the machine and the figures are low).`,
);
const report = join(root, "docs", "benchmarks.md");
writeFileSync(report, `${sections.join("\n\n")}\n`);
// The project's formatter aligns Markdown tables; the file is committed, so it leaves here formatted.
spawnSync(join(root, "node_modules", ".bin", "biome"), ["format", "--write", report], { cwd: root });
console.log("\nWritten to docs/benchmarks.md");

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const version = (name: string) =>
    (
      JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
  return [
    "## Machine",
    "",
    `- ${availableParallelism()} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory`,
    `- Node.js ${process.version}, survey-core ${version("survey-core")}, better-sqlite3 ${version("better-sqlite3")}, pg ${version("pg")}`,
  ].join("\n");
}

function ms(value: number): string {
  if (value >= 100) return `${value.toFixed(0)} ms`;
  return value >= 0.1 ? `${value.toFixed(2)} ms` : `${value.toFixed(3)} ms`;
}

function validationSection(v: ValidateFigures): string {
  return [
    "## Validating one stored interview",
    "",
    `survey-core validation plus our own answer checks of one 40-question interview against its version, one thread, CPU time over ${v.interviews} different interviews (scripts/bench-validate.ts). The server validates with the compiled plan (docs/decisions/0018), which gives survey-core's exact issues; the Model is the fallback for versions the plan does not cover.`,
    "",
    "| | median | 90th percentile |",
    "|---|---|---|",
    `| survey-core Model as shipped, reused | ${ms(v.plain.medianMs)} | ${ms(v.plain.p90Ms)} |`,
    `| Model with the property-read fast path | ${ms(v.fastPath.medianMs)} | ${ms(v.fastPath.p90Ms)} |`,
    `| compiled plan (what the server runs) | ${ms(v.compiled.medianMs)} | ${ms(v.compiled.p90Ms)} |`,
    "",
    `Once per version: building the Model ${ms(v.buildModelMs)}; building it and compiling the plan ${ms(v.compileMs)}. At the plan's median one core validates about ${(1000 / v.compiled.medianMs).toFixed(0)} interviews/s, so validation is no longer what limits ingest.`,
  ].join("\n");
}

function corpusSection(rows: Awaited<ReturnType<typeof benchCorpus>>): string {
  return [
    "## Validating one interview of each corpus survey",
    "",
    "The differential suite's corpus (test/fixtures/surveys/corpus; every question type and trigger kind), over answer sets made by survey-core: median CPU per interview on the compiled plan where the survey compiles, and on survey-core (the fallback: one reused Model, or a fresh Model per interview where survey-core keeps state beyond the answers, docs/decisions/0027).",
    "",
    "| survey | compiled plan | survey-core fallback |",
    "|---|---|---|",
    ...rows.map(
      (r) => `| ${r.name} | ${r.compiles ? ms(r.compiledMs) : "does not compile"} | ${ms(r.fallbackMs)} |`,
    ),
  ].join("\n");
}

function ingestSection(runs: IngestFigures[], withPostgres: boolean): string {
  const rows = runs.map(
    (r) =>
      `| ${r.dialect} | ${r.responses} | ${r.responsesPerSecond.toFixed(0)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${r.rawRowsPerSecond.toFixed(0)} | ${((r.responsesPerSecond / r.rawRowsPerSecond) * 100).toFixed(1)}% | ${r.cpuSecondsPer1000.toFixed(2)} s (main thread ${r.mainThreadCpuSecondsPer1000.toFixed(2)} s) | ${r.peakRssMb.toFixed(0)} MB (${r.startedRssMb.toFixed(0)} MB once started) | ${Object.entries(
        r.outcomes,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(", ")} |`,
  );
  return [
    "## Ingest",
    "",
    `${TABLETS} simulated tablets post completed 40-question interviews (scripts/bench-interview.ts) in batches of ${BATCH_SIZE} over HTTP to the real server (the built \`dist/server/index.js\` with \`npm start\`'s Node options, a child process), each waiting for its answer before sending the next; full server-side validation, one transaction per batch, indicator values written. Reference: the rows the server stored, inserted again by the benchmark into a same-shaped table of the same database, ${BATCH_SIZE} rows per transaction, no HTTP or validation. Target: ≥ 1,000 validated responses/s on 2 cores; peak RSS ≤ 200 MB.`,
    "",
    "| database | responses | responses/s | p50 batch | p99 batch | raw inserts/s (reference) | ingest ÷ raw | server CPU per 1,000 | server peak RSS | outcomes |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    ...(withPostgres ? [] : ["", "PostgreSQL: not measured (set TEST_DATABASE_URL or pass --postgres URL)."]),
  ].join("\n");
}

function bundleSection(b: BundleFigures): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  return [
    "## Fieldwork bundle",
    "",
    "gzip -9 size of the JavaScript a tablet loads to open /fieldwork (the entry chunk, the fieldwork page and every chunk they import), next to the floor: React, survey-core and survey-react-ui rendering one question, built alone by the same Vite. Target ≤ 1.1 × the floor.",
    "",
    "| | gzip |",
    "|---|---|",
    `| /fieldwork | ${kb(b.fieldworkGzip)} (${(b.fieldworkGzip / b.floorGzip).toFixed(2)} × the floor) |`,
    `| floor | ${kb(b.floorGzip)} |`,
    `| loaded later by the page (dynamic imports) | ${kb(b.lazyGzip)} |`,
    "",
    `Chunks: ${b.fieldworkFiles.map((f) => `${f.file} ${kb(f.gzip)}`).join(", ")}.`,
  ].join("\n");
}

/** Issue 18: a version in three languages, and survey-core's time to its first question in one of them. */
function languagesSection(l: ReturnType<typeof measureLanguages>): string {
  return [
    "## A survey version in three languages",
    "",
    "The 40-question bench survey with every title and choice text also in Polish and Arabic (stand-in wording: the English text marked pl or ar), as JSON; languages are data, so the bundle does not grow with them. Time: survey-core building the model in Arabic and wording its first question, in Node (median of 50), not the browser's render.",
    "",
    "| version | bytes | gzip |",
    "| --- | ---: | ---: |",
    `| one language | ${l.one.bytes} | ${l.one.gzip} |`,
    `| three languages | ${l.three.bytes} | ${l.three.gzip} |`,
    "",
    `Model in Arabic to its first question: ${l.firstQuestionMs.toFixed(1)} ms.`,
    "",
  ].join("\n");
}
