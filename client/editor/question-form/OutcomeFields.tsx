import { dropEmpty } from "../../../shared/editor/definition.ts";
import type { ElementJson } from "../../../shared/editor/survey-json.ts";
import { indicatorDirections } from "../../../shared/survey/properties.ts";
import { Checkbox, Select } from "../fields.tsx";
import { outcomeGroups, outcomeIds } from "../theory-of-change.ts";

/**
 * What a question measures: the theory-of-change outcome it is tagged with and which way is better,
 * and whether it is sensitive (the tablet is offered to the participant to answer it).
 */
export function OutcomeFields({
  element,
  set,
  onChange,
}: {
  element: ElementJson;
  set: (key: string, value: unknown) => void;
  onChange: (element: ElementJson) => void;
}) {
  const outcome = typeof element.outcome === "string" ? element.outcome : "";
  return (
    <fieldset className="group">
      <legend>What it measures</legend>
      <Select
        label="Outcome in the theory of change"
        value={outcome}
        hint="Tag questions that measure an outcome, so the dashboard can show them."
        onChange={(value) => {
          const next = dropEmpty({ ...element, outcome: value || undefined }) as ElementJson;
          if (!value) delete next.indicator;
          else if (!next.indicator) next.indicator = "higherIsBetter";
          onChange(next);
        }}
      >
        <option value="">Not tagged</option>
        {outcome && !outcomeIds.has(outcome) && (
          <option value={outcome}>{outcome} (not in the theory of change)</option>
        )}
        {outcomeGroups.map((group) => (
          <optgroup key={group.strand} label={group.strand}>
            {group.outcomes.map((o) => (
              <option key={o.id} value={o.id}>
                {o.short}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
      {outcome && (
        <Select
          label="Which way is better"
          value={typeof element.indicator === "string" ? element.indicator : "higherIsBetter"}
          onChange={(value) => set("indicator", value)}
        >
          {indicatorDirections.map((d) => (
            <option key={d} value={d}>
              {d === "higherIsBetter" ? "A higher score is better" : "A lower score is better"}
            </option>
          ))}
        </Select>
      )}
      <Checkbox
        label="Sensitive: offer to hand the tablet over"
        checked={element.sensitive === true}
        onChange={(checked) => set("sensitive", checked || undefined)}
      />
    </fieldset>
  );
}
