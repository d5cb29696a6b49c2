import type { ColumnType, Generated } from "kysely";

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
  release_signoffs: ReleaseSignoffsTable;
  release_annotations: ReleaseAnnotationsTable;
  device_manifest_items: DeviceManifestItemsTable;
  device_upload_keys: DeviceUploadKeysTable;
}

export interface AreasTable {
  id: string;
  name: string;
  region: string;
  created_at: string;
  /** The user shown an area's new safeguarding concerns first (coordination, 2026-11-26-07). */
  safeguarding_lead_id: string | null;
  /** The area's reward for an hour of an expert's or researcher's time; null until a policy is set. */
  reward_pence_per_hour: number | null;
  /** The reward policy in words, as agreed with the area's experts. */
  reward_policy_note: Generated<string>;
  /** JSON array of `SupportService` (shared/contract/support-services.ts) for the distress protocol. */
  support_services: Generated<string>;
  /** JSON `{ <locale>: { <service name>: SupportServiceWords } }` (2026-12-07-04, decision 0050). */
  support_service_translations: Generated<string>;
  /** 1: only tablets enrolled for the area may upload its interviews (2026-12-06-12, decision 0025). */
  enrolled_tablets_only: Generated<number>;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  area_id: string | null;
  password_hash: string | null;
  disabled: Generated<number>;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a leaked table does not hand out sessions. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** For the idle timeout; moved forward at most once a minute. Null only on rows from before it existed. */
  last_seen_at: string | null;
}

export interface SetupTokensTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SurveysTable {
  id: string;
  title: string;
  description: string;
  created_at: string;
}

export interface SurveyVersionsTable {
  survey_id: string;
  version: number;
  title: string;
  /** The SurveyJS JSON exactly as published: never updated after insert. */
  definition: string;
  /** The answerable fields, flattened once at publish for exports and statistics. */
  fields: string;
  published_at: string;
}

/** The area a participant code first arrived in; an upload cannot move it (decision 0025). */
export interface ParticipantsTable {
  participant_code: string;
  area_id: string;
  first_seen_at: string;
}

export interface ResponsesTable {
  id: string;
  survey_id: string;
  survey_version: number;
  participant_code: string;
  wave: number;
  area_id: string;
  administration_mode: string;
  started_at: string;
  completed_at: string;
  received_at: string;
  submitted_by: string;
  device_id: string | null;
  data: string;
  content_hash: string;
  review_status: string;
  issues: string;
  revisions: Generated<number>;
  /** How the interview ended: "completed" | "declined" | "stopped" (docs/decisions, interview endings). */
  ending: Generated<string>;
  /** The locale the participant was interviewed in; null only from an instance older than the column. */
  language: string | null;
}

/** Later content sent under an id already stored: kept for review, never overwriting revision 1. */
export interface ResponseRevisionsTable {
  response_id: string;
  revision: number;
  received_at: string;
  submitted_by: string;
  content_hash: string;
  /** The whole item as sent (envelope and answers). */
  item: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  detail: string;
  /** From which device: the client's address, its user agent, and a tablet's own id where it sent one. */
  ip: string | null;
  user_agent: string | null;
  device_id: string | null;
}

/** A failed or in-flight sign-in; counted per email and per address for lockout, shared by all instances. */
export interface LoginAttemptsTable {
  id: string;
  at: string;
  email: string;
  ip: string | null;
}

/** One review decision or comment on a response; deleted with the response. */
export interface ReviewEventsTable {
  id: string;
  response_id: string;
  /** 1, 2, 3 … per response: the order of events, which timestamps alone cannot give. */
  seq: number;
  at: string;
  actor_id: string;
  from_status: string;
  /** Equal to from_status for a comment that changed nothing. */
  to_status: string;
  /** The revision whose answers the reviewer made current, if the decision did that. */
  adopted_revision: number | null;
  comment: string | null;
}

/** A participant who has withdrawn: the code and their choice, nothing else. */
export interface WithdrawalsTable {
  participant_code: string;
  /** "delete_all" | "keep_given" */
  choice: string;
  area_id: string | null;
  recorded_at: string;
  recorded_by: string;
  updated_at: string;
  responses_deleted: Generated<number>;
}

/**
 * One tagged question of one response, written at ingest (server/outcomes): the numeric value the
 * outcome dashboards aggregate, with the response's filter and grouping columns copied so no query
 * needs a join. `question` '' (with `outcome` '') is the interview itself, for attrition. Deleted with
 * its response; rewritten when the response changes (see `indicator_refresh`).
 */
