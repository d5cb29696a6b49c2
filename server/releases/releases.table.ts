import type { Generated } from "kysely";

/** Releases (2026-12-06-11): see the migration and docs/decisions/0022. JSON columns are text. */
export interface ReleasesTable {
  id: string;
  survey_id: string;
  title: string;
  composition: string;
  status: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  snapshot_id: string | null;
  snapshot: string | null;
  participant_summary: string | null;
  published_at: string | null;
  published_by: string | null;
  public_token: string | null;
  corrects: string | null;
  corrected_by: string | null;
}

export interface ReleaseInterviewsTable {
  release_id: string;
  response_id: string;
  area_id: string;
  wave: number;
  /** The interview language; null for releases stored before migration 19. */
  language: string | null;
}

/**
 * What a later release check reads of a release's snapshot (2026-12-07-11, decision 0068): its tables
 * with only the published cells and those withheld as fewer than k. For one snapshot only.
 */
export interface ReleaseCheckFiguresTable {
  release_id: string;
  snapshot_id: string;
  /** JSON: `ReleaseTable[]`. */
  tables: string;
}

export interface ReleaseSignoffsTable {
  id: string;
  release_id: string;
  snapshot_id: string;
  signer_role: string;
  user_id: string;
  note: string;
  signed_at: string;
  /** 1 when the signer agreed to be named with it on the public link (2026-12-08-12). */
  named_in_public: Generated<number>;
}

export interface ReleaseAnnotationsTable {
  id: string;
  release_id: string;
  table_id: string;
  what_it_means: string;
  what_should_change: string;
  user_id: string;
  created_at: string;
  /** 1 when the expert agreed to be named with it on the public link (2026-12-08-12). */
  named_in_public: Generated<number>;
}
