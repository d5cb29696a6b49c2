import type { AdministrationMode, AnswerIssue, InterviewEnding, SyncItem } from "../contract/sync.ts";

/**
 * How an interview ended, and what of it is kept (docs/decisions/0013-interview-endings.md):
 * - declined: consent was "no"; only `{ consent: false }` is kept, whatever else the form held;
 * - stopped: ended early (pause → stop, e.g. distress); the answers given so far are kept;
 * - completed: the end was reached.
 * A stop before consent was given keeps nothing at all, and a "not today" at the readiness check is
 * a reschedule, not a response.
 */
export interface FinishedAnswers {
  ending: InterviewEnding;
  data: Record<string, unknown>;
}

export function finishAnswers(data: Record<string, unknown>, stopped: boolean): FinishedAnswers | null {
  if (data.consent === false) return { ending: "declined", data: { consent: false } };
  if (!stopped) return { ending: "completed", data };
  // Stopping before "yes" to consent: there is nothing anyone agreed to keep.
  if ("consent" in data ? data.consent !== true : Object.keys(data).length === 0) return null;
  return { ending: "stopped", data };
}

/** Read aloud, but some questions handed over for the participant to answer alone: that is "mixed". */
export function administrationModeFor(chosen: AdministrationMode, handedOver: boolean): AdministrationMode {
  return chosen === "read_aloud" && handedOver ? "mixed" : chosen;
}

/**
 * "completed" is the default and is left out, so a resend from a tablet that predates endings and one
 * from a tablet that names it hash the same.
 */
export function withCanonicalEnding(item: SyncItem): SyncItem {
  if (item.ending !== "completed") return item;
  const { ending: _completed, ...rest } = item;
  return rest;
}

/**
 * The survey's issues, as they apply to how the interview ended. A stopped interview is not faulted
 * for the questions it never reached (only unanswered questions can carry a "required" issue); a
 * declined one must carry nothing but the decline.
 */
export function issuesForEnding(item: SyncItem, issues: AnswerIssue[]): AnswerIssue[] {
  switch (item.ending ?? "completed") {
    case "completed":
      return issues;
    case "stopped":
      return issues.filter((issue) => item.data[issue.question] !== undefined);
    case "declined": {
      const extra = Object.keys(item.data).filter((key) => key !== "consent");
      const declined = item.data.consent === false && extra.length === 0;
      return declined
        ? issues
        : [
            ...issues,
            {
              question: "consent",
              message: "The interview is marked as declined but carries answers other than consent = no.",
            },
          ];
    }
  }
}
