import type { Question } from "survey-core";
import { type SurveyField, surveyFields } from "../../shared/survey/fields.ts";
import { localesIn } from "../../shared/survey/locales.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { type AnswerColumn, planColumns, type VersionFields } from "./columns.ts";
import type { VersionRow } from "./exports.repository.ts";

/** Everything an export's files are written from, worked out once before the first row. */
export interface ExportPlan {
  surveyId: string;
  surveyTitle: string;
  versions: { version: number; title: string; fields: SurveyField[] }[];
  /**
   * The languages other than the main one that any version is worded in, in order met, and each
   * version's fields worded in each of them (issue 18: the codebook lists the wording in every language).
   */
  languages: string[];
  wording: Map<number, Map<string, SurveyField[]>>;
  /** The answer columns in the files. */
  columns: AnswerColumn[];
  /** Free-text columns left out for the caller's role (listed in the codebook, never in the data). */
  withheld: AnswerColumn[];
  /**
   * Answers that do not fit their question's type are left out, with a marker (everyone but the data
   * manager: docs/decisions/0024-who-sees-what.md).
   */
  withholdMisfits: boolean;
}

/**
 * Evaluators get every answer except free text: it is where a name, an address or a story that
 * identifies someone turns up, and their analyses do not need it (docs/decisions/0007-exports.md).
 */
export function buildPlan(
  survey: { id: string; title: string; versions: VersionRow[] },
  withholdFreeText: boolean,
  withholdMisfits = true,
): ExportPlan {
  const versions = survey.versions.map((v) => ({
    version: Number(v.version),
    title: v.title,
    fields: JSON.parse(v.fields) as SurveyField[],
    definition: v.definition,
  }));
  const all = planColumns(
    versions.map(
      (v): VersionFields => ({
        version: v.version,
        fields: v.fields,
        commentQuestions: commentQuestions(v.definition),
      }),
    ),
  );
  const languages: string[] = [];
  const wording = new Map<number, Map<string, SurveyField[]>>();
  for (const v of versions) {
    const parsed: unknown = JSON.parse(v.definition);
    const [, ...others] = localesIn(parsed);
    const byLocale = new Map<string, SurveyField[]>();
    for (const locale of others) {
      if (!languages.includes(locale)) languages.push(locale);
      const model = createSurveyModel(parsed as Record<string, unknown>);
      model.locale = locale;
      byLocale.set(locale, surveyFields(model));
    }
    wording.set(v.version, byLocale);
  }
  return {
    surveyId: survey.id,
    surveyTitle: survey.title,
    versions: versions.map(({ version, title, fields }) => ({ version, title, fields })),
    languages,
    wording,
    columns: withholdFreeText ? all.filter((c) => !c.freeText) : all,
    withheld: withholdFreeText ? all.filter((c) => c.freeText) : [],
    withholdMisfits,
  };
}

/**
 * Questions whose "other" choice or comment box stores text under `name-Comment`. The flattened fields
 * do not say, so the version's definition is read once per export (a few milliseconds).
 */
function commentQuestions(definition: string): string[] {
  const model = createSurveyModel(JSON.parse(definition));
  return model
    .getAllQuestions(false, false, false)
    .filter((q: Question & { showOtherItem?: boolean; showCommentArea?: boolean }) =>
      Boolean(q.showOtherItem || q.showCommentArea),
    )
    .map((q) => q.getValueName());
}
