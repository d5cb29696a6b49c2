import { editorApi } from "../../shared/contract/editor.routes.ts";
import type {
  CommentRequest,
  CreateSurveyRequest,
  Draft,
  DraftStaleProblem,
  EditorSurveySummary,
  PublishRequest,
  SaveDraftRequest,
  SignOffRequest,
  SuggestionRequest,
} from "../../shared/contract/index.ts";
import { withPictureReferences } from "../../shared/editor/easy-read-pictures.ts";
import { ApiError } from "./api-error.ts";
import { call } from "./call.ts";
import { routeUrl } from "./route-url.ts";

/** The co-design editor's routes (shared/contract/editor.routes.ts), by the names the editor uses. */

export const listEditorSurveys = async (): Promise<EditorSurveySummary[]> =>
  (await call(editorApi.surveys)).surveys;

export const createSurvey = (body: CreateSurveyRequest) => call(editorApi.create, { body });

export const fetchDraftView = (id: string) => call(editorApi.draft, { params: { id } });

/**
 * Saves the draft. From the editor, Easy Read pictures go as references the server fills in from the
 * stored draft (decision 0043), so a draft with many pictures stays within the body limit; an import
 * sends its pictures whole (they are not in the draft yet).
 */
export const saveDraft = (id: string, body: SaveDraftRequest, source: "editor" | "import" = "editor") =>
  call(editorApi.saveDraft, {
    params: { id },
    query: { source: source === "import" ? source : undefined },
    body: source === "import" ? body : { ...body, definition: withPictureReferences(body.definition) },
  });

export const checkDefinition = (definition: Record<string, unknown>) =>
  call(editorApi.check, { body: { definition } });

export const addComment = (id: string, body: CommentRequest) =>
  call(editorApi.comment, { params: { id }, body });

export const suggestRewording = (id: string, body: SuggestionRequest) =>
  call(editorApi.suggest, { params: { id }, body });

export const acceptSuggestion = (id: string, suggestionId: string) =>
  call(editorApi.acceptSuggestion, { params: { id, suggestionId } });

export const declineSuggestion = (id: string, suggestionId: string) =>
  call(editorApi.declineSuggestion, { params: { id, suggestionId } });

export const changeStatus = (id: string, status: "draft" | "in_review", revision: number) =>
  call(editorApi.status, { params: { id }, body: { status, revision } });

export const signOff = (id: string, body: SignOffRequest) =>
  call(editorApi.signOff, { params: { id }, body });

export const publishDraft = (id: string, body: PublishRequest) =>
  call(editorApi.publish, { params: { id }, body });

export const fetchVersions = (id: string) => call(editorApi.versions, { params: { id } });

export const fetchDiff = (id: string, from: number | "draft", to: number | "draft") =>
  call(editorApi.diff, { params: { id }, query: { from: String(from), to: String(to) } });

export const exportUrl = (id: string, version: number | "draft") =>
  routeUrl(editorApi.export, { params: { id }, query: { version: String(version) } });

/** The other person's draft, when a write was refused as stale. */
export function staleDraft(error: unknown): Draft | null {
  if (error instanceof ApiError && error.code === "draft_stale") {
    return (error.problem as DraftStaleProblem).draft ?? null;
  }
  return null;
}
