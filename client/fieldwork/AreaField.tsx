import type { Area, Me } from "../../shared/contract/index.ts";
import { listAreas } from "../api/areas.ts";
import { useResource } from "../api/use-resource.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";
import { SelectField } from "../ui/SelectField.tsx";

interface Props {
  me: Me;
  value: string;
  onChange: (areaId: string) => void;
  error?: string | undefined;
}

/** A researcher works in their own area; someone whose scope is every area chooses one. */
export function AreaField({ me, value, onChange, error }: Props) {
  const [areas, reload] = useResource(listAreas);

  if (me.areaId !== null) {
    const name = areas.status === "ready" ? areaName(areas.data, me.areaId) : me.areaId;
    return (
      <div className="field">
        <p className="field__label">Area</p>
        <p className="field__value">{name}</p>
      </div>
    );
  }
  if (areas.status === "loading") return <Loading what="areas" />;
  if (areas.status === "error") {
    return (
      <>
        <ErrorAlert heading="The list of areas did not load" error={areas.error} />
        <button type="button" className="button button--secondary" onClick={reload}>
          Load the areas again
        </button>
      </>
    );
  }
  return (
    <SelectField
      label="Area"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      options={[
        { value: "", label: "Choose an area" },
        ...areas.data.map((area) => ({ value: area.id, label: area.name })),
      ]}
    />
  );
}

function areaName(areas: Area[], id: string): string {
  return areas.find((area) => area.id === id)?.name ?? id;
}
