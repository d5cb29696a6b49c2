/** One answerable field of a published version: what exports and statistics need, read once. */
export interface SurveyField {
  name: string;
  type: string;
  title: string;
  inputType?: string;
  outcome?: string;
  indicator?: string;
  sensitive?: boolean;
  choices?: { value: unknown; text: string; score?: number }[];
  scale?: { min: number; max: number; step: number };
  /** A yes/no question's own values for yes and no (`valueTrue`, `valueFalse`), where it sets them. */
  booleanValues?: { yes: unknown; no: unknown };
  /** A choice question that takes a list where its type alone does not say so (an image picker's `multiSelect`). */
  multiple?: true;
  /** Bounds of a number input, where the survey sets them. */
  range?: { min?: number; max?: number };
}
