import { type FormEvent, useState } from "react";
import { MAX_REVIEW_COMMENT, type ReviewDetail } from "../../shared/contract/index.ts";
import { issuesByField } from "../api/api-error.ts";
import { commentOnReview } from "../api/review.ts";
import { useAnnounce } from "../app/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { TextAreaField } from "../ui/TextAreaField.tsx";

/** A note in the history that changes nothing else. */
export function CommentForm({
  id,
  onCommented,
}: {
  id: string;
  onCommented: (detail: ReviewDetail) => void;
}) {
  const announce = useAnnounce();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    if (comment.trim() === "") {
      setError("Write a comment.");
      focusFirstError(event.currentTarget);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      onCommented(await commentOnReview(id, { comment: comment.trim() }));
      setComment("");
      announce("Comment added.");
    } catch (caught) {
      setFailure(caught);
      setError(issuesByField(caught).comment);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={handleSubmit} noValidate aria-labelledby="comment-heading">
      <h2 id="comment-heading">Add a comment</h2>
      {failure !== null && <ErrorAlert heading="The comment was not added" error={failure} />}
      <TextAreaField
        label="Comment"
        value={comment}
        maxLength={MAX_REVIEW_COMMENT}
        onChange={(event) => setComment(event.target.value)}
        error={error}
      />
      <button type="submit" className="button button--secondary" disabled={busy}>
        Add comment
      </button>
    </form>
  );
}
