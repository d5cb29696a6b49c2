import type { Model } from "survey-core";
import type { AnswerIssue } from "../contract/sync.ts";
import { validateWithPlan } from "./compiled-validation.ts";
import { createSurveyModel } from "./model.ts";
import { validateAnswers } from "./validate-answers.ts";
import { type CompiledValidation, compileValidationPlan } from "./validation-plan.ts";

/**
 * Validation of interviews against one published version (immutable, so this is built once per
 * version and reused). Where the version compiles to a plan, interviews are validated with it, without
 * a survey-core Model; otherwise, and for interviews carrying values a question cannot take, with a
 * Model, built when first needed. Either way the issues are exactly `validateAnswers`'s.
 */
export class VersionValidator {
  readonly compiled: CompiledValidation;
  private model: Model | undefined;

  constructor(private readonly definition: unknown) {
    const model = createSurveyModel(definition);
    this.compiled = compileValidationPlan(definition, model);
    // A compiled version lets the Model go: most interviews never need it, and it is large.
    if (!this.compiled.supported) this.model = model;
  }

  validate(data: Record<string, unknown>): AnswerIssue[] {
    if (this.compiled.supported) {
      const issues = validateWithPlan(this.compiled.plan, data);
      if (issues) return issues;
    }
    this.model ??= createSurveyModel(this.definition);
    return validateAnswers(this.model, data);
  }
}
