import type { ElementJson } from "../../../shared/editor/survey-json.ts";

/** What the part of the question form for one question type is given. */
export interface TypeFieldsProps {
  element: ElementJson;
  /** Licensed wording: shown, not editable. */
  locked: boolean;
  /**
   * Whether a value "Add" made may follow an item's text when the text is first written. Never for a
   * question that was published: its values are already in the data.
   */
  autoValues: boolean;
  /** Sets one property; an empty value removes it. */
  set: (key: string, value: unknown) => void;
  /** Sets one text a participant reads, keeping its other languages. */
  setText: (key: string, value: string) => void;
}
