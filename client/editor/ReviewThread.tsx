import { type FormEvent, useId, useState } from "react";
import type { EditorComment, Suggestion } from "../../shared/contract/index.ts";
import { type SuggestionField, suggestionFieldLabels } from "../../shared/editor/suggestion.ts";
import { diffWords } from "../../shared/editor/word-diff.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime } from "../ui/format.ts";
import { DiffText } from "./DiffText.tsx";

interface Props {
  question: string;
  questionTitle: string;
  locked: boolean;
  currentText: Record<SuggestionField, string>;
  comments: EditorComment[];
  suggestions: Suggestion[];
  meId: string;
  canDecide: boolean;
  /** Deciding applies to the saved draft; with unsaved changes the person saves first. */
  unsaved: boolean;
  onComment: (body: string) => Promise<void>;
  onSuggest: (field: SuggestionField, proposed: string, note: string) => Promise<void>;
  onAccept: (suggestion: Suggestion) => Promise<void>;
  onDecline: (suggestion: Suggestion) => Promise<void>;
}

/** Comments and suggested rewordings on one question, each with who and when. */
export function ReviewThread(props: Props) {
  const { questionTitle, locked, comments, suggestions, meId, canDecide, unsaved } = props;
  const id = useId();
  const [comment, setComment] = useState("");
  const [field, setField] = useState<SuggestionField>("title");
  const [proposed, setProposed] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const proposal = proposed ?? props.currentText[field];

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const submitComment = async (event: FormEvent) => {
    event.preventDefault();
    if (!comment.trim()) return;
    if (await run(() => props.onComment(comment.trim()))) setComment("");
  };
  const submitSuggestion = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => props.onSuggest(field, proposal.trim(), note.trim()))) {
      setProposed(null);
      setNote("");
    }
  };

  const open = suggestions.filter((s) => s.status === "open");
  const decided = suggestions.filter((s) => s.status !== "open");
  return (
    <section className="thread" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Comments and suggestions on “{questionTitle}”</h3>
      {failure !== null && <ErrorAlert error={failure} heading="That did not work" />}

      <h4>Suggested rewordings</h4>
      {open.length === 0 && <p className="muted">No open suggestions.</p>}
      <ul className="thread__list">
        {[...open, ...decided].map((s) => (
          <li key={s.id} className={`suggestion suggestion--${s.status}`}>
            <p className="suggestion__meta">
              <strong>{s.author.name}</strong> suggested a new {suggestionFieldLabels[s.field]} ·{" "}
              {formatDateTime(s.createdAt)}
              {s.status !== "open" && s.decidedBy && (
                <>
                  {" "}
                  · {s.status} by {s.decidedBy.name}
                </>
              )}
            </p>
            <p className="suggestion__text">
              <DiffText segments={diffWords(s.original, s.proposed)} />
            </p>
            {s.note && <p className="suggestion__note">“{s.note}”</p>}
            {s.status === "open" && (canDecide || s.author.id === meId) && (
              <div className="actions actions--tight">
                {canDecide && s.author.id !== meId && (
                  <button
                    type="button"
                    className="button"
                    disabled={busy || unsaved}
                    onClick={() => void run(() => props.onAccept(s))}
                  >
                    Accept suggestion by {s.author.name}
                  </button>
                )}
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={busy}
                  onClick={() => void run(() => props.onDecline(s))}
                >
                  {s.author.id === meId ? "Withdraw my suggestion" : `Decline suggestion by ${s.author.name}`}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {open.some((s) => s.author.id === meId) && (
        <p className="hint">Someone else decides on your own suggestions. You can withdraw them.</p>
      )}
      {unsaved && open.some((s) => s.author.id !== meId) && canDecide && (
        <p className="hint">Save your changes before accepting a suggestion.</p>
      )}

      {locked ? (
        <p className="muted">This question is locked, so its wording cannot be reworded.</p>
      ) : (
        <form className="thread__form" onSubmit={submitSuggestion}>
          <h4>Suggest a rewording</h4>
          <div className="field">
            <label htmlFor={`${id}-field`}>What to reword</label>
            <select
              id={`${id}-field`}
              className="input input--medium"
              value={field}
              onChange={(event) => {
                setField(event.target.value === "description" ? "description" : "title");
                setProposed(null);
              }}
            >
              <option value="title">The question wording</option>
              <option value="description">The help text</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-proposed`}>Your wording</label>
            <textarea
              id={`${id}-proposed`}
              className="input input--area"
              rows={3}
              value={proposal}
              onChange={(event) => setProposed(event.target.value)}
            />
          </div>
          {proposal.trim() !== props.currentText[field].trim() && (
            <p className="suggestion__text">
              <span className="muted">Change: </span>
              <DiffText segments={diffWords(props.currentText[field], proposal)} />
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-note`}>Why (optional)</label>
            <input
              id={`${id}-note`}
              className="input"
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <button
            type="submit"
            className="button button--secondary"
            disabled={busy || !proposal.trim() || proposal.trim() === props.currentText[field].trim()}
          >
            Suggest this wording
          </button>
        </form>
      )}

      <h4>Comments</h4>
      {comments.length === 0 && <p className="muted">No comments yet.</p>}
      <ul className="thread__list">
        {comments.map((c) => (
          <li key={c.id} className="comment">
            <p className="comment__meta">
              <strong>{c.author.name}</strong> · {formatDateTime(c.createdAt)}
            </p>
            <p className="comment__body">{c.body}</p>
          </li>
        ))}
      </ul>
      <form className="thread__form" onSubmit={submitComment}>
        <div className="field">
          <label htmlFor={`${id}-comment`}>Add a comment on “{questionTitle}”</label>
          <textarea
            id={`${id}-comment`}
            className="input input--area"
            rows={2}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </div>
        <button type="submit" className="button button--secondary" disabled={busy || !comment.trim()}>
          Add comment
        </button>
      </form>
    </section>
  );
}
