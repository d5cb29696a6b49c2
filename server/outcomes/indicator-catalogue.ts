import type { Kysely } from "kysely";
import type { IndicatorDirection, IndicatorInfo, IndicatorKind } from "../../shared/contract/outcomes.ts";
import type { SurveyField } from "../../shared/survey/fields.ts";
import { indicatorKind } from "../../shared/survey/indicator-kind.ts";
import { indicatorDirections } from "../../shared/survey/properties.ts";
import type { Database } from "../db/schema.ts";

/** A tagged question as the dashboards present it: from the latest published version that tags it. */
export interface IndicatorDef extends IndicatorInfo {
  outcome: string;
  field: SurveyField;
}

export interface Catalogue {
  indicators: IndicatorDef[];
  /** Every published version, for the version filter. */
  versions: { surveyId: string; version: number; title: string }[];
}

/**
 * Every indicator of every published version, read from the fields flattened at publish. A question
 * tagged in an older version only is still listed (its answers are stored); a later version's wording
 * and tag win where both have it. Indicators are keyed by outcome, survey and question, so a question
 * moved to another outcome shows under each with the answers given under it.
 */
export async function loadCatalogue(db: Kysely<Database>): Promise<Catalogue> {
  const rows = await db
    .selectFrom("survey_versions")
    .select(["survey_id", "version", "title", "fields"])
    .orderBy("survey_id")
    .orderBy("version")
    .execute();
  const latestTitle = new Map<string, string>();
  for (const row of rows) latestTitle.set(row.survey_id, row.title);
  const byKey = new Map<string, IndicatorDef>();
  for (const row of rows) {
    for (const field of JSON.parse(row.fields) as SurveyField[]) {
      const kind = indicatorKind(field);
      if (!field.outcome || kind === null) continue;
      byKey.set(`${field.outcome}\u0000${row.survey_id}\u0000${field.name}`, {
        key: `${row.survey_id}/${field.name}`,
        surveyId: row.survey_id,
        surveyTitle: latestTitle.get(row.survey_id) ?? row.survey_id,
        question: field.name,
        title: field.title || field.name,
        kind: kind satisfies IndicatorKind,
        direction: direction(field.indicator),
        outcome: field.outcome,
        field,
      });
    }
  }
  return {
    indicators: [...byKey.values()],
    versions: rows.map((r) => ({ surveyId: r.survey_id, version: Number(r.version), title: r.title })),
  };
}

function direction(tag: string | undefined): IndicatorDirection | null {
  return (indicatorDirections as readonly string[]).includes(tag ?? "") ? (tag as IndicatorDirection) : null;
}

export function indicatorInfo(def: IndicatorDef): IndicatorInfo {
  const { outcome: _outcome, field: _field, ...info } = def;
  return info;
}
