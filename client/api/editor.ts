import type {
  CommentRequest,
  CreateSurveyRequest,
  DefinitionCheckResponse,
  Draft,
  DraftStaleProblem,
  DraftView,
  EditorComment,
  EditorSurveySummary,
  EditorSurveysResponse,
  PublishRequest,
  PublishResponse,
  SaveDraftRequest,
  SignOff,
  SignOffRequest,
  Suggestion,
  SuggestionRequest,
  VersionHistoryResponse,
  WordingDiffResponse,
} from "../../shared/contract/index.ts";
import { withPictureReferences } from "../../shared/editor/easy-read-pictures.ts";
import { ApiError } from "./api-error.ts";
import { get, post, request } from "./http.ts";

/** The co-design editor's API (see shared/contract/editor.ts). */
const base = "/api/editor";
const survey = (id: string) => `${base}/surveys/${encodeURIComponent(id)}`;

export const listEditorSurveys = async (): Promise<EditorSurveySummary[]> =>
  (await get<EditorSurveysResponse>(`${base}/surveys`)).surveys;

export const createSurvey = (body: CreateSurveyRequest) => post<Draft>(`${base}/surveys`, body);

export const fetchDraftView = (id: string) => get<DraftView>(`${survey(id)}/draft`);

/**
 * Saves the draft. From the editor, Easy Read pictures go as references the server fills in from the
 * stored draft (decision 0043), so a draft with many pictures stays within the body limit; an import
 * sends its pictures whole (they are not in the draft yet).
 */
export const saveDraft = (id: string, body: SaveDraftRequest, source: "editor" | "import" = "editor") =>
  request<Draft>(
    "PUT",
    `${survey(id)}/draft${source === "import" ? "?source=import" : ""}`,
    source === "import" ? body : { ...body, definition: withPictureReferences(body.definition) },
  );

export const checkDefinition = (definition: Record<string, unknown>) =>
  post<DefinitionCheckResponse>(`${base}/check`, { definition });

export const addComment = (id: string, body: CommentRequest) =>
  post<EditorComment>(`${survey(id)}/comments`, body);

export const suggestRewording = (id: string, body: SuggestionRequest) =>
  post<Suggestion>(`${survey(id)}/suggestions`, body);

export const acceptSuggestion = (id: string, suggestionId: string) =>
  post<Draft>(`${survey(id)}/suggestions/${encodeURIComponent(suggestionId)}/accept`);

export const declineSuggestion = (id: string, suggestionId: string) =>
  post<Suggestion>(`${survey(id)}/suggestions/${encodeURIComponent(suggestionId)}/decline`);

export const changeStatus = (id: string, status: "draft" | "in_review", revision: number) =>
  post<Draft>(`${survey(id)}/status`, { status, revision });

export const signOff = (id: string, body: SignOffRequest) => post<SignOff>(`${survey(id)}/signoffs`, body);

export const publishDraft = (id: string, body: PublishRequest) =>
  post<PublishResponse>(`${survey(id)}/publish`, body);

export const fetchVersions = (id: string) => get<VersionHistoryResponse>(`${survey(id)}/versions`);

export const fetchDiff = (id: string, from: number | "draft", to: number | "draft") =>
  get<WordingDiffResponse>(`${survey(id)}/diff?from=${from}&to=${to}`);

export const exportUrl = (id: string, version: number | "draft") => `${survey(id)}/export?version=${version}`;

/** The other person's draft, when a write was refused as stale. */
export function staleDraft(error: unknown): Draft | null {
  if (error instanceof ApiError && error.code === "draft_stale") {
    return (error.problem as DraftStaleProblem).draft ?? null;
  }
  return null;
}
