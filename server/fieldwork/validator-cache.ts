import type { AnswerIssue } from "../../shared/contract/sync.ts";
import { VersionValidator } from "../../shared/survey/version-validator.ts";

/** One interview's answers to validate against a survey version. */
export type Answers = Record<string, unknown>;

/**
 * One validator per published version, built on first use and reused: it compiles the version into a
 * validation plan where it can (shared/survey/validation-plan.ts) and keeps a survey-core Model only
 * where it must. Published versions never change, so a cached validator never goes stale. Validation
 * is synchronous, so a validator is never shared by two requests at once.
 *
 * `validateAll` is what sync uses: here it validates in this thread; `ValidatorPool` sends versions
 * that need survey-core to worker threads (see validator-pool.ts).
 */
export class ValidatorCache {
  private readonly validators = new Map<string, VersionValidator>();

  constructor(private readonly maxEntries = 500) {}

  validate(surveyId: string, version: number, definition: () => unknown, data: Answers): AnswerIssue[] {
    return this.validator(surveyId, version, definition).validate(data);
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
    const validator = this.validator(surveyId, version, () => JSON.parse(definition));
    return answers.map((data) => validator.validate(data));
  }

  /** Releases what the cache holds beyond memory (worker threads, in the pool). */
  async close(): Promise<void> {}

  get size(): number {
    return this.validators.size;
  }

  protected validator(surveyId: string, version: number, definition: () => unknown): VersionValidator {
    const key = `${surveyId}@${version}`;
    let validator = this.validators.get(key);
    if (!validator) {
      validator = new VersionValidator(definition());
      this.remember(key, validator);
    }
    return validator;
  }

  protected remember(key: string, validator: VersionValidator): void {
    if (this.validators.size >= this.maxEntries) {
      const oldest = this.validators.keys().next().value;
      if (oldest !== undefined) this.validators.delete(oldest);
    }
    this.validators.set(key, validator);
  }

  protected cached(key: string): VersionValidator | undefined {
    return this.validators.get(key);
  }
}
