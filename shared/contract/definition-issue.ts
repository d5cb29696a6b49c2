/**
 * A problem `checkDefinition` (`shared/editor/check-definition.ts`) finds in a survey definition, as
 * the editor's answers carry it. Errors stop a save; warnings are shown and allowed in a draft.
 */
export type DefinitionIssueCode =
  | "json_error"
  | "duplicate_name"
  | "bad_name"
  | "bad_expression"
  | "unknown_outcome"
  | "indicator_without_outcome"
  | "outcome_without_figure"
  | "no_choices"
  | "duplicate_choice"
  | "unsafe_html"
  | "no_questions";

export interface DefinitionIssue {
  severity: "error" | "warning";
  code: DefinitionIssueCode;
  /** The question (or page) it is about, when there is one. */
  question?: string;
  message: string;
}
