import { useState } from "react";
import type { Area, Me } from "../../shared/contract/index.ts";
import { listAreas } from "../api/areas.ts";
import { useResource } from "../api/use-resource.ts";
import { SelectField } from "../ui/SelectField.tsx";

export interface AreaChoice {
  areas: Area[];
  /** The chosen area; a coordinator's is always their own. Empty until the areas have loaded. */
  areaId: string;
  areaName: string;
  /** A select for an administrator; the area's name, as text, for a coordinator. */
  picker: React.ReactNode;
}

/**
 * Which area a coordination page is about. Coordinators work in their own area; administrators pick
 * one (the choice is remembered while the page is open).
 */
export function useAreaChoice(me: Me, label = "Area"): AreaChoice {
  const [areas] = useResource(listAreas);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = areas.status === "ready" ? areas.data : [];
  const areaId = me.areaId ?? chosen ?? list[0]?.id ?? "";
  const areaName = list.find((a) => a.id === areaId)?.name ?? areaId;
  const picker =
    me.areaId === null ? (
      <SelectField
        label={label}
        value={areaId}
        onChange={(event) => setChosen(event.target.value)}
        options={list.map((a) => ({ value: a.id, label: a.name }))}
      />
    ) : null;
  return { areas: list, areaId, areaName, picker };
}
