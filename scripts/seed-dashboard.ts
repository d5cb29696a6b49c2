import { randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import { openSqlite } from "../server/db/connect.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { seededRandom, syntheticAnswers } from "../server/demo/synthetic-answers.ts";
import { NUMBER_BINS } from "../server/outcomes/aggregates/indicator-values.repository.ts";
import { indicatorRows } from "../server/outcomes/ingest/indicator-values.ts";
import { defaultInstrumentsDir } from "../server/paths.ts";
import { loadInstruments } from "../server/surveys/load-instruments.ts";
import { insertUser } from "../server/users/users.repository.ts";
import { generateParticipantCode } from "../shared/contract/participant-code.ts";
import type { SurveyField } from "../shared/survey/fields.ts";

/**
 * The outcome dashboard's data for the benchmarks (scripts/bench-dashboard.ts, bench-release.ts):
 * participant interviews × the 19 tagged questions of the real participant interview across 39 areas
 * and 4 waves, in three interview languages, bulk-inserted straight into SQLite with the pairs of each
 * participant's interviews as ingest writes them, and the trigger-kept aggregates counted at the end
 * (`countAggregates`, the statements the migrations backfill with).
 */

export const AREAS = 39;
export const WAVES = 4;
export const SURVEY = "participant-interview";
export const OUTCOME = "outcome-areas-see-better-outcomes";
const NOW = new Date("2026-11-26T10:00:00.000Z");

export async function generate(file: string, total: number): Promise<{ responses: number; values: number }> {
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
  // The aggregates are counted once at the end by the statements below, which give what the triggers
  // would have (a test of the migration checks that); the triggers are put back before measuring.
  const triggers = raw
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('indicator_values', 'indicator_pairs')",
    )
    .all() as { name: string; sql: string }[];
  for (const { name } of triggers) raw.exec(`DROP TRIGGER ${name}`);

  const insertResponse = raw.prepare(
    `INSERT INTO responses (id, survey_id, survey_version, participant_code, wave, area_id, administration_mode,
       started_at, completed_at, received_at, submitted_by, device_id, data, content_hash, review_status, issues, revisions,
       language)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, '[]', 1, ?)`,
  );
  const insertValue = raw.prepare(
    `INSERT INTO indicator_values (response_id, question, survey_id, survey_version, area_id, wave, participant_code,
       administration_mode, completed_at, outcome, status, value, choice, counted, language)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPair = raw.prepare(
    `INSERT INTO indicator_pairs (response_id, paired_response_id, question, outcome, survey_id, area_id,
       from_wave, to_wave, before_value, after_value, counted, slice_version, slice_mode, from_month, to_month,
       slice_language)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const random = seededRandom(20261126);
  const bytes = (array: Uint8Array) => array.map(() => Math.floor(random() * 256));
  const retention = [1, 0.9, 0.8, 0.65];
  let responses = 0;
  let values = 0;
  // One participant's interviews at a time: their rows, then the pairs ingest would write between them.
  const batch = raw.transaction((participants: Interview[][]) => {
    for (const interviews of participants) {
      const written: {
        wave: number;
        mode: string;
        month: string;
        language: string;
        rows: ReturnType<typeof indicatorRows>;
      }[] = [];
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
          it.language,
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
            language: it.language,
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
            row.language,
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
              surveyVersion,
              earlier.mode === it.mode ? it.mode : "",
              earlier.month,
              it.completedAt.slice(0, 7),
              earlier.language === it.language ? it.language : "",
            );
          }
        }
        written.push({
          wave: it.wave,
          mode: it.mode,
          month: it.completedAt.slice(0, 7),
          language: it.language,
          rows,
        });
        responses += 1;
      }
    }
  });

  let pending: Interview[][] = [];
  let queued = 0;
  let participant = 0;
  while (responses + queued < total) {
    const code = generateParticipantCode(bytes);
    const area = areas[participant % AREAS] ?? "area-01";
    participant += 1;
    const interviews: Interview[] = [];
    // Most participants are interviewed in English; some in Polish, some in Easy Read.
    const language = random() < 0.8 ? "en" : random() < 0.6 ? "pl" : "en-easy";
    for (let wave = 0; wave < WAVES && responses + queued + interviews.length < total; wave++) {
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
        language,
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
  countAggregates(raw);
  for (const { sql: create } of triggers) raw.exec(create);
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
  language: string;
}

/**
 * The trigger-kept aggregates of everything inserted, counted at once: the statements migration
 * 2026-11-26-03 and 2026-11-26-08 fill them with for rows stored before them.
 */
function countAggregates(raw: SQLite.Database): void {
  const cell = `outcome, survey_id, question, area_id, wave, status, CASE WHEN value IS NULL THEN 0 ELSE 1 END,
    COALESCE(value, 0), COALESCE(choice, '')`;
  const pair = "outcome, from_wave, to_wave, survey_id, question, area_id, after_value - before_value";
  const sums = `count(*), sum(before_value), sum(after_value), sum(before_value * before_value),
    sum(after_value * after_value)`;
  for (const table of [
    "indicator_cells",
    "indicator_slice_cells",
    "indicator_pair_cells",
    "indicator_pair_slice_cells",
    "indicator_bin_cells",
  ]) {
    raw.exec(`DELETE FROM ${table}`);
  }
  raw.exec(
    `INSERT INTO indicator_cells SELECT ${cell}, count(*) FROM indicator_values WHERE counted = 1 GROUP BY ${cell}`,
  );
  const slice = `${cell}, survey_version, administration_mode, substr(completed_at, 1, 7), language`;
  raw.exec(
    `INSERT INTO indicator_slice_cells SELECT ${slice}, count(*) FROM indicator_values WHERE counted = 1 GROUP BY ${slice}`,
  );
  raw.exec(
    `INSERT INTO indicator_pair_cells SELECT ${pair}, ${sums} FROM indicator_pairs WHERE counted = 1 GROUP BY ${pair}`,
  );
  const pairSlice = `${pair}, slice_version, slice_mode, from_month, to_month, slice_language`;
  raw.exec(
    `INSERT INTO indicator_pair_slice_cells SELECT ${pairSlice}, ${sums} FROM indicator_pairs WHERE counted = 1 GROUP BY ${pairSlice}`,
  );
  // Bars: a count's bin of its value (migration 2026-12-07-08).
  const bar = `CASE WHEN value IS NULL THEN 0 ${NUMBER_BINS.map(([lo, hi], i) =>
    Number.isFinite(hi)
      ? `WHEN value >= ${lo} AND value <= ${hi} THEN ${i}`
      : `WHEN value >= ${lo} THEN ${i}`,
  ).join(" ")} ELSE -1 END`;
  const bin = `outcome, survey_id, question, area_id, wave, status, ${bar}, COALESCE(choice, '')`;
  raw.exec(
    `INSERT INTO indicator_bin_cells SELECT ${bin}, count(*), sum(COALESCE(value, 0)),
      sum(COALESCE(value, 0) * COALESCE(value, 0)) FROM indicator_values WHERE counted = 1 AND question <> '' GROUP BY ${bin}`,
  );
  // Every area written: its part checks (migration 2026-11-26-10) are computed when first read.
  raw.exec("DELETE FROM indicator_part_checks");
  raw.exec("DELETE FROM indicator_generations");
  raw.exec(
    "INSERT INTO indicator_generations SELECT DISTINCT survey_id, area_id, 1 FROM indicator_values WHERE question = ''",
  );
}
