import type { AreasTable, AreaTargetsTable } from "../areas/areas.table.ts";
import type { AuditLogTable } from "../audit/audit.table.ts";
import type { LoginAttemptsTable, SessionsTable, SetupTokensTable } from "../auth/auth.table.ts";
import type { DebriefsTable } from "../debriefs/debriefs.table.ts";
import type {
  DeviceEnrolmentCodesTable,
  DeviceManifestItemsTable,
  DevicesTable,
  DeviceUploadKeysTable,
} from "../devices/devices.table.ts";
import type {
  SurveyCommentsTable,
  SurveyDraftEventsTable,
  SurveyDraftPicturesTable,
  SurveyDraftsTable,
  SurveyPublicationsTable,
  SurveySignoffsTable,
  SurveySuggestionsTable,
} from "../editor/drafts.table.ts";
import type {
  SurveyLanguageSignoffsTable,
  SurveyLanguagesTable,
  SurveyTranslationSourcesTable,
  UserLanguagesTable,
} from "../editor/translations.table.ts";
import type {
  ParticipantsTable,
  ResponseRevisionsTable,
  ResponsesTable,
} from "../fieldwork/responses.table.ts";
import type {
  FollowUpSchedulesTable,
  InterviewReschedulesTable,
  ParticipantAssignmentsTable,
} from "../follow-ups/follow-ups.table.ts";
import type {
  IndicatorBinCellsTable,
  IndicatorCellsTable,
  IndicatorGenerationsTable,
  IndicatorPairCellsTable,
  IndicatorPairPartMinimumsTable,
  IndicatorPairSliceCellsTable,
  IndicatorPairsTable,
  IndicatorPartChecksTable,
  IndicatorPartMinimumsTable,
  IndicatorRefreshTable,
  IndicatorSliceCellsTable,
  IndicatorValuesTable,
} from "../outcomes/indicators.table.ts";
import type { ParticipationPlansTable } from "../participation-plans/participation-plans.table.ts";
import type {
  ReleaseAnnotationsTable,
  ReleaseCheckFiguresTable,
  ReleaseInterviewsTable,
  ReleaseSignoffsTable,
  ReleasesTable,
} from "../releases/releases.table.ts";
import type { ReviewEventsTable } from "../review/review.table.ts";
import type { RewardEntriesTable } from "../rewards/rewards.table.ts";
import type {
  SafeguardingActionsTable,
  SafeguardingConcernsTable,
} from "../safeguarding/safeguarding.table.ts";
import type { SettingsTable } from "../settings/settings.table.ts";
import type { SurveysTable, SurveyVersionsTable } from "../surveys/surveys.table.ts";
import type { TrainingRecordsTable } from "../training/training.table.ts";
import type { UsersTable } from "../users/users.table.ts";
import type { WithdrawalsTable } from "../withdrawal/withdrawals.table.ts";

/**
 * The database as the application sees it. Timestamps are ISO-8601 strings in UTC and JSON is
 * stored as text, so that SQLite and PostgreSQL store the same values and compare them the same way.
 */
export interface Database {
  areas: AreasTable;
  users: UsersTable;
  sessions: SessionsTable;
  setup_tokens: SetupTokensTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  responses: ResponsesTable;
  response_revisions: ResponseRevisionsTable;
  audit_log: AuditLogTable;
  survey_drafts: SurveyDraftsTable;
  survey_draft_pictures: SurveyDraftPicturesTable;
  survey_draft_events: SurveyDraftEventsTable;
  survey_comments: SurveyCommentsTable;
  survey_suggestions: SurveySuggestionsTable;
  survey_signoffs: SurveySignoffsTable;
  survey_languages: SurveyLanguagesTable;
  survey_translation_sources: SurveyTranslationSourcesTable;
  survey_language_signoffs: SurveyLanguageSignoffsTable;
  user_languages: UserLanguagesTable;
  survey_publications: SurveyPublicationsTable;
  indicator_values: IndicatorValuesTable;
  indicator_pairs: IndicatorPairsTable;
  indicator_cells: IndicatorCellsTable;
  indicator_pair_cells: IndicatorPairCellsTable;
  indicator_bin_cells: IndicatorBinCellsTable;
  indicator_refresh: IndicatorRefreshTable;
  indicator_slice_cells: IndicatorSliceCellsTable;
  indicator_generations: IndicatorGenerationsTable;
  indicator_part_minimums: IndicatorPartMinimumsTable;
  indicator_pair_part_minimums: IndicatorPairPartMinimumsTable;
  indicator_part_checks: IndicatorPartChecksTable;
  indicator_pair_slice_cells: IndicatorPairSliceCellsTable;
  settings: SettingsTable;
  login_attempts: LoginAttemptsTable;
  review_events: ReviewEventsTable;
  withdrawals: WithdrawalsTable;
  safeguarding_concerns: SafeguardingConcernsTable;
  debriefs: DebriefsTable;
  follow_up_schedules: FollowUpSchedulesTable;
  interview_reschedules: InterviewReschedulesTable;
  area_targets: AreaTargetsTable;
  devices: DevicesTable;
  participants: ParticipantsTable;
  device_enrolment_codes: DeviceEnrolmentCodesTable;
  participant_assignments: ParticipantAssignmentsTable;
  safeguarding_actions: SafeguardingActionsTable;
  participation_plans: ParticipationPlansTable;
  reward_entries: RewardEntriesTable;
  training_records: TrainingRecordsTable;
  releases: ReleasesTable;
  release_interviews: ReleaseInterviewsTable;
  release_check_figures: ReleaseCheckFiguresTable;
  release_signoffs: ReleaseSignoffsTable;
  release_annotations: ReleaseAnnotationsTable;
  device_manifest_items: DeviceManifestItemsTable;
  device_upload_keys: DeviceUploadKeysTable;
}
