import { textOf } from "../../../shared/editor/survey-json.ts";
import { TextInput } from "../fields.tsx";
import type { TypeFieldsProps } from "./type-fields.ts";

/** One short text a participant reads (a label of a scale's end, of yes or of no), checked for plain words. */
export function WordsField({
  label,
  property,
  element,
  locked,
  setText,
}: Pick<TypeFieldsProps, "element" | "locked" | "setText"> & { label: string; property: string }) {
  return (
    <TextInput
      label={label}
      participantText
      readOnly={locked}
      value={textOf(element[property])}
      onChange={(value) => setText(property, value)}
    />
  );
}
