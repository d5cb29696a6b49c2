import { NumberInput } from "../fields.tsx";
import type { TypeFieldsProps } from "./type-fields.ts";
import { WordsField } from "./WordsField.tsx";

/** A rating scale: its lowest and highest points and their labels. */
export function RatingFields(props: TypeFieldsProps) {
  const { element, locked, set } = props;
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
      <WordsField label="Label for the lowest point" property="minRateDescription" {...props} />
      <WordsField label="Label for the highest point" property="maxRateDescription" {...props} />
    </fieldset>
  );
}
