import { ItemsEditor } from "../ItemsEditor.tsx";
import type { TypeFieldsProps } from "./type-fields.ts";

/** A grid: its rows (the statements) and its columns (the answers, scored). */
export function MatrixFields({ element, locked, autoValues, set }: TypeFieldsProps) {
  return (
    <>
      <ItemsEditor
        legend="Rows (statements)"
        noun="row"
        items={element.rows}
        withScores={false}
        readOnly={locked}
        autoValues={autoValues}
        onChange={(items) => set("rows", items)}
      />
      <ItemsEditor
        legend="Columns (answers)"
        noun="column"
        items={element.columns}
        withScores
        readOnly={locked}
        autoValues={autoValues}
        onChange={(items) => set("columns", items)}
      />
    </>
  );
}
