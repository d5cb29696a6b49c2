import type { Model } from "survey-core";
import type { AnswerIssue } from "../../shared/contract/sync.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { validateAnswers } from "../../shared/survey/validate-answers.ts";

/**
 * One survey-core Model per published version, built on first use and reused: building a Model costs
 * several times what validating one response does. Published versions never change, so a cached
 * Model never goes stale. Validation is synchronous, so a Model is never shared by two requests at once.
 */
export class ValidatorCache {
  private readonly models = new Map<string, Model>();

  constructor(private readonly maxEntries = 500) {}

  validate(
    surveyId: string,
    version: number,
    definition: () => unknown,
    data: Record<string, unknown>,
  ): AnswerIssue[] {
    const key = `${surveyId}@${version}`;
    let model = this.models.get(key);
    if (!model) {
      if (this.models.size >= this.maxEntries) {
        const oldest = this.models.keys().next().value;
        if (oldest !== undefined) this.models.delete(oldest);
      }
      model = createSurveyModel(definition());
      this.models.set(key, model);
    }
    return validateAnswers(model, data);
  }

  get size(): number {
    return this.models.size;
  }
}
