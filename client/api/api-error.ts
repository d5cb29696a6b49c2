import type { Problem, ProblemCode } from "../../shared/contract/index.ts";
import { issueWords } from "./issue-words.ts";

/**
 * The server answered with a problem (RFC 9457). `problem.code` is stable and is what callers switch
 * on; `title` and `detail` are written for people and are shown as they are.
 */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.problem = problem;
  }

  get code(): ProblemCode {
    return this.problem.code;
  }
}

/** The request never got an answer from our server: offline, DNS, a proxy that is down. */
export class NetworkError extends Error {
  constructor(message = "Could not reach the server. Check the connection and try again.") {
    super(message);
    this.name = "NetworkError";
  }
}

/** One sentence for the person in front of the screen, whatever went wrong. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const { title, detail, issues } = error.problem;
    // The shape checks' title and detail speak to a developer ("See `issues`…"); each issue is
    // shown at its field or listed beneath.
    if ((error.code === "invalid_body" || error.code === "invalid_query") && issues && issues.length > 0) {
      return issues.length === 1 ? "One thing needs changing." : "Some things need changing.";
    }
    return detail && detail !== title ? `${title} ${detail}` : title;
  }
  if (error instanceof NetworkError) return error.message;
  return "Something unexpected went wrong in this app. Reload the page and try again.";
}

/** The server's validation issues keyed by top-level field name, to show next to each field. */
export function issuesByField(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!(error instanceof ApiError)) return fields;
  for (const issue of error.problem.issues ?? []) {
    const field = issue.path[0];
    if (typeof field === "string" && !(field in fields)) fields[field] = issueWords(issue.message);
  }
  return fields;
}
