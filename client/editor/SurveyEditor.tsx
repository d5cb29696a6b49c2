import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import type { FieldIssue, Suggestion } from "../../shared/contract/index.ts";
import { wordingFinder } from "../../shared/editor/change-summary.ts";
import { checkDefinition as checkLocally } from "../../shared/editor/check-definition.ts";
import {
  duplicateElement,
  elementAt,
  insertElement,
  listElements,
  moveByStep,
  moveElement,
  type Position,
  removeElement,
  replaceElement,
  uniqueName,
} from "../../shared/editor/definition.ts";
import { type MergeSide, mergeDrafts } from "../../shared/editor/merge.ts";
import { PLAIN_TARGET } from "../../shared/editor/plain-language.ts";
import { worstQuestions } from "../../shared/editor/plain-language-survey.ts";
import {
  newQuestion,
  type QuestionType,
  questionTypeLabels,
  questionTypes,
} from "../../shared/editor/question-types.ts";
import { currentWording } from "../../shared/editor/suggestion.ts";
import {
  allElements,
  isContainer,
  normaliseSurvey,
  type SurveyJson,
  textOf,
} from "../../shared/editor/survey-json.ts";
import type { HtmlRemoval } from "../../shared/html/sanitise-survey.ts";
import { ApiError } from "../api/api-error.ts";
import {
  acceptSuggestion,
  addComment,
  changeStatus,
  declineSuggestion,
  publishDraft,
  saveDraft,
  signOff,
  staleDraft,
  suggestRewording,
} from "../api/editor.ts";
import { useMe } from "../auth/session.tsx";
import { Link } from "../routing/router.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { DataNamePanel } from "./DataNamePanel.tsx";
import { HistoryPanel } from "./HistoryPanel.tsx";
import { ImportExportPanel } from "./ImportExportPanel.tsx";
import { QuestionForm } from "./QuestionForm.tsx";
import { QuestionList } from "./QuestionList.tsx";
import { RemovedHtmlNote } from "./RemovedHtmlNote.tsx";
import { ReviewThread } from "./ReviewThread.tsx";
import { StaleDraftPanel } from "./StaleDraftPanel.tsx";
import { SurveyPreview } from "./SurveyPreview.tsx";
import { SurveySettings } from "./SurveySettings.tsx";
import { TranslationPanel } from "./TranslationPanel.tsx";
import { outcomeIds } from "./theory-of-change.ts";
import { useDraftEditor } from "./use-draft.ts";
import { useEverydayWords } from "./use-everyday-words.ts";
import { useMediaQuery } from "./use-media-query.ts";
import { WorkflowPanel } from "./WorkflowPanel.tsx";

type View = "questions" | "review" | "history" | "import" | "languages";
const viewLabels: Record<View, string> = {
  questions: "Questions",
  review: "Review and publish",
  history: "History",
  import: "Import and export",
  languages: "Languages",
};

const WORDING_FIELD_ID = "question-wording";
/** Wide enough for the list, the form and the preview side by side (a 1440-pixel laptop is). */
const WIDE_LAYOUT = "(min-width: 85rem)";

