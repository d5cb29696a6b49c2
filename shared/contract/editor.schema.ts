import { z } from "zod";
import { definitionShapeIssues } from "../editor/definition-shape.ts";
import {
  type CheckDefinitionRequest as CheckDefinition,
  type CommentRequest as Comment,
  type CreateSurveyRequest as CreateSurvey,
  type SurveyDefinition as Definition,
  hasHostileKey,
  MAX_DEFINITION_DEPTH,
  MIN_PUBLISH_REASON,
  type PublishRequest as Publish,
  type SaveDraftRequest as SaveDraft,
  type SignOffRequest as SignOffBody,
  type StatusRequest as Status,
  type SuggestionRequest as SuggestionBody,
  suggestionFields,
} from "./editor.ts";
import { jsonDepthExceeds } from "./json-depth.ts";
import { SurveyId } from "./surveys.schema.ts";

/**
 * What the server checks the editor's requests against; only the server imports this file. The shape
 * check of a definition asks survey-core's Serializer (`shared/editor/definition-shape.ts`), the one
 * import from outside the contract (decision 0052).
 */

/** A SurveyJS definition as sent: an object, not too deep, with no prototype-polluting keys. */
export const SurveyDefinition = z
  .record(z.string().max(200), z.unknown())
  .refine(
    (d) => !jsonDepthExceeds(d, MAX_DEFINITION_DEPTH),
    `The survey JSON nests more than ${MAX_DEFINITION_DEPTH} levels deep.`,
  )
  .refine(
    (d) => !hasHostileKey(d),
    "The survey JSON uses a reserved key (__proto__, constructor or prototype).",
  )
  .superRefine((d, ctx) => {
    // Lists holding null or plain values where survey-core expects objects (issue 14, finding 8).
    for (const issue of definitionShapeIssues(d)) ctx.addIssue({ code: "custom", ...issue });
  }) satisfies z.ZodType<Definition>;

export const QuestionName = z.string().min(1).max(128);

const Revision = z.number().int().min(0).max(1_000_000_000);
const ShortText = (max: number) => z.string().trim().max(max);

export const CreateSurveyRequest = z.strictObject({
  id: SurveyId,
  title: z.string().trim().min(1).max(200),
  description: ShortText(2000).default(""),
}) satisfies z.ZodType<CreateSurvey>;

export const SaveDraftRequest = z.strictObject({
  revision: Revision,
  title: z.string().trim().min(1).max(200),
  description: ShortText(2000),
  definition: SurveyDefinition,
  /** Published data names the saver knowingly drops or retypes (see `data_name_change_unconfirmed`). */
  confirmDataNameChanges: z.array(QuestionName).max(500).default([]),
}) satisfies z.ZodType<SaveDraft>;

export const CheckDefinitionRequest = z.strictObject({
  definition: SurveyDefinition,
}) satisfies z.ZodType<CheckDefinition>;

export const CommentRequest = z.strictObject({
  /** null: about the survey as a whole. */
  question: QuestionName.nullable(),
  body: z.string().trim().min(1).max(4000),
}) satisfies z.ZodType<Comment>;

export const SuggestionField = z.enum(suggestionFields);

export const SuggestionRequest = z.strictObject({
  question: QuestionName,
  field: SuggestionField,
  proposed: z.string().trim().min(1).max(4000),
  note: ShortText(1000).default(""),
}) satisfies z.ZodType<SuggestionBody>;

export const StatusRequest = z.strictObject({
  status: z.enum(["draft", "in_review"]),
  revision: Revision,
}) satisfies z.ZodType<Status>;

export const SignOffRequest = z.strictObject({
  revision: Revision,
  note: ShortText(1000).default(""),
}) satisfies z.ZodType<SignOffBody>;

export const PublishRequest = z.strictObject({
  revision: Revision,
  /** Why this is published without an expert's sign-off; needed only then. */
  reason: z.string().trim().min(MIN_PUBLISH_REASON).max(1000).optional(),
}) satisfies z.ZodType<Publish>;
