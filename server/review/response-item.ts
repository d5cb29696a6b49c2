import type { Selectable } from "kysely";
import type { AdministrationMode, InterviewEnding, SyncItem } from "../../shared/contract/sync.ts";
import { canonicalJson } from "../fieldwork/content-hash.ts";
import type { ResponsesTable } from "../fieldwork/responses.table.ts";

/**
 * A stored response as the item a tablet sent: envelope and answers. Revisions are stored this way
 * (`response_revisions.item`), so the current copy and the others compare field by field.
 */
export function itemFromRow(row: Selectable<ResponsesTable>): SyncItem {
  return {
    id: row.id,
    surveyId: row.survey_id,
    surveyVersion: Number(row.survey_version),
    participantCode: row.participant_code,
    wave: Number(row.wave),
    areaId: row.area_id,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    administrationMode: row.administration_mode as AdministrationMode,
    // In the canonical form sync hashes: "completed" is left out (shared/fieldwork/endings.ts).
    ...(row.ending === "completed" ? {} : { ending: row.ending as InterviewEnding }),
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

const ENVELOPE = [
  "surveyId",
  "surveyVersion",
  "participantCode",
  "wave",
  "areaId",
  "startedAt",
  "completedAt",
  "administrationMode",
  "ending",
] as const;

/** Envelope fields and answers whose values differ between two copies of a response. */
export function itemDifferences(a: SyncItem, b: SyncItem): { envelope: string[]; answers: string[] } {
  const answers: string[] = [];
  for (const name of new Set([...Object.keys(a.data), ...Object.keys(b.data)])) {
    if (canonicalJson(a.data[name]) !== canonicalJson(b.data[name])) answers.push(name);
  }
  return { envelope: ENVELOPE.filter((key) => a[key] !== b[key]), answers };
}
