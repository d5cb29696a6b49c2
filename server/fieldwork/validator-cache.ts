import type { Model } from "survey-core";
import type { AnswerIssue } from "../../shared/contract/sync.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { validateAnswers } from "../../shared/survey/validate-answers.ts";

/** One interview's answers to validate against a survey version. */
export type Answers = Record<string, unknown>;

/**
 * One survey-core Model per published version, built on first use and reused: building a Model costs
 * several times what validating one response does. Published versions never change, so a cached
 * Model never goes stale. Validation is synchronous, so a Model is never shared by two requests at once.
 *
 * `validateAll` is what sync uses: here it validates in this thread; `ValidatorPool` spreads the same
 * work over worker threads so a sync batch uses every core (see validator-pool.ts).
 */
export class ValidatorCache {
  private readonly models = new Map<string, Model>();

  constructor(private readonly maxEntries = 500) {}

  validate(surveyId: string, version: number, definition: () => unknown, data: Answers): AnswerIssue[] {
    return validateAnswers(this.model(surveyId, version, definition), data);
  }

  /** Validates many interviews of one version; `definition` is the version's JSON as stored. */
  async validateAll(
    surveyId: string,
    version: number,
    definition: string,
    answers: readonly Answers[],
  ): Promise<AnswerIssue[][]> {
    return this.validateAllNow(surveyId, version, definition, answers);
  }

  validateAllNow(
    surveyId: string,
    version: number,
    definition: string,
    answers: readonly Answers[],
  ): AnswerIssue[][] {
    const model = this.model(surveyId, version, () => JSON.parse(definition));
    return answers.map((data) => validateAnswers(model, data));
  }

  /** Releases what the cache holds beyond memory (worker threads, in the pool). */
  async close(): Promise<void> {}

  get size(): number {
    return this.models.size;
  }

  private model(surveyId: string, version: number, definition: () => unknown): Model {
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
    return model;
  }
}
