import { DATA_NAME } from "../../../shared/editor/check-definition.ts";
import type { ElementJson } from "../../../shared/editor/survey-json.ts";
import { TextInput } from "../fields.tsx";

/**
 * The name a question's answers are stored under, tucked away as advanced. Renaming a published
 * question starts a new series; the save asks to confirm it.
 */
export function DataNameField({
  element,
  originalName,
  allQuestions,
  publishedNames,
  onChange,
}: {
  element: ElementJson;
  originalName: string;
  allQuestions: ElementJson[];
  publishedNames: ReadonlySet<string>;
  onChange: (element: ElementJson) => void;
}) {
  const renamedPublished = originalName !== element.name && publishedNames.has(originalName);
  const nameProblem = !DATA_NAME.test(element.name)
    ? "Start with a letter; use only letters, digits and _ (up to 64)."
    : allQuestions.filter((q) => q.name === element.name).length > 1
      ? "Another question already uses this name. Choose another."
      : null;
  return (
    <details className="advanced" open={nameProblem !== null || renamedPublished || undefined}>
      <summary>Advanced: the name answers are stored under</summary>
      <TextInput
        label="Name the answers are stored under"
        hint="Used in downloaded answers and in conditions. Letters, numbers and _ only. Change it only before the survey is first published."
        className="input input--medium code"
        value={element.name}
        error={nameProblem}
        onChange={(value) => onChange({ ...element, name: value.trim() })}
      />
      {renamedPublished && (
        <p className="notice notice--warning">
          “{originalName}” was published. Answers already collected stay under “{originalName}”; answers under
          “{element.name}” start a new series. You will be asked to confirm when you save.
        </p>
      )}
    </details>
  );
}
