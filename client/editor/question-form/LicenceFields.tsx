import { type ElementJson, textOf } from "../../../shared/editor/survey-json.ts";
import { Checkbox, TextInput } from "../fields.tsx";

/**
 * Whether the wording comes from a licensed instrument (locked) and its copyright notice. Only a
 * coordinator or administrator may unlock it.
 */
export function LicenceFields({
  element,
  canUnlock,
  set,
}: {
  element: ElementJson;
  canUnlock: boolean;
  set: (key: string, value: unknown) => void;
}) {
  const locked = element.locked === true;
  return (
    <fieldset className="group">
      <legend>Licence</legend>
      <Checkbox
        label="Locked: wording from a licensed instrument"
        hint={locked && !canUnlock ? "Only a coordinator or administrator can unlock it." : undefined}
        checked={locked}
        disabled={locked && !canUnlock}
        onChange={(checked) => set("locked", checked || undefined)}
      />
      {(locked || textOf(element.licence)) && (
        <TextInput
          label="Copyright notice"
          hint="Shown beside the locked question, for example “SWEMWBS © NHS Health Scotland, 2008”."
          readOnly={locked}
          value={textOf(element.licence)}
          onChange={(value) => set("licence", value || undefined)}
        />
      )}
    </fieldset>
  );
}
