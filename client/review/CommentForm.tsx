import { useState } from "react";
import { MAX_REVIEW_COMMENT, type ReviewDetail } from "../../shared/contract/index.ts";
import { reviewApi } from "../../shared/contract/review.routes.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { Form } from "../ui/Form.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { useSubmit } from "../ui/use-submit.ts";

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
  const form = useSubmit({
    check: () => (comment.trim() === "" ? { comment: "Write a comment." } : {}),
    run: async () => {
      onCommented(await call(reviewApi.comment, { params: { id }, body: { comment: comment.trim() } }));
      setComment("");
      announce("Comment added.");
    },
  });

  return (
    <Form
      submit={form}
      className="panel"
      aria-labelledby="comment-heading"
      heading={<h2 id="comment-heading">Add a comment</h2>}
      failureHeading="The comment was not added"
    >
      <TextAreaField
        label="Comment"
        value={comment}
        maxLength={MAX_REVIEW_COMMENT}
        onChange={(event) => setComment(event.target.value)}
        error={form.errors.comment}
      />
      <button type="submit" className="button button--secondary" disabled={form.busy}>
        Add comment
      </button>
    </Form>
  );
}