/** One survey in the co-design editor: its questions, preview, review, history and import/export. */
export function SurveyEditor({ surveyId }: { surveyId: string }) {
  const me = useMe();
  const announce = useAnnounce();
  const editor = useDraftEditor(surveyId);
  const { view, base, working, catalogue, dirty } = editor;
  const [tab, setTab] = useState<View>("questions");
  const [selected, setSelected] = useState<Position | null>(null);
  const [originalName, setOriginalName] = useState("");
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [removedHtml, setRemovedHtml] = useState<{ removals: HtmlRemoval[]; survey: SurveyJson } | null>(
    null,
  );
  const [stale, setStale] = useState<{
    theirs: NonNullable<typeof base>;
    choices: Record<string, MergeSide>;
  } | null>(null);
  const [nameIssues, setNameIssues] = useState<{ issues: FieldIssue[]; source: "editor" | "import" } | null>(
    null,
  );
  const [newType, setNewType] = useState<QuestionType>("radiogroup");
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const focusWording = useRef(false);

  const checked = useDeferredValue(working);
  const issues = useMemo(() => (checked ? checkLocally(checked, { outcomeIds }).issues : []), [checked]);
  const errors = issues.filter((i) => i.severity === "error");
  const everyday = useEverydayWords();
  const plain = useMemo(() => (checked ? worstQuestions(checked, { everyday }) : []), [checked, everyday]);
  // Side by side on a laptop; on a narrower screen (a tablet) the preview takes the form's place on request.
  const wide = useMediaQuery(WIDE_LAYOUT);
  const [showPreview, setShowPreview] = useState(false);
  const plainByName = useMemo(() => new Map(plain.map((q) => [q.name, q])), [plain]);

  const select = useCallback(
    (at: Position | null) => {
      setSelected(at);
      setConfirmRemove(false);
      setOriginalName(at && working ? (elementAt(working, at)?.name ?? "") : "");
    },
    [working],
  );

  useEffect(() => {
    if (!focusWording.current) return;
    focusWording.current = false;
    document.getElementById(WORDING_FIELD_ID)?.focus();
  });

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const save = useCallback(
    async (
      options: {
        confirm?: string[];
        definition?: SurveyJson;
        revision?: number;
        source?: "editor" | "import";
      } = {},
    ) => {
      if (!working || !base) return;
      setBusy(true);
      setSaveError(null);
      setRemovedHtml(null);
      const source = options.source ?? "editor";
      try {
        const draft = await saveDraft(
          surveyId,
          {
            revision: options.revision ?? base.revision,
            title: catalogue.title,
            description: catalogue.description,
            definition: options.definition ?? working,
            confirmDataNameChanges: options.confirm ?? [],
          },
          source,
        );
        editor.adopt(draft);
        if (draft.removedHtml && draft.removedHtml.length > 0) {
          setRemovedHtml({ removals: draft.removedHtml, survey: normaliseSurvey(draft.definition) });
        }
        setStale(null);
        setNameIssues(null);
        setOriginalName(selected ? (elementAt(normaliseSurvey(draft.definition), selected)?.name ?? "") : "");
        announce(
          `Saved as revision ${draft.revision}.${draft.removedHtml?.length ? " Some formatting was taken out: see the note." : ""}`,
        );
        await editor.refresh();
      } catch (error) {
        const theirs = staleDraft(error);
        if (theirs) {
          setStale({ theirs, choices: {} });
          announce("Someone else saved this draft. Your changes are kept; see how to merge them.");
        } else if (error instanceof ApiError && error.code === "data_name_change_unconfirmed") {
          setNameIssues({ issues: error.problem.issues ?? [], source });
        } else {
          setSaveError(error);
        }
        throw error;
      } finally {
        setBusy(false);
      }
    },
    [working, base, catalogue, surveyId, editor, announce, selected],
  );

  const saveQuietly = useCallback(
    (options?: Parameters<typeof save>[0]) => save(options).catch(() => undefined),
    [save],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        if (dirty && !busy) void saveQuietly();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [dirty, busy, saveQuietly]);

  const merge = useMemo(() => {
    if (!stale || !working || !base) return null;
    return mergeDrafts(
      normaliseSurvey(base.definition),
      working,
      normaliseSurvey(stale.theirs.definition),
      stale.choices,
    );
  }, [stale, working, base]);

  if (editor.loadError) {
    return (
      <>
        <PageHeading>Survey not found</PageHeading>
        <ErrorAlert error={editor.loadError} heading="This survey could not be opened" />
        <Link to="/editor">Back to all surveys</Link>
      </>
    );
  }
  if (!view || !working || !base) return <Loading what="the survey" />;

  const role = me.role;
  const canDecide = role === "coordinator" || role === "admin" || base.owner?.id === me.id;
  const elements = listElements(working);
  const questions = allElements(working)
    .map((v) => v.element)
    .filter((e) => !isContainer(e));
  const knownNames = new Set(allElements(working).map((v) => v.element.name));
  const publishedNames = new Set(view.publishedDataNames);
  const current = selected ? elementAt(working, selected) : undefined;
  const savedSurvey = normaliseSurvey(view.draft.definition);
  const wordingOf = wordingFinder(working, savedSurvey);
  const openSuggestions = new Map<string, number>();
  for (const s of view.suggestions) {
    if (s.status === "open") openSuggestions.set(s.question, (openSuggestions.get(s.question) ?? 0) + 1);
  }
  const commentCounts = new Map<string, number>();
  for (const c of view.comments)
    if (c.question) commentCounts.set(c.question, (commentCounts.get(c.question) ?? 0) + 1);

  const update = (next: SurveyJson) => editor.setWorking(next);
  const addQuestion = () => {
    const lastPage = working.pages.length - 1;
    const at = selected
      ? { page: selected.page, index: selected.index + 1 }
      : { page: lastPage, index: working.pages[lastPage]?.elements.length ?? 0 };
    const name = uniqueName(working, newType === "html" ? "info" : "question");
    update(insertElement(working, at, newQuestion(newType, name)));
    setSelected(at);
    setOriginalName(name);
    setConfirmRemove(false);
    focusWording.current = true;
    announce(`Added a ${questionTypeLabels[newType].toLowerCase()} question. Its form is open.`);
  };
  const step = (at: Position, direction: -1 | 1) => {
    const moved = moveByStep(working, at, direction);
    update(moved.survey);
    if (selected && selected.page === at.page && selected.index === at.index) setSelected(moved.at);
    const element = elementAt(moved.survey, moved.at);
    announce(
      `Moved “${textOf(element?.title) || element?.name}” to position ${moved.at.index + 1} on page ${moved.at.page + 1}.`,
    );
    // Keep focus on the same button of the moved row, so pressing again keeps moving it.
    const label = `Move “${textOf(element?.title) || element?.name}” ${direction === -1 ? "up" : "down"}`;
    requestAnimationFrame(() => {
      const button = [...document.querySelectorAll<HTMLButtonElement>(".qlist button")].find(
        (b) => b.getAttribute("aria-label") === label,
      );
      if (button && !button.disabled) button.focus();
    });
  };
  const move = (from: Position, to: Position) => {
    const moved = moveElement(working, from, to);
    update(moved);
    if (selected && selected.page === from.page && selected.index === from.index) setSelected(to);
    announce(`Moved to position ${to.index + 1} on page ${to.page + 1}.`);
  };

  const runAndRefresh = async (action: () => Promise<unknown>, message: string) => {
    await action();
    announce(message);
    await editor.refresh();
  };
  const importDefinition = async (definition: Record<string, unknown>): Promise<"saved" | "confirm"> => {
    const survey = normaliseSurvey(definition);
    editor.setWorking(survey);
    setSelected(null);
    try {
      await save({ definition: survey, source: "import" });
      return "saved";
    } catch (error) {
      if (error instanceof ApiError && error.code === "data_name_change_unconfirmed") return "confirm";
      throw error;
    }
  };

  const preview = (
    <SurveyPreview
      definition={working}
      pageIndex={selected?.page ?? null}
      questionName={current && !isContainer(current) ? current.name : null}
    />
  );

  const savedAt = view.draft.updatedAt
    ? `Saved revision ${base.revision}${base.updatedBy ? ` by ${base.updatedBy.name}` : ""}, ${formatDateTime(base.updatedAt ?? "")}`
    : base.revision === 0
      ? `No changes since version ${base.baseVersion}`
      : "";

  return (
    <div className="editor">
      <PageHeading>{`Editing: ${catalogue.title || surveyId}`}</PageHeading>
      <p className="editor__crumbs">
        <Link to="/editor">All surveys</Link>
      </p>
      <div className="editor__bar">
        <p className="editor__state" aria-live="polite">
          {dirty ? <strong>Unsaved changes</strong> : savedAt}
          {" · "}
          {view.draft.status === "in_review"
            ? "In review"
            : view.draft.status === "published"
              ? "Published"
              : "Draft"}
        </p>
        <button
          type="button"
          className="button"
          disabled={!dirty || busy || errors.length > 0}
          onClick={() => void saveQuietly()}
        >
          {busy ? "Saving…" : "Save draft"}
        </button>
      </div>
      {errors.length > 0 && dirty && (
        <p className="hint">Fix the problems listed below to save. Your changes stay here meanwhile.</p>
      )}
      {saveError !== null && <ErrorAlert error={saveError} heading="The draft was not saved" />}
      {removedHtml && (
        <RemovedHtmlNote
          removals={removedHtml.removals}
          survey={removedHtml.survey}
          onDismiss={() => setRemovedHtml(null)}
        />
      )}
      {stale && merge && (
        <StaleDraftPanel
          theirs={stale.theirs}
          merge={merge}
          choices={stale.choices}
          busy={busy}
          onChoose={(id, side) => setStale({ ...stale, choices: { ...stale.choices, [id]: side } })}
          onSaveMerged={() => {
            editor.setWorking(merge.survey);
            void saveQuietly({ definition: merge.survey, revision: stale.theirs.revision });
          }}
          onTakeTheirs={() => {
            editor.adopt(stale.theirs);
            setStale(null);
            setSelected(null);
            void editor.refresh();
            announce(`Loaded revision ${stale.theirs.revision}.`);
          }}
        />
      )}
      {nameIssues && (
        <DataNamePanel
          issues={nameIssues.issues}
          busy={busy}
          onCancel={() => setNameIssues(null)}
          onConfirm={(names) => void saveQuietly({ confirm: names, source: nameIssues.source })}
        />
      )}

      <nav aria-label="Editor views" className="editor__views">
        <ul>
          {(Object.keys(viewLabels) as View[]).map((key) => (
            <li key={key}>
              <button
                type="button"
                className={`button ${tab === key ? "" : "button--quiet"}`}
                aria-pressed={tab === key}
                onClick={() => setTab(key)}
              >
                {viewLabels[key]}
                {key === "review" && openSuggestions.size > 0
                  ? ` (${[...openSuggestions.values()].reduce((a, b) => a + b, 0)} open)`
                  : ""}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      {tab === "questions" && (
        <div className="editor__grid">
          <section className="editor__list" aria-labelledby="questions-heading">
            <h2 id="questions-heading">Questions</h2>
            <SurveySettings
              survey={working}
              catalogue={catalogue}
              onCatalogue={editor.setCatalogue}
              onChange={update}
            />
            <QuestionList
              survey={working}
              selected={selected}
              checks={plainByName}
              openSuggestions={openSuggestions}
              comments={commentCounts}
              onSelect={(at) => select(at)}
              onMove={move}
              onStep={step}
            />
            <div className="add-question">
              <label htmlFor="new-question-type">New question type</label>
              <select
                id="new-question-type"
                className="input"
                value={newType}
                onChange={(e) => setNewType(e.target.value as QuestionType)}
              >
                {questionTypes.map((t) => (
                  <option key={t} value={t}>
                    {questionTypeLabels[t]}
                  </option>
                ))}
              </select>
              <button type="button" className="button button--secondary" onClick={addQuestion}>
                Add question
              </button>
            </div>
            {issues.length > 0 && (
              <section className="problems" aria-labelledby="problems-heading">
                <h3 id="problems-heading">Problems</h3>
                <ul>
                  {issues.map((issue) => {
                    const target = issue.question
                      ? elements.find((e) => e.element.name === issue.question)
                      : undefined;
                    return (
                      <li
                        key={`${issue.code}:${issue.message}`}
                        className={`problem problem--${issue.severity}`}
                      >
                        <span className="visually-hidden">
                          {issue.severity === "error" ? "Error: " : "Warning: "}
                        </span>
                        {issue.message}{" "}
                        {target && (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => select({ page: target.page, index: target.index })}
                          >
                            Open “{wordingOf(issue.question ?? "")}”
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </section>
            )}
            <div className="plain-summary">
              <h3>Hardest to read</h3>
              {plain.filter((q) => (q.score !== null && q.score < PLAIN_TARGET) || q.hintCount > 0).length ===
              0 ? (
                <p className="muted">Every question reads as plain English.</p>
              ) : (
                <ol>
                  {plain
                    .filter((q) => (q.score !== null && q.score < PLAIN_TARGET) || q.hintCount > 0)
                    .slice(0, 5)
                    .map((q) => {
                      const target = elements.find((e) => e.element.name === q.name);
                      return (
                        <li key={q.name}>
                          {target ? (
                            <button
                              type="button"
                              className="link-button"
                              onClick={() => select({ page: target.page, index: target.index })}
                            >
                              {q.title}
                            </button>
                          ) : (
                            q.title
                          )}{" "}
                          <span className="muted">
                            ({q.score === null ? "" : `easy to read: ${q.score} out of 100; `}
                            {q.hintCount} thing{q.hintCount === 1 ? "" : "s"} to look at)
                          </span>
                        </li>
                      );
                    })}
                </ol>
              )}
            </div>
          </section>

          <div className="editor__work">
            {!wide && (
              <div className="editor__switch">
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setShowPreview((open) => !open)}
                >
                  {showPreview ? "Back to the question" : "Show the preview"}
                </button>
              </div>
            )}
            {(wide || !showPreview) && (
              <section className="editor__form" aria-labelledby="question-heading">
                <h2 id="question-heading">
                  {current ? `Question: ${textOf(current.title) || current.name}` : "Question"}
                </h2>
                {!current || !selected ? (
                  <p className="muted">Choose a question from the list, or add one.</p>
                ) : (
                  <>
                    <div className="actions actions--tight">
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() => {
                          const copy = duplicateElement(working, selected);
                          update(copy.survey);
                          setSelected(copy.at);
                          setOriginalName(elementAt(copy.survey, copy.at)?.name ?? "");
                          announce("Duplicated. The copy is open.");
                        }}
                      >
                        Duplicate
                      </button>
                      {working.pages.length > 1 && (
                        <label className="inline-select">
                          Move to page{" "}
                          <select
                            className="input input--short"
                            value={selected.page}
                            onChange={(e) => {
                              const page = Number(e.target.value);
                              const to = { page, index: working.pages[page]?.elements.length ?? 0 };
                              move(selected, page === selected.page ? selected : to);
                            }}
                          >
                            {working.pages.map((p, i) => (
                              <option key={p.name} value={i}>
                                {i + 1}
                              </option>
                            ))}
                          </select>
                        </label>
                      )}
                      <button
                        type="button"
                        className="button button--quiet"
                        onClick={() => setConfirmRemove(true)}
                      >
                        Remove
                      </button>
                    </div>
                    {confirmRemove && (
                      <div className="notice notice--warning" role="alert">
                        <p>
                          Remove “{textOf(current.title) || current.name}”?
                          {publishedNames.has(current.name)
                            ? " It was published: answers already collected stay, and its series ends. You will be asked to confirm when you save."
                            : ""}
                        </p>
                        <div className="actions actions--tight">
                          <button
                            type="button"
                            className="button button--danger"
                            onClick={() => {
                              update(removeElement(working, selected));
                              select(null);
                              announce("Question removed. Save to keep the change.");
                            }}
                          >
                            Yes, remove it
                          </button>
                          <button
                            type="button"
                            className="button button--secondary"
                            onClick={() => setConfirmRemove(false)}
                          >
                            Keep it
                          </button>
                        </div>
                      </div>
                    )}
                    {isContainer(current) ? (
                      <p>
                        This is a {current.type} that groups other questions. Edit what is inside it through
                        Import and export (as JSON).
                      </p>
                    ) : (
                      <QuestionForm
                        key={`${selected.page}:${selected.index}:${originalName}`}
                        element={current}
                        originalName={originalName}
                        allQuestions={questions}
                        knownNames={knownNames}
                        publishedNames={publishedNames}
                        canUnlock={role === "coordinator" || role === "admin"}
                        wordingFieldId={WORDING_FIELD_ID}
                        onChange={(element) => update(replaceElement(working, selected, element))}
                      />
                    )}
                    {!isContainer(current) && current.type !== "html" && (
                      <ReviewThread
                        question={current.name}
                        questionTitle={textOf(current.title) || current.name}
                        locked={current.locked === true}
                        currentText={{
                          title: currentWording(savedSurvey, current.name, "title") ?? textOf(current.title),
                          description:
                            currentWording(savedSurvey, current.name, "description") ??
                            textOf(current.description),
                        }}
                        comments={view.comments.filter((c) => c.question === current.name)}
                        suggestions={view.suggestions.filter((s) => s.question === current.name)}
                        meId={me.id}
                        canDecide={canDecide}
                        unsaved={dirty}
                        onComment={(body) =>
                          runAndRefresh(
                            () => addComment(surveyId, { question: current.name, body }),
                            "Comment added.",
                          )
                        }
                        onSuggest={(field, proposed, note) =>
                          runAndRefresh(
                            () =>
                              suggestRewording(surveyId, { question: current.name, field, proposed, note }),
                            "Suggestion sent. The draft's owner will see it.",
                          )
                        }
                        onAccept={(s: Suggestion) =>
                          runAndRefresh(
                            () => acceptSuggestion(surveyId, s.id),
                            `Accepted ${s.author.name}'s wording.`,
                          )
                        }
                        onDecline={(s: Suggestion) =>
                          runAndRefresh(() => declineSuggestion(surveyId, s.id), "Suggestion declined.")
                        }
                      />
                    )}
                  </>
                )}
              </section>
            )}
            {!wide && showPreview && preview}
          </div>
          {wide && preview}
        </div>
      )}

      {tab === "review" && (
        <>
          <WorkflowPanel
            view={view}
            role={role}
            meId={me.id}
            unsaved={dirty}
            blockingIssues={errors.length + issues.filter((i) => i.code === "unknown_outcome").length}
            onStatus={(status) =>
              runAndRefresh(
                () => changeStatus(surveyId, status, view.draft.revision),
                status === "in_review" ? "Sent for review." : "Back to editing.",
              )
            }
            onSignOff={(note) =>
              runAndRefresh(() => signOff(surveyId, { revision: view.draft.revision, note }), "Signed off.")
            }
            onPublish={async (reason) => {
              const result = await publishDraft(surveyId, {
                revision: view.draft.revision,
                ...(reason ? { reason } : {}),
              });
              announce(`Published version ${result.version}.`);
              setHistoryKey((k) => k + 1);
              await editor.refresh();
              return result.version;
            }}
          />
          <section className="panel panel--wide" aria-labelledby="open-suggestions-heading">
            <h2 id="open-suggestions-heading">Open suggestions</h2>
            {view.suggestions.filter((s) => s.status === "open").length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul>
                {view.suggestions
                  .filter((s) => s.status === "open")
                  .map((s) => {
                    const target = elements.find((e) => e.element.name === s.question);
                    return (
                      <li key={s.id}>
                        {s.author.name} on{" "}
                        {target ? (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => {
                              setTab("questions");
                              select({ page: target.page, index: target.index });
                            }}
                          >
                            {wordingOf(s.question)}
                          </button>
                        ) : (
                          wordingOf(s.question)
                        )}{" "}
                        · {formatDateTime(s.createdAt)}
                      </li>
                    );
                  })}
              </ul>
            )}
          </section>
          <section className="panel panel--wide" aria-labelledby="activity-heading">
            <h2 id="activity-heading">Who changed what</h2>
            {view.events.length === 0 ? (
              <p className="muted">No changes yet.</p>
            ) : (
              <ol className="activity">
                {view.events.map((e) => (
                  <li key={e.id}>
                    <strong>{e.actor?.name ?? "The system"}</strong> {e.summary}{" "}
                    <span className="muted">
                      (revision {e.revision}, {formatDateTime(e.at)})
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}

      {tab === "history" && <HistoryPanel surveyId={surveyId} refreshKey={historyKey} />}
      {tab === "languages" && (
        <TranslationPanel
          surveyId={surveyId}
          role={me.role}
          unsaved={dirty}
          onChanged={() => void editor.refresh()}
        />
      )}
      {tab === "import" && (
        <ImportExportPanel surveyId={surveyId} unsaved={dirty} onImport={importDefinition} />
      )}
    </div>
  );
}
