/**
 * The one catalogue of expected errors. Every problem the API can answer with has a stable `code`
 * that is never reused for another meaning; the client switches on `code`, never on `title` text.
 * Responses follow RFC 9457 (`application/problem+json`).
 */
export const problems = {
  malformed_json: { status: 400, title: "The request body is not valid JSON." },
  invalid_body: { status: 400, title: "The request body does not have the expected shape." },
  invalid_query: { status: 400, title: "The query parameters are not valid." },
  body_too_large: { status: 413, title: "The request body is too large." },
  unsupported_media_type: { status: 415, title: "Send the request body as application/json." },
  not_signed_in: { status: 401, title: "You need to sign in." },
  bad_credentials: { status: 401, title: "That email and password do not match an account." },
  setup_token_invalid: { status: 400, title: "This setup link is not valid or has already been used." },
  weak_password: { status: 400, title: "Choose a password that is harder to guess." },
  forbidden_role: { status: 403, title: "Your role does not allow this." },
  forbidden_area: { status: 403, title: "This belongs to an area outside your scope." },
  cross_site_request: { status: 403, title: "This request came from another site and was refused." },
  survey_not_found: { status: 404, title: "There is no survey with that id." },
  survey_version_not_found: { status: 404, title: "That survey has no published version with that number." },
  area_not_found: { status: 404, title: "There is no area with that id." },
  area_exists: { status: 409, title: "An area with that short name already exists." },
  email_taken: { status: 409, title: "An account with that email already exists." },
  area_required: { status: 400, title: "This role works in one area: choose the area." },
  not_found: { status: 404, title: "Nothing here." },
  invalid_participant_code: { status: 400, title: "The participant code is not valid." },
  draft_stale: { status: 409, title: "Someone else saved this draft after you opened it." },
  survey_exists: { status: 409, title: "A survey with that id already exists." },
  survey_json_invalid: { status: 422, title: "The survey JSON has errors." },
  question_locked: { status: 409, title: "A licensed question's wording and options cannot change." },
  unlock_not_allowed: { status: 403, title: "Only a coordinator or administrator can unlock a question." },
  data_name_change_unconfirmed: { status: 409, title: "A published question would lose its data name." },
  question_not_found: { status: 404, title: "This survey has no question with that name." },
  suggestion_not_found: { status: 404, title: "There is no suggestion with that id." },
  suggestion_outdated: { status: 409, title: "The wording has changed since this suggestion was made." },
  suggestion_decided: { status: 409, title: "This suggestion has already been accepted or declined." },
  not_draft_owner: { status: 403, title: "Only the draft's owner or a coordinator can do this." },
  own_suggestion: {
    status: 403,
    title: "You made this suggestion, so someone else decides on it. You can still withdraw it.",
  },
  draft_not_in_review: { status: 409, title: "Send the draft for review first." },
  signoff_required: { status: 409, title: "Publishing needs an expert's sign-off, or a reason why not." },
  // Translation in the editor (issue 18).
  language_not_ready: {
    status: 409,
    title: "A language is not finished or not signed off. Finish it, or mark it as not offered.",
  },
  language_not_found: { status: 404, title: "This survey has no such language." },
  language_not_read: { status: 403, title: "Only an expert who reads this language can sign it off." },
  translations_csv_unusable: { status: 422, title: "Some of this translations file could not be used." },
  picture_invalid: { status: 422, title: "A picture could not be used." },
  draft_unchanged: { status: 409, title: "This draft is the same as the published version." },
  // XLSForm import and export (issue 19).
  xlsform_unreadable: { status: 422, title: "This file could not be read as an XLSForm." },
  xlsform_media_type: { status: 415, title: "Send the form as an Excel workbook (.xlsx)." },
  // SurveyJS import (issue 16).
  import_refused: { status: 422, title: "Parts of this survey cannot work, even after preparing it." },
  internal: { status: 500, title: "Something went wrong on our side. Nothing you sent was lost." },
  too_many_attempts: {
    status: 429,
    title: "Too many failed attempts to sign in. Signing in is paused for a while.",
  },
  account_disabled: {
    status: 403,
    title: "This account has been disabled. Ask your coordinator or an administrator.",
  },
  user_not_found: { status: 404, title: "There is no account with that id." },
  cannot_change_own_account: {
    status: 409,
    title: "You cannot disable your own account or change your own role. Ask another administrator.",
  },
  participant_withdrawn: {
    status: 410,
    title: "This participant has withdrawn from the research, so these answers are not kept.",
  },
  already_withdrawn: { status: 409, title: "This participant's withdrawal is already recorded." },
  response_not_found: { status: 404, title: "There is no response with that id." },
  revision_not_found: { status: 404, title: "This response has no revision with that number." },
  review_changed: {
    status: 409,
    title: "This response changed since you opened it. Look at it again before deciding.",
  },
  retention_not_set: { status: 409, title: "No retention period is set, so nothing is due for deletion." },
  outcome_not_found: {
    status: 404,
    title: "There is no outcome with that id in the theory of change or the surveys.",
  },
  device_revoked: {
    status: 403,
    title:
      "This tablet's enrolment was withdrawn, so it cannot upload. Nothing on it is lost: ask your coordinator to enrol it again.",
  },
  device_unknown: {
    status: 403,
    title:
      "This tablet's enrolment is not recognised, so it cannot upload. Nothing on it is lost: ask your coordinator to enrol it again.",
  },
  device_other_area: {
    status: 403,
    title:
      "This tablet is enrolled for another area, so it cannot upload your interviews. Nothing on it is lost.",
  },
  device_required: {
    status: 403,
    title:
      "Your uploads come from your enrolled tablet, so this browser cannot upload them. Nothing here is lost: ask your coordinator to enrol this device, or use your tablet.",
  },
  device_not_found: { status: 404, title: "There is no enrolled tablet with that id." },
  enrolment_code_invalid: {
    status: 400,
    title: "This enrolment code is not valid, has expired or has been used. Ask for a new one.",
  },
  enrolment_code_other_user: {
    status: 403,
    title: "This enrolment code was made for someone else. Sign in as the person it names.",
  },
  invitation_not_pending: {
    status: 409,
    title: "This person has already set their password, so there is no invitation to renew.",
  },
  person_not_eligible: { status: 400, title: "That person cannot be chosen for this." },
  assignment_not_found: { status: 404, title: "There is no assigned follow-up with that id." },
  concern_not_found: { status: 404, title: "There is no safeguarding concern with that id." },
  concern_closed: { status: 409, title: "This safeguarding concern is closed." },
  reward_policy_not_set: {
    status: 409,
    title: "This area has no reward policy yet. Set its reward per hour first.",
  },
  // Account security (issue 14): password change and admin-issued reset links.
  wrong_current_password: { status: 400, title: "Your current password is not right." },
  reset_not_allowed: { status: 409, title: "A password reset link cannot be made for this account now." },
  record_conflict: {
    status: 409,
    title: "Something different is already stored under this id. The copy on the tablet is kept.",
  },
  // Resilience (issue 21): the database is away or full. Answered with Retry-After; the tablet keeps
  // everything it sent and tries again.
  database_unavailable: {
    status: 503,
    title:
      "The server cannot store anything just now. Nothing you sent was lost: it stays on your tablet and is sent again shortly.",
  },
  storage_full: {
    status: 507,
    title:
      "The server has run out of room to store this. Nothing you sent was lost: it stays on your tablet and is sent again later.",
  },
  // Provenance (issue 14, decision 0025): per-item sync refusals and who may withdraw whom.
  participant_other_area: {
    status: 409,
    title:
      "This participant code belongs to someone interviewed in another area, so this interview cannot be stored for your area. It is kept on this tablet: check the code with your coordinator.",
  },
  interview_id_unavailable: {
    status: 409,
    title:
      "This interview cannot be stored under the reference it carries. It is kept on this tablet: tell your coordinator.",
  },
  withdrawal_needs_data_manager: {
    status: 403,
    title:
      "This participant's withdrawal has to be recorded by the data manager, because it concerns interviews outside your area. Nothing has been changed.",
  },
  device_other_person: {
    status: 403,
    title:
      "This tablet is enrolled for someone else, so it cannot upload your interviews. Nothing on it is lost: ask your coordinator to enrol it for you.",
  },
  interview_language_invalid: {
    status: 422,
    title:
      "The language recorded with this interview is not a language, so the interview was not stored. It is kept on the tablet: ask your coordinator to contact the data manager.",
  },
  // Shared tablets (issue 17, docs/decisions/0035-tablet-key-management.md).
  upload_key_needs_enrolment: {
    status: 403,
    title:
      "This browser is not an enrolled tablet, so the server gives it no upload key. Finished interviews here upload when the researcher who did them has unlocked their space.",
  },
  device_required_in_area: {
    status: 403,
    title:
      "In this area only enrolled tablets may upload interviews, so this one was not stored. It is kept here: use your enrolled tablet, or ask your coordinator to enrol this one.",
  },
  // Who sees what (issue 13, docs/decisions/0024-who-sees-what.md): refusals that say why.
  live_figures_for_analysts_only: {
    status: 403,
    title: "Live figures are for the research team's analysts only.",
  },
  exports_for_analysts_only: {
    status: 403,
    title: "Exports of interviews are for the research team's analysts only.",
  },
  answers_for_analysts_only: {
    status: 403,
    title: "Participants' answers are for the research team's analysts only.",
  },
  // Releases (issue 13, shared/contract/releases.ts).
  release_not_found: { status: 404, title: "There is no release with that id." },
  release_published: {
    status: 409,
    title: "This release is published and cannot change. To correct it, make a new release that corrects it.",
  },
  release_reference_missing: {
    status: 422,
    title: "This release asks for an outcome or question that the survey no longer has.",
  },
  release_empty: {
    status: 422,
    title: "This release has no figures: no interviews are counted for what it asks for.",
  },
  release_not_checked: { status: 409, title: "Run the output checks on this release first." },
  release_snapshot_changed: {
    status: 409,
    title: "The figures were checked again since you opened them. Look at the new figures first.",
  },
  release_already_signed: {
    status: 409,
    title: "This sign-off has already been given, or you have already signed off this release.",
  },
  release_not_signed_off: {
    status: 409,
    title: "Publishing needs two sign-offs on these figures: an analyst's and an expert by experience's.",
  },
  release_correction_invalid: {
    status: 422,
    title: "A correction must name a published release of the same survey that has not been corrected yet.",
  },
  release_table_not_found: { status: 404, title: "This release has no table with that id." },
  release_check_outdated: {
    status: 409,
    title:
      "Another release of this survey was published after this one was checked. Run the output checks again before publishing.",
  },
  release_check_busy: {
    status: 503,
    title: "Another release is being checked right now. Try again in a minute.",
  },
  release_too_large_to_check: {
    status: 422,
    title:
      "This release is too large to check in one go. Nothing was published. Choose fewer outcomes or fewer breakdowns and check again.",
  },
  // A lost tablet (issue 17, docs/decisions/0036). 403, not 410: the refusal is about the credential
  // the request carries, not about the address, and a 410 may be cached as "this address is gone".
  // The title says nothing about who reported it, when, or what was on it.
  device_lost: { status: 403, title: "This tablet has been reported lost." },
  device_not_lost: { status: 409, title: "This tablet is not reported lost." },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof problems;

/** A validation issue points at the field that caused it, as a path of keys and indexes. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/** The body of every error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  issues?: FieldIssue[];
}

export function problemType(code: ProblemCode): string {
  return `/problems/${code}`;
}

export function makeProblem(code: ProblemCode, detail?: string, issues?: FieldIssue[]): Problem {
  const { status, title } = problems[code];
  return {
    type: problemType(code),
    title,
    status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(issues === undefined ? {} : { issues }),
  };
}
