import { ItemsEditor } from "../ItemsEditor.tsx";
import type { TypeFieldsProps } from "./type-fields.ts";

/** One choice, several choices, a drop-down or putting in order: the choices (scored, except to order). */
export function ChoiceFields({ element, locked, autoValues, set }: TypeFieldsProps) {
  return (
    <ItemsEditor
      legend="Choices"
      noun="choice"
      items={element.choices}
      withScores={element.type !== "ranking"}
      readOnly={locked}
      autoValues={autoValues}
      onChange={(items) => set("choices", items)}
    />
  );
}