export interface IndicatorValuesTable {
  response_id: string;
  question: string;
  survey_id: string;
  survey_version: number;
  area_id: string;
  wave: number;
  participant_code: string;
  administration_mode: string;
  /** UTC ISO timestamp. */
  completed_at: string;
  /** The theory-of-change outcome the question is tagged with. */
  outcome: string;
  /** "answered" | "skipped" | "declined" (a way of not answering, such as "prefer not to say"). */
  status: string;
  /** Rating value, choice score, 1/0 for yes/no, or the number given; null unless answered. */
  value: number | null;
  /** The chosen choice's value, for single-choice questions. */
  choice: string | null;
  /** 1 when the response's review state counts (received, approved). */
  counted: number;
  /** The interview language; a response without one counts as its version's main language (migration 2026-12-07-02). */
  language: ColumnType<string, string | undefined, string>;
}

/** One participant's answers to one question at two waves (same survey and area); deleted with either interview. */
export interface IndicatorPairsTable {
  /** The earlier wave's interview. */
  response_id: string;
  paired_response_id: string;
  question: string;
  outcome: string;
  survey_id: string;
  area_id: string;
  from_wave: number;
  to_wave: number;
  before_value: number;
  after_value: number;
  /** 1 when both interviews count. */
  counted: number;
  /** The survey version of both interviews, or 0 when they differ (migration 2026-11-26-08). */
  slice_version: ColumnType<number, number | undefined, number>;
  /** The administration mode of both interviews, or '' when they differ. */
  slice_mode: ColumnType<string, string | undefined, string>;
  /** YYYY-MM (UTC) of the earlier interview's completion. */
  from_month: ColumnType<string, string | undefined, string>;
  /** YYYY-MM (UTC) of the later interview's completion. */
  to_month: ColumnType<string, string | undefined, string>;
  /** The interview language of both interviews, or '' when they differ (migration 2026-12-07-02). */
  slice_language: ColumnType<string, string | undefined, string>;
}

/** Counted indicator_values by grouping columns; maintained by triggers (migration 2026-11-26-03). */
export interface IndicatorCellsTable {
  outcome: string;
  survey_id: string;
  question: string;
  area_id: string;
  wave: number;
  status: string;
  /** 0 when the value is null (then `value` is 0). */
  has_value: number;
  value: number;
  /** '' when there is no choice. */
  choice: string;
  n: number;
}

/** Counted indicator_pairs by change (after - before), with running sums; maintained by triggers. */
export interface IndicatorPairCellsTable {
  outcome: string;
  from_wave: number;
  to_wave: number;
  survey_id: string;
  question: string;
  area_id: string;
  difference: number;
  n: number;
  sum_before: number;
  sum_after: number;
  sumsq_before: number;
  sumsq_after: number;
}

/**
 * Counted indicator_values keyed like `indicator_cells` plus the filters that cut inside an area-wave:
 * survey version, administration mode and completion month (YYYY-MM, UTC). Trigger-maintained
 * (migration 2026-11-26-08); a filtered outcome page reads these.
 */
export interface IndicatorSliceCellsTable extends IndicatorCellsTable {
  survey_version: number;
  administration_mode: string;
  month: string;
  /** The interview language (migration 2026-12-07-02). */
  language: string;
}

/**
 * A counter per survey and area, raised by a trigger whenever an interview's row of that survey and
 * area is written or deleted (migration 2026-11-26-10): stored part checks older than it are stale.
 */
export interface IndicatorGenerationsTable {
  survey_id: string;
  area_id: string;
  generation: number;
}

/**
 * Per question, area-wave and set of filter dimensions (`dims`: 1 version, 2 mode, 4 month), the
 * smallest positive count of one answer in one part: by value (`smallest`) and with a count
 * question's values taken by bin (`smallest_binned`). Computed by the server (part-checks.repository).
 */
export interface IndicatorPartMinimumsTable {
  outcome: string;
  survey_id: string;
  question: string;
  area_id: string;
  wave: number;
  dims: number;
  smallest: number;
  smallest_binned: number;
}

/** The same for pairs between two waves: of pairs in one part, and of one direction of change in one part. */
export interface IndicatorPairPartMinimumsTable {
  outcome: string;
  from_wave: number;
  to_wave: number;
  survey_id: string;
  question: string;
  area_id: string;
  dims: number;
  smallest: number;
  smallest_by_way: number;
}

/** The generation each outcome's stored minimums of an area were computed at (waves -1, -1: the values'). */
export interface IndicatorPartChecksTable {
  outcome: string;
  from_wave: number;
  to_wave: number;
  survey_id: string;
  area_id: string;
  generation: number;
}

