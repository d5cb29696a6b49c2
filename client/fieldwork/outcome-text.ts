import type { AnswerIssue } from "../../shared/contract/index.ts";
import { assertNever } from "../app/assert-never.ts";
import type { UploadResult } from "./upload.ts";

export interface OutcomeText {
  headline: string;
  detail: string;
  issues: AnswerIssue[];
  stored: boolean;
}

/** How an upload's result reads to the researcher who just finished the interview. */
export function describeUpload(result: UploadResult): OutcomeText {
  if (result.kind === "kept") {
    return {
      headline: "Not uploaded yet: kept on this tablet",
      detail: `${result.reason} The interview is safe in the outbox on this tablet. Press Try again when you have a connection.`,
      issues: [],
      stored: false,
    };
  }
  const { outcome } = result;
  const headline = "Saved on the server";
  switch (outcome.outcome) {
    case "accepted":
      return { headline, detail: "Accepted: the answers passed every check.", issues: [], stored: true };
    case "duplicate":
      return {
        headline,
        detail: "Duplicate: the server already had this interview, so nothing new was stored.",
        issues: [],
        stored: true,
      };
    case "conflict":
      return {
        headline,
        detail: `Conflict: the server already had a different copy of this interview, so this one was kept as revision ${outcome.revision} for review.`,
        issues: [],
        stored: true,
      };
    case "needs_review":
      return {
        headline,
        detail: "Needs review: some answers did not pass the survey's checks. A reviewer will look at them.",
        issues: outcome.issues,
        stored: true,
      };
    default:
      return assertNever(outcome);
  }
}
