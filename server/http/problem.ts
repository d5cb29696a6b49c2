import type { Context } from "hono";
import {
  type FieldIssue,
  makeProblem,
  type Problem,
  type ProblemCode,
} from "../../shared/contract/problems.ts";

/** An expected failure with a code from the catalogue; `app.onError` turns it into problem+json. */
export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(code: ProblemCode, detail?: string, issues?: FieldIssue[]) {
    super(detail ?? code);
    this.name = "ProblemError";
    this.problem = makeProblem(code, detail, issues);
  }
}

export function problemResponse(c: Context, problem: Problem): Response {
  return c.body(JSON.stringify(problem), problem.status as 400, {
    "content-type": "application/problem+json",
  });
}