/** Counted indicator_pairs by change and by the pair's slice columns (see `IndicatorPairsTable`). */
export interface IndicatorPairSliceCellsTable extends IndicatorPairCellsTable {
  /** Both interviews' version, or 0. */
  survey_version: number;
  /** Both interviews' mode, or ''. */
  administration_mode: string;
  from_month: string;
  to_month: string;
  /** Both interviews' language, or ''. */
  language: string;
}

/** Responses changed after ingest whose indicator rows must be rewritten before the next read. */
export interface IndicatorRefreshTable {
  response_id: string;
}

/** Run-time settings an administrator changes (e.g. `suppression_k`), values as JSON text. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

/** A survey's one working copy in the co-design editor; `revision` guards against lost updates. */
/** A draft's Easy Read pictures, each once, apart from its text (decision 0051). */
export interface SurveyDraftPicturesTable {
  survey_id: string;
  /** The SHA-256 (hex) of the data URL; the draft's text names the picture by it. */
  picture_key: string;
  data_url: string;
}

export interface SurveyDraftsTable {
  survey_id: string;
  title: string;
  description: string;
  definition: string;
  revision: number;
  /** "draft" | "in_review" | "published" */
  status: string;
  base_version: number | null;
  owner_id: string | null;
  /** JSON array of published data names someone confirmed this draft drops or retypes. */
  confirmed_name_changes: string;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

/** Who changed a draft, when, and which questions: the editor's attribution log. */
export interface SurveyDraftEventsTable {
  id: string;
  survey_id: string;
  revision: number;
  at: string;
  actor_id: string | null;
  kind: string;
  /** JSON array of question names. */
  questions: string;
  summary: string;
}

export interface SurveyCommentsTable {
  id: string;
  survey_id: string;
  question: string | null;
  body: string;
  author_id: string;
  created_at: string;
  revision: number;
}

/** A tracked change to a question's wording; "open" until the owner or a coordinator decides. */
export interface SurveySuggestionsTable {
  id: string;
  survey_id: string;
  question: string;
  field: string;
  original: string;
  proposed: string;
  note: string;
  author_id: string;
  created_at: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface SurveySignoffsTable {
  id: string;
  survey_id: string;
  user_id: string;
  revision: number;
  note: string;
  created_at: string;
}

/** Who published each version from the editor, on whose sign-off or for what reason. */
export interface SurveyPublicationsTable {
  survey_id: string;
  version: number;
  published_by: string | null;
  published_at: string;
  draft_revision: number;
  reason: string | null;
  /** JSON array of user ids. */
  signed_off_by: string;
}

/** How many interviews an area aims for, per survey and wave. */
export interface AreaTargetsTable {
  area_id: string;
  survey_id: string;
  wave: number;
  target: number;
  updated_at: string;
  updated_by: string | null;
}

/** An enrolled tablet. Only the SHA-256 of its token is kept; a revoked device's uploads are refused. */
export interface DevicesTable {
  id: string;
  user_id: string;
  area_id: string;
  label: string;
  token_hash: string;
  enrolled_at: string;
  enrolled_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_seen_at: string | null;
  // A lost tablet (issue 17, decision 0036).
  lost_at: string | null;
  lost_by: string | null;
  lost_reason: string | null;
  found_at: string | null;
  found_by: string | null;
  wiped_at: string | null;
  lost_refused_at: string | null;
  manifest_at: string | null;
  manifest_omitted: number | null;
}

/**
 * What a tablet said it held and had not yet uploaded (its manifest), one row per item it ever
 * reported; `on_tablet` is 1 for the lines of its latest manifest ("on it at its last report").
 */
export interface DeviceManifestItemsTable {
  device_id: string;
  item_id: string;
  kind: string;
  participant_code: string | null;
  survey_id: string | null;
  wave: number | null;
  collected_at: string;
  first_reported_at: string;
  last_reported_at: string;
  on_tablet: number;
}

/** A short-lived, single-use code shown as a QR code; `id` is the SHA-256 of the code. */
export interface DeviceEnrolmentCodesTable {
  id: string;
  user_id: string;
  area_id: string;
  label: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
}

/** Whose follow-up interview (participant code, survey, wave) a researcher does, and by when. */
export interface ParticipantAssignmentsTable {
  id: string;
  participant_code: string;
  survey_id: string;
  wave: number;
  area_id: string;
  researcher_id: string;
  /** YYYY-MM-DD, or null when no date was set. */
  due_on: string | null;
  /** "open" | "declined" (the participant said no to this follow-up). */
  status: string;
  assigned_by: string;
  assigned_at: string;
  updated_at: string;
}

/** Append-only record of what was done about a safeguarding concern. */
export interface SafeguardingActionsTable {
  id: string;
  concern_id: string;
  /** 1, 2, 3 … per concern: the order of steps, which timestamps alone cannot give. */
  seq: number;
  at: string;
  actor_id: string;
  /** "acknowledged" | "action" | "closed" */
  kind: string;
  text: string;
}

/** An expert's or researcher's own plan for how they take part; they edit it themselves. */
export interface ParticipationPlansTable {
  user_id: string;
  interests: string;
  goals: string;
  support_wanted: string;
  /** JSON array of contact methods, in the person's order of preference. */
  contact_methods: string;
  contact_notes: string;
  /** "voucher" | "bank_transfer" | "cash", or null when not chosen yet. */
  preferred_payment: string | null;
  updated_at: string;
  updated_by: string;
}

/** Time given, and the reward due under the area's policy at the time it was recorded. */
export interface RewardEntriesTable {
  id: string;
  user_id: string;
  area_id: string;
  activity: string;
  minutes: number;
  /** YYYY-MM-DD */
  given_on: string;
  pence_per_hour: number;
  reward_pence: number;
  payment_method: string;
  recorded_by: string;
  recorded_at: string;
}

export interface TrainingRecordsTable {
  id: string;
  user_id: string;
  /** "safeguarding" | "distress_protocol" | "interview_practice" */
  kind: string;
  /** YYYY-MM-DD */
  completed_on: string;
  /** YYYY-MM-DD: the refresher is due on this day. */
  expires_on: string;
  note: Generated<string>;
  recorded_by: string;
  recorded_at: string;
}

/** Raised from a tablet; never part of a participant's answers. The id is made on the device. */
export interface SafeguardingConcernsTable {
  id: string;
  area_id: string;
  raised_by: string;
  /** When the researcher raised it on the device; `received_at` is when the server got it. */
  raised_at: string;
  received_at: string;
  participant_code: string | null;
  /** "immediate" | "today" | "this_week" */
  urgency: string;
  description: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  action_taken: string | null;
  closed_at: string | null;
}

/** A researcher's own debrief after an interview: apart from participant data, with no link to it. */
export interface DebriefsTable {
  id: string;
  researcher_id: string;
  area_id: string;
  created_at: string;
  /** 1 (struggling) to 5 (fine). */
  wellbeing: number;
  notes: string;
  /** 0 | 1 */
  wants_support: number;
}

/** When each follow-up wave of a survey is due: `offsets_days[n - 1]` days after baseline for wave n. */
export interface FollowUpSchedulesTable {
  survey_id: string;
  /** JSON array of ascending whole days. */
  offsets_days: string;
  /** A wave is open this many days either side of its due day. */
  grace_days: number;
  updated_at: string;
  updated_by: string | null;
}

/** "Not today" at the readiness check: only what the due lists need, never an answer. */
export interface InterviewReschedulesTable {
  id: string;
  survey_id: string;
  participant_code: string;
  wave: number;
  area_id: string;
  researcher_id: string;
  rescheduled_at: string;
  received_at: string;
}

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

export interface ReleaseSignoffsTable {
  id: string;
  release_id: string;
  snapshot_id: string;
  signer_role: string;
  user_id: string;
  note: string;
  signed_at: string;
}

export interface ReleaseAnnotationsTable {
  id: string;
  release_id: string;
  table_id: string;
  what_it_means: string;
  what_should_change: string;
  user_id: string;
  created_at: string;
}

/** Translation in the editor (issue 18, decision 0038). */
export interface SurveyLanguagesTable {
  survey_id: string;
  locale: string;
  offered: number;
  updated_by: string | null;
  updated_at: string;
}

export interface SurveyTranslationSourcesTable {
  survey_id: string;
  locale: string;
  string_key: string;
  source: string;
  translated_by: string | null;
  translated_at: string;
}

export interface SurveyLanguageSignoffsTable {
  id: string;
  survey_id: string;
  locale: string;
  revision: number;
  content_hash: string;
  user_id: string;
  note: string;
  created_at: string;
}

export interface UserLanguagesTable {
  user_id: string;
  locale: string;
}
/** An enrolled tablet's upload key (docs/decisions/0035): given only to that tablet, through the device check. */
export interface DeviceUploadKeysTable {
  device_id: string;
  key_id: string;
  key: string;
  created_at: string;
}
