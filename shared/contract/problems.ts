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
  weak_password: { status: 400, title: "Choose a longer password." },
  forbidden_role: { status: 403, title: "Your role does not allow this." },
  forbidden_area: { status: 403, title: "This belongs to an area outside your scope." },
  cross_site_request: { status: 403, title: "This request came from another site and was refused." },
  survey_not_found: { status: 404, title: "There is no survey with that id." },
  survey_version_not_found: { status: 404, title: "That survey has no published version with that number." },
  area_not_found: { status: 404, title: "There is no area with that id." },
  area_exists: { status: 409, title: "An area with that id already exists." },
  email_taken: { status: 409, title: "An account with that email already exists." },
  area_required: { status: 400, title: "This role works in one area: choose the area." },
  not_found: { status: 404, title: "Nothing here." },
  invalid_participant_code: { status: 400, title: "The participant code is not valid." },
  internal: { status: 500, title: "Something went wrong on our side. Nothing you sent was lost." },
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
