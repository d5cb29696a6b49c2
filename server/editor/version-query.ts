import { z } from "zod";

/**
 * A version as the editor's queries give it (`?version=`, `?from=`, `?to=`): a published version's
 * number, 1 or more, or "draft". Checked by `mount()` with the rest of the query, so a malformed one
 * is a 400 `invalid_query` naming the parameter.
 */
export const versionOrDraft = z.string().transform((value, ctx): number | "draft" => {
  if (value === "draft") return "draft";
  if (/^\d{1,9}$/.test(value) && Number(value) >= 1) return Number(value);
  ctx.addIssue({ code: "custom", message: 'A version number or "draft".' });
  return z.NEVER;
});

/** `?version=`, the draft when it is left out. */
export const VersionQuery = z.object({ version: versionOrDraft.optional().transform((v) => v ?? "draft") });
