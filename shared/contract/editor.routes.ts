import type {
  CheckDefinitionRequest,
  CommentRequest,
  CreateSurveyRequest,
  DefinitionCheckResponse,
  Draft,
  DraftView,
  EditorComment,
  EditorSurveysResponse,
  PublishRequest,
  PublishResponse,
  SaveDraftRequest,
  SignOff,
  SignOffRequest,
  StatusRequest,
  Suggestion,
  SuggestionRequest,
  VersionHistoryResponse,
  WordingDiffResponse,
} from "./editor.ts";
import { route } from "./route.ts";

const editors = ["expert", "coordinator", "admin"] as const;

/**
 * The co-design editor (shared/contract/editor.ts). Experts, coordinators and admins edit; only
 * experts sign off; only coordinators and admins publish. Surveys are national, so there is no area
 * check; response counts in the history are limited to the caller's area. A write against an older
 * revision than the stored one is refused with `draft_stale` and the stored draft.
 */
export const editorApi = {
  /** Every survey and its draft's state. */
  surveys: route("GET", "/api/editor/surveys", editors).answers<EditorSurveysResponse>(),
  create: route("POST", "/api/editor/surveys", editors, { status: 201 })
    .takes<{ body: Omit<CreateSurveyRequest, "description"> & { description?: string } }>()
    .answers<Draft>(),
  /** Checks a definition without saving it, and says what stripping unknown parts would remove. */
  check: route("POST", "/api/editor/check", editors)
    .takes<{ body: CheckDefinitionRequest }>()
    .answers<DefinitionCheckResponse>(),
  /** The draft with its comments, suggestions, sign-offs, change log and issues. */
  draft: route("GET", "/api/editor/surveys/:id/draft", editors).answers<DraftView>(),
  /**
   * Saves the draft. From the editor, Easy Read pictures go as references the server fills in from the
   * stored draft (decision 0043); an import (`source=import`) sends them whole.
   */
  saveDraft: route("PUT", "/api/editor/surveys/:id/draft", editors)
    .takes<{ query: { source?: "import" }; body: SaveDraftRequest }>()
    .answers<Draft>(),
  /** The definition of a version (or the draft, the default) as a JSON file to download. */
  export: route("GET", "/api/editor/surveys/:id/export", editors)
    .takes<{ query: { version?: string } }>()
    .answers<Record<string, unknown>>(),
  comment: route("POST", "/api/editor/surveys/:id/comments", editors, { status: 201 })
    .takes<{ body: CommentRequest }>()
    .answers<EditorComment>(),
  suggest: route("POST", "/api/editor/surveys/:id/suggestions", editors, { status: 201 })
    .takes<{ body: SuggestionRequest }>()
    .answers<Suggestion>(),
  /** By the draft's owner, a coordinator or an admin. */
  acceptSuggestion: route(
    "POST",
    "/api/editor/surveys/:id/suggestions/:suggestionId/accept",
    editors,
  ).answers<Draft>(),
  /** By the draft's owner, a coordinator, an admin, or the suggestion's author. */
  declineSuggestion: route(
    "POST",
    "/api/editor/surveys/:id/suggestions/:suggestionId/decline",
    editors,
  ).answers<Suggestion>(),
  status: route("POST", "/api/editor/surveys/:id/status", editors)
    .takes<{ body: StatusRequest }>()
    .answers<Draft>(),
  /** An expert signs off the revision in review (201; again for the same revision, 200). */
  signOff: route("POST", "/api/editor/surveys/:id/signoffs", ["expert"], { status: 201 })
    .takes<{ body: SignOffRequest }>()
    .answers<SignOff>(),
  publish: route("POST", "/api/editor/surveys/:id/publish", ["coordinator", "admin"], { status: 201 })
    .takes<{ body: PublishRequest }>()
    .answers<PublishResponse>(),
  /** Published versions, with responses per version in the caller's area. */
  versions: route("GET", "/api/editor/surveys/:id/versions", editors).answers<VersionHistoryResponse>(),
  /** The wording changed between two versions (a number or "draft"). */
  diff: route("GET", "/api/editor/surveys/:id/diff", editors)
    .takes<{ query: { from: string; to: string } }>()
    .answers<WordingDiffResponse>(),
};
