import { useState } from "react";
import {
  MAX_REVIEW_COMMENT,
  type ReviewDecision,
  type ReviewDetail,
  reviewStatusLabels,
} from "../../shared/contract/index.ts";
import { reviewApi } from "../../shared/contract/review.routes.ts";
import { ApiError } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { Form } from "../ui/Form.tsx";
import { RadioField } from "../ui/RadioField.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { useSubmit } from "../ui/use-submit.ts";

const DECISIONS = [
  { value: "approved", label: "Approve", hint: "The answers stand and are counted." },
  { value: "rejected", label: "Reject", hint: "Left out of exports and dashboards. Say why." },
  {
    value: "needs_review",
    label: "Needs review",
    hint: "Keep it in the queue, for example to ask the researcher.",
  },
] as const satisfies readonly { value: ReviewDecision; label: string; hint: string }[];

type Errors = Partial<Record<"status" | "comment", string>>;

/** The decision, with a comment, and (when copies differ) which copy's answers stand. */
export function DecisionForm({
  detail,
  onDecided,
  onStale,
}: {
  detail: ReviewDetail;
  onDecided: (detail: ReviewDetail) => void;
  onStale: () => void;
}) {
  const announce = useAnnounce();
  const r = detail.response;
  const [status, setStatus] = useState<ReviewDecision | null>(null);
  const [copy, setCopy] = useState(String(r.currentRevision));
  const [comment, setComment] = useState("");
  const form = useSubmit<Errors>({
    check: () => {
      const found: Errors = {};
      if (!status) found.status = "Choose a decision.";
      if (status === "rejected" && comment.trim() === "") found.comment = "Say why the response is rejected.";
      return found;
    },
    run: async () => {
      if (!status) return;
      const adopt = Number(copy);
      const updated = await call(reviewApi.decide, {
        params: { id: r.id },
        body: {
          status,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(adopt !== r.currentRevision ? { adoptRevision: adopt } : {}),
          seen: { status: r.reviewStatus, revisions: r.revisions, currentRevision: r.currentRevision },
        },
      });
      setStatus(null);
      setComment("");
      setCopy(String(updated.response.currentRevision));
      onDecided(updated);
      announce(`Decision recorded: ${reviewStatusLabels[updated.response.reviewStatus]}.`);
    },
  });
  const { errors, failure } = form;

  const stale = failure instanceof ApiError && failure.code === "review_changed";
  const copies = detail.revisions.map((rev) => ({
    value: String(rev.revision),
    label: rev.current ? `Copy ${rev.revision} (current)` : `Copy ${rev.revision}`,
  }));

  return (
    <Form
      submit={form}
      className="panel"
      aria-labelledby="decision-heading"
      heading={<h2 id="decision-heading">Decide</h2>}
      failureHeading="The decision was not recorded"
    >
      {stale && (
        <p>
          <button type="button" className="button button--secondary" onClick={onStale}>
            Load the response again
          </button>
        </p>
      )}
      <RadioField
        legend="Decision"
        options={DECISIONS}
        value={status}
        onChange={setStatus}
        error={errors.status}
      />
      {copies.length > 1 && (
        <RadioField
          legend="Which copy's answers stand"
          hint="The copy you do not choose is kept, and can be chosen later."
          options={copies}
          value={copy}
          onChange={setCopy}
        />
      )}
      <TextAreaField
        label="Comment"
        hint="Who you checked with, and why. Do not write names or other details that identify anyone."
        value={comment}
        maxLength={MAX_REVIEW_COMMENT}
        onChange={(event) => setComment(event.target.value)}
        error={errors.comment}
      />
      <button type="submit" className="button" disabled={form.busy}>
        Record decision
      </button>
    </Form>
  );
}
