import { ApiError, errorMessage } from "../api/api-error.ts";
import type { OutboxRecord } from "../offline/records.ts";
import { formatDateTime } from "../ui/format.ts";

/** How one queued item's state reads to the researcher: a short label and a sentence. */
export interface StateText {
  label: string;
  detail: string;
  tone: "success" | "warning" | "error" | "neutral";
}

export function stateText(record: OutboxRecord): StateText {
  const receipt = record.receipt;
  switch (record.state) {
    case "waiting":
      return {
        label: "Waiting to upload",
        detail: waitingText(record.lastError),
        tone: "warning",
      };
    case "uploading":
      return { label: "Uploading", detail: "Sending it to the server now.", tone: "neutral" };
    case "stored":
      return {
        label: "Stored",
        detail:
          receipt?.outcome === "duplicate"
            ? `Duplicate: the server already had it (receipt ${receiptTime(record)}), so nothing new was stored.`
            : `Accepted: stored on the server at ${receiptTime(record)}.`,
        tone: "success",
      };
    case "needs_review":
      return {
        label: "Needs review",
        detail: `Stored on the server at ${receiptTime(record)}. ${reviewReason(record)}`,
        tone: "success",
      };
    case "conflict":
      return {
        label: "Conflict",
        detail: `Stored on the server at ${receiptTime(record)} as revision ${
          receipt?.outcome === "conflict" ? receipt.revision : "?"
        }: the server had a different copy, so both are kept for review.`,
        tone: "success",
      };
    case "refused":
      return {
        label: "Not accepted",
        detail:
          receipt?.outcome === "refused"
            ? `${errorMessage(new ApiError(receipt.problem))} It is kept on this tablet.`
            : "The server would not take it. It is kept on this tablet.",
        tone: "error",
      };
  }
}

/** The interview's own details the server checks besides the answers (server/fieldwork/plausibility.ts). */
const ENVELOPE_FIELDS = new Set(["startedAt", "completedAt", "wave"]);

/** Why a stored interview is waiting for a reviewer: its answers, its date or follow-up, or both. */
function reviewReason(record: OutboxRecord): string {
  const issues = record.receipt?.outcome === "needs_review" ? record.receipt.issues : [];
  const envelope = issues.some((issue) => ENVELOPE_FIELDS.has(issue.question));
  const answers = issues.length === 0 || issues.some((issue) => !ENVELOPE_FIELDS.has(issue.question));
  if (envelope && answers) {
    return "Some answers did not pass the survey's checks, and its date or follow-up number looked wrong, so a reviewer will look at it. Check this tablet's date and time.";
  }
  if (envelope) {
    return "Its date or follow-up number looked wrong (this tablet's clock may be off), so a reviewer will check it. Check this tablet's date and time.";
  }
  return "Some answers did not pass the survey's checks, so a reviewer will look at them.";
}

function receiptTime(record: OutboxRecord): string {
  const receipt = record.receipt;
  return receipt && "receivedAt" in receipt ? formatDateTime(receipt.receivedAt) : "an unknown time";
}

/**
 * The one sentence for an item that did not upload yet, from the reason its last try gave (the
 * transport's own words, e.g. "The server is not answering properly right now."). The outbox, the
 * finished page and the upload status all say it this way, so they never disagree.
 */
export function waitingText(lastError: string | null): string {
  return lastError
    ? `It uploads as soon as it can. Last try: ${lastError}`
    : "It uploads as soon as there is a connection.";
}

/** What the item is, without its content: "Interview, participant ABCD-EFGH". */
export function recordTitle(record: OutboxRecord): string {
  switch (record.kind) {
    case "interview":
      return `${record.surveyTitle}, participant ${record.item.participantCode}`;
    case "concern":
      return record.body.participantCode
        ? `Safeguarding concern about participant ${record.body.participantCode}`
        : "Safeguarding concern";
    case "debrief":
      return `Your debrief${record.ownerName ? ` (${record.ownerName})` : ""}`;
    case "reschedule":
      return `Rescheduled: ${record.surveyTitle}, participant ${record.body.participantCode}`;
  }
}
