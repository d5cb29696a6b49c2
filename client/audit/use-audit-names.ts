import { useEffect, useState } from "react";
import { listAreas } from "../api/areas.ts";
import { listPublishedSurveys } from "../api/surveys.ts";

/** Names for the area and survey ids an entry's details carry ("northtown" → "Northtown"). */
export interface AuditNames {
  areas: ReadonlyMap<string, string>;
  surveys: ReadonlyMap<string, string>;
}

export const noNames: AuditNames = { areas: new Map(), surveys: new Map() };

/**
 * Loads the names once for the whole page. Either list failing leaves its ids as they were written:
 * the log is still complete, only less readable.
 */
export function useAuditNames(): AuditNames {
  const [names, setNames] = useState<AuditNames>(noNames);
  useEffect(() => {
    let live = true;
    const settle = async <T>(load: () => Promise<T[]>): Promise<T[]> => load().catch(() => []);
    void Promise.all([settle(listAreas), settle(listPublishedSurveys)]).then(([areas, surveys]) => {
      if (!live) return;
      setNames({
        areas: new Map(areas.map((area) => [area.id, area.name])),
        surveys: new Map(surveys.map((survey) => [survey.id, survey.title])),
      });
    });
    return () => {
      live = false;
    };
  }, []);
  return names;
}
