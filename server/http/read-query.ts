import type { Context } from "hono";
import type { z } from "zod";
import { ProblemError } from "./problem.ts";
import { toFieldIssues } from "./read-json.ts";

/** Query parameters checked against a contract schema; a repeated parameter counts once (the first). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    throw new ProblemError(
      "invalid_query",
      "See `issues` for each parameter that is wrong.",
      toFieldIssues(parsed.error),
    );
  }
  return parsed.data;
}
