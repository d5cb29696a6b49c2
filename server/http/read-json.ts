import type { Context } from "hono";
import type { z } from "zod";
import type { FieldIssue } from "../../shared/contract/problems.ts";
import { ProblemError } from "./problem.ts";
import { nulCharacterPath } from "./security.ts";

/** Shape check at the boundary: JSON media type, parseable JSON, then the contract's zod schema. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new ProblemError("unsupported_media_type", `Got ${type ? `"${type}"` : "no content type"}.`);
  }
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ProblemError("malformed_json", error instanceof Error ? error.message : undefined);
  }
  const nulAt = nulCharacterPath(body);
  if (nulAt) {
    throw new ProblemError("invalid_body", "Text may not contain the NUL character (U+0000).", [
      { path: nulAt, message: "Contains a NUL character (U+0000)." },
    ]);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ProblemError(
      "invalid_body",
      "See `issues` for each field that is wrong.",
      toFieldIssues(parsed.error),
    );
  }
  return parsed.data;
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: issue.message,
  }));
}
