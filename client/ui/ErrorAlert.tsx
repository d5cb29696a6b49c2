import { ApiError, errorMessage } from "../api/api-error.ts";
import { issueWords, pathWords } from "../api/issue-words.ts";

/**
 * What went wrong with the last action, announced at once (role="alert"). Field issues that the
 * form does not show next to a field are listed here so none is hidden.
 */
export function ErrorAlert({ error, heading = "That did not work" }: { error: unknown; heading?: string }) {
  const issues = error instanceof ApiError ? (error.problem.issues ?? []) : [];
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__heading">{heading}</p>
      <p>{errorMessage(error)}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path.join(".")}:${issue.message}`}>
              {issue.path.length > 0 ? `${pathWords(issue.path)}: ` : ""}
              {issueWords(issue.message)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
