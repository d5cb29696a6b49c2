import { inputTypeLabels, textInputTypes } from "../../../shared/editor/question-types.ts";
import { Select } from "../fields.tsx";
import type { TypeFieldsProps } from "./type-fields.ts";

/** A short answer: the kind of answer (text, a number, a date…), which sets the keyboard and the checks. */
export function TextFields({ element, locked, set }: TypeFieldsProps) {
  return (
    <Select
      label="Kind of answer"
      value={typeof element.inputType === "string" ? element.inputType : "text"}
      disabled={locked}
      onChange={(value) => set("inputType", value === "text" ? undefined : value)}
    >
      {textInputTypes.map((t) => (
        <option key={t} value={t}>
          {inputTypeLabels[t]}
        </option>
      ))}
    </Select>
  );
}
