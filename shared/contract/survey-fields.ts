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
  /** Bounds of a number input, where the survey sets them. */
  range?: { min?: number; max?: number };
}
