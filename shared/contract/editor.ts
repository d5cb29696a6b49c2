import type { DefinitionIssue } from "./definition-issue.ts";
import type { Problem } from "./problems.ts";
import type { ItemDiff } from "./wording-diff.ts";

/**
 * The co-design editor's contract. A survey has one working draft (SurveyJS JSON plus a revision
 * number); every write names the revision it was made against, and a write against an older revision
 * is refused with `draft_stale` and the current draft, so nobody overwrites anybody without seeing it.
 */

/** Panels in a dynamic panel in a page: nothing a real survey builds nests deeper than this. */
export const MAX_DEFINITION_DEPTH = 24;

/** True when any object in `value` has a prototype-polluting key (`__proto__`, `constructor`, `prototype`). */
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

/**
 * A SurveyJS definition as sent: an object, at most `MAX_DEFINITION_DEPTH` deep, with no
 * prototype-polluting keys, its lists shaped as survey-core builds them.
 */
export type SurveyDefinition = Record<string, unknown>;

export const draftStatuses = ["draft", "in_review", "published"] as const;
export type DraftStatus = (typeof draftStatuses)[number];

export const draftStatusLabels: Record<DraftStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  published: "Published",
};

/** A new survey; its description is empty when not given. */
export interface CreateSurveyRequest {
  id: string;
  title: string;
  description: string;
}

export interface SaveDraftRequest {
  revision: number;
  title: string;
  description: string;
  definition: SurveyDefinition;
  /** Published data names the saver knowingly drops or retypes (see `data_name_change_unconfirmed`). */
  confirmDataNameChanges?: string[] | undefined;
}

export interface CheckDefinitionRequest {
  definition: SurveyDefinition;
}

export interface CommentRequest {
  /** null: about the survey as a whole. */
  question: string | null;
  body: string;
}

export const suggestionFields = ["title", "description"] as const;
export type SuggestionField = (typeof suggestionFields)[number];

export interface SuggestionRequest {
  question: string;
  field: SuggestionField;
  proposed: string;
  note?: string | undefined;
}

export interface StatusRequest {
  status: "draft" | "in_review";
  revision: number;
}

export interface SignOffRequest {
  revision: number;
  note?: string | undefined;
}

export const MIN_PUBLISH_REASON = 10;

export interface PublishRequest {
  revision: number;
  /** Why this is published without an expert's sign-off; needed only then, at least `MIN_PUBLISH_REASON` long. */
  reason?: string | undefined;
}

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
  field: SuggestionField;
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
