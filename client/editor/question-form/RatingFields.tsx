import { textOf } from "../../../shared/editor/survey-json.ts";
import { NumberInput, TextInput } from "../fields.tsx";
import type { TypeFieldsProps } from "./type-fields.ts";

/** A rating scale: its lowest and highest points and their labels. */
export function RatingFields({ element, locked, set, setText }: TypeFieldsProps) {
  return (
    <fieldset className="group">
      <legend>Scale</legend>
      <div className="row">
        <NumberInput
          label="Lowest point"
          integer
          readOnly={locked}
          value={typeof element.rateMin === "number" ? element.rateMin : 1}
          onChange={(value) => set("rateMin", value)}
        />
        <NumberInput
          label="Highest point"
          integer
          readOnly={locked}
          value={typeof element.rateMax === "number" ? element.rateMax : 5}
          onChange={(value) => set("rateMax", value)}
        />
      </div>
      <TextInput
        label="Label for the lowest point"
        participantText
        readOnly={locked}
        value={textOf(element.minRateDescription)}
        onChange={(value) => setText("minRateDescription", value)}
      />
      <TextInput
        label="Label for the highest point"
        participantText
        readOnly={locked}
        value={textOf(element.maxRateDescription)}
        onChange={(value) => setText("maxRateDescription", value)}
      />
    </fieldset>
  );
}
