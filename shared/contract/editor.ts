import { z } from "zod";
import type { DefinitionIssue } from "../editor/check-definition.ts";
import { definitionShapeIssues } from "../editor/definition-shape.ts";
import type { ItemDiff } from "../editor/version-diff.ts";
import { jsonDepthExceeds } from "./json-depth.ts";
import type { Problem } from "./problems.ts";
import { SurveyId } from "./surveys.ts";

/**
 * The co-design editor's contract. A survey has one working draft (SurveyJS JSON plus a revision
 * number); every write names the revision it was made against, and a write against an older revision
 * is refused with `draft_stale` and the current draft, so nobody overwrites anybody without seeing it.
 */

/** Panels in a dynamic panel in a page: nothing a real survey builds nests deeper than this. */
export const MAX_DEFINITION_DEPTH = 24;

export function hasHostileKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== "object" || next === null) continue;
    for (const [key, child] of Object.entries(next)) {
      if (key === "__proto__" || key === "constructor" || key === "prototype") return true;
      stack.push(child);
    }
  }
  return false;
}

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
  });
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

export const QuestionName = z.string().min(1).max(128);

export const draftStatuses = ["draft", "in_review", "published"] as const;
export const DraftStatus = z.enum(draftStatuses);
export type DraftStatus = z.infer<typeof DraftStatus>;

export const draftStatusLabels: Record<DraftStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  published: "Published",
};

const Revision = z.number().int().min(0).max(1_000_000_000);
const ShortText = (max: number) => z.string().trim().max(max);

export const CreateSurveyRequest = z.strictObject({
  id: SurveyId,
  title: z.string().trim().min(1).max(200),
  description: ShortText(2000).default(""),
});
export type CreateSurveyRequest = z.infer<typeof CreateSurveyRequest>;

export const SaveDraftRequest = z.strictObject({
  revision: Revision,
  title: z.string().trim().min(1).max(200),
  description: ShortText(2000),
  definition: SurveyDefinition,
  /** Published data names the saver knowingly drops or retypes (see `data_name_change_unconfirmed`). */
  confirmDataNameChanges: z.array(QuestionName).max(500).default([]),
});
export type SaveDraftRequest = z.input<typeof SaveDraftRequest>;

export const CheckDefinitionRequest = z.strictObject({ definition: SurveyDefinition });
export type CheckDefinitionRequest = z.infer<typeof CheckDefinitionRequest>;

export const CommentRequest = z.strictObject({
  /** null: about the survey as a whole. */
  question: QuestionName.nullable(),
  body: z.string().trim().min(1).max(4000),
});
export type CommentRequest = z.infer<typeof CommentRequest>;

export const SuggestionField = z.enum(["title", "description"]);

export const SuggestionRequest = z.strictObject({
  question: QuestionName,
  field: SuggestionField,
  proposed: z.string().trim().min(1).max(4000),
  note: ShortText(1000).default(""),
});
export type SuggestionRequest = z.input<typeof SuggestionRequest>;

export const StatusRequest = z.strictObject({
  status: z.enum(["draft", "in_review"]),
  revision: Revision,
});
export type StatusRequest = z.infer<typeof StatusRequest>;

export const SignOffRequest = z.strictObject({ revision: Revision, note: ShortText(1000).default("") });
export type SignOffRequest = z.input<typeof SignOffRequest>;

export const MIN_PUBLISH_REASON = 10;
export const PublishRequest = z.strictObject({
  revision: Revision,
  /** Why this is published without an expert's sign-off; needed only then. */
  reason: z.string().trim().min(MIN_PUBLISH_REASON).max(1000).optional(),
});
export type PublishRequest = z.infer<typeof PublishRequest>;

export interface Person {
  id: string;
  name: string;
}

export interface Draft {
  surveyId: string;
  title: string;
  description: string;
  definition: Record<string, unknown>;
  /** 0 for a survey nobody has edited since it was published: the first save creates the draft. */
  revision: number;
  status: DraftStatus;
  /** The latest published version, which this draft will follow; null before the first publish. */
  baseVersion: number | null;
  owner: Person | null;
  updatedAt: string | null;
  updatedBy: Person | null;
  /** Published data names someone has confirmed this draft drops or retypes. */
  confirmedDataNameChanges: string[];
  /** Only in the answer to a save: formatting taken out of the survey's HTML, to tell the person. */
  removedHtml?: HtmlRemoval[];
}

export interface EditorComment {
  id: string;
  question: string | null;
  body: string;
  author: Person;
  createdAt: string;
  revision: number;
}

export type SuggestionStatus = "open" | "accepted" | "declined";

export interface Suggestion {
  id: string;
  question: string;
  field: z.infer<typeof SuggestionField>;
  original: string;
  proposed: string;
  note: string;
  author: Person;
  createdAt: string;
  status: SuggestionStatus;
  decidedBy: Person | null;
  decidedAt: string | null;
}

export interface SignOff {
  id: string;
  expert: Person;
  revision: number;
  note: string;
  createdAt: string;
}

export type DraftEventKind =
  | "created"
  | "saved"
  | "imported"
  | "suggestion_accepted"
  | "status_changed"
  | "published"
  | "data_names_confirmed"
  | "translated";

export interface DraftEvent {
  id: string;
  kind: DraftEventKind;
  revision: number;
  actor: Person | null;
  at: string;
  /** Question names this change touched. */
  questions: string[];
  summary: string;
}

/** Everything the editor shows for one survey, in one answer. */
export interface DraftView {
  draft: Draft;
  comments: EditorComment[];
  suggestions: Suggestion[];
  signOffs: SignOff[];
  events: DraftEvent[];
  /** Data names of the latest published version, to warn before a rename breaks a series. */
  publishedDataNames: string[];
  issues: DefinitionIssue[];
}

export interface EditorSurveySummary {
  id: string;
  title: string;
  status: DraftStatus;
  revision: number;
  latestVersion: number | null;
  updatedAt: string | null;
  openSuggestions: number;
}

export interface EditorSurveysResponse {
  surveys: EditorSurveySummary[];
}

export interface DefinitionCheckResponse {
  issues: DefinitionIssue[];
  questionCount: number;
  /** The definition with every unknown part removed, and a list of what that removes. */
  withoutUnknown: Record<string, unknown>;
  removedByStripping: string[];
}

export interface VersionSummary {
  version: number;
  title: string;
  publishedAt: string;
  publishedBy: Person | null;
  reason: string | null;
  signedOffBy: Person[];
  /** Responses stored under this version, within the caller's area scope. */
  responses: number;
}

export interface VersionHistoryResponse {
  surveyId: string;
  versions: VersionSummary[];
}

export interface WordingDiffResponse {
  from: number | "draft";
  to: number | "draft";
  items: ItemDiff[];
}

export interface PublishResponse {
  version: number;
  draft: Draft;
}

/** The problem a stale write answers with: the usual fields plus the draft as it now stands. */
export type DraftStaleProblem = Problem & { draft: Draft };

/** What was taken out of one place in a survey, for the note the co-designer reads after saving. */
export interface HtmlRemoval {
  /** The question's name, or the survey setting ("completedHtml") the HTML was in. */
  where: string;
  removed: string[];
}
