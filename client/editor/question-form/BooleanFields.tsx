import type { TypeFieldsProps } from "./type-fields.ts";
import { WordsField } from "./WordsField.tsx";

/** Yes or no: the words shown for each. */
export function BooleanFields(props: TypeFieldsProps) {
  return (
    <div className="row">
      <WordsField label="Label for yes" property="labelTrue" {...props} />
      <WordsField label="Label for no" property="labelFalse" {...props} />
    </div>
  );
}
