import type { DefinitionIssue } from "./definition-issue.ts";
import type { SurveyDefinition } from "./editor.ts";

/**
 * `POST /api/editor/import` (issue 16): a SurveyJS survey people already use, prepared for Alongside by
 * the same shared code the editor's import panel runs (`shared/editor/import-surveyjs.ts`). The body's
 * shape is checked like every definition (`SurveyDefinition`: depth, reserved keys, lists as survey-core
 * builds them, each wrong place named by its path).
 */
export interface ImportSurveyRequest {
  definition: SurveyDefinition;
}

export interface ImportSurveyResponse {
  /** The prepared draft definition, ready to save as a survey's draft. */
  definition: Record<string, unknown>;
  /** Every data name changed: old → new, the wording, and the question a column or item belongs to. */
  renames: Rename[];
  /** What was changed and why, in plain words, one line each. */
  changes: string[];
  /** Warnings that remain (nothing that stops a save). */
  warnings: DefinitionIssue[];
  questionCount: number;
}

/**
 * Import of a SurveyJS survey people already use (issue 16, finding 6): instead of refusing names with
 * spaces or capitals, duplicates and legacy properties, it proposes safe data names (keeping each
 * question's wording: a question without a title gets its old name as its title, so nobody sees a
 * different question), rewrites every condition, expression and reference to the renamed questions,
 * writes legacy properties the current way, and says what it changed in plain words. What remains
 * wrong is left to `checkDefinition`, which names the exact place.
 */

export interface Rename {
  from: string;
  to: string;
  /** The question's wording, to recognise it by. */
  title: string;
  /**
   * For a matrix column, a multiple-text item or a question inside a dynamic panel: the (new) data name
   * of the question it belongs to. Its answers are stored under that question, then this name.
   */
  within?: string;
  /** A matrix row: its name is the key of that row's answers (`{matrix.row}`, `{matrix.row.column}`). */
  row?: true;
}
