import { textOf } from "../../../shared/editor/survey-json.ts";
import { TextInput } from "../fields.tsx";
import type { TypeFieldsProps } from "./type-fields.ts";

/** Yes or no: the words shown for each. */
export function BooleanFields({ element, locked, setText }: TypeFieldsProps) {
  return (
    <div className="row">
      <TextInput
        label="Label for yes"
        participantText
        readOnly={locked}
        value={textOf(element.labelTrue)}
        onChange={(value) => setText("labelTrue", value)}
      />
      <TextInput
        label="Label for no"
        participantText
        readOnly={locked}
        value={textOf(element.labelFalse)}
        onChange={(value) => setText("labelFalse", value)}
      />
    </div>
  );
}
