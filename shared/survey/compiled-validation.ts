import { type ConditionRunner, Helpers } from "survey-core";
import type { AnswerIssue } from "../contract/sync.ts";
import { valueIssues } from "./answer-checks.ts";
import type { PlanContainer, PlanQuestion, ValidationPlan } from "./validation-plan.ts";

/**
 * Validates one interview with a compiled plan: the same issues, in the same order, as
 * `validateAnswers` with the version's Model, without a Model. Conditions run on survey-core's own
 * expression engine, reading answers the way survey-core's survey does.
 *
 * Answers with a value a question cannot take (a value outside the choices, a wrong type, an unknown
 * key) answer `undefined`: survey-core quietly reworks such values while it validates (it drops values
 * outside the choices, which reruns conditions), so for those the Model decides.
 */
export function validateWithPlan(
  plan: ValidationPlan,
  data: Record<string, unknown>,
): AnswerIssue[] | undefined {
  if (valueIssues(plan.fields, data).length > 0) return undefined;
  const run = new PlanRun(plan, data);
  for (const page of plan.pages) run.container(page, false);
  return run.issues;
}

class PlanRun {
  readonly issues: AnswerIssue[] = [];
  private readonly context: ValueContext;

  constructor(
    plan: ValidationPlan,
    private readonly data: Record<string, unknown>,
  ) {
    this.context = new AnswersContext(plan.names, data) as unknown as ValueContext;
  }

  container(container: PlanContainer, parentReadOnly: boolean): void {
    if (!this.holds(container.visible)) return;
    const readOnly = parentReadOnly || this.readOnly(container.readOnly);
    for (const element of container.elements) {
      if (element.kind === "container") this.container(element, readOnly);
      else this.question(element, readOnly);
    }
  }

  /** survey-core's checks in its order; only the first error of a question becomes its issue. */
  private question(question: PlanQuestion, parentReadOnly: boolean): void {
    if (!this.holds(question.visible)) return;
    if (parentReadOnly || this.readOnly(question.readOnly)) return;
    const value = own(this.data, question.valueName);
    const empty = Helpers.isValueEmpty(typeof value === "string" ? value.trim() : value);
    let message: string | undefined;
    if (empty && this.holds(question.required)) message = question.requiredError;
    else if (question.other && isChosen(value, question.other) && !own(this.data, question.other.commentKey))
      message = question.other.error;
    else if (!empty && question.min && (value as number | string) < question.min.value)
      message = question.min.error;
    else if (!empty && question.max && (value as number | string) > question.max.value)
      message = question.max.error;
    if (message !== undefined) this.issues.push({ question: question.valueName, message });
  }

  private holds(flag: boolean | ConditionRunner): boolean {
    return typeof flag === "boolean" ? flag : flag.runContext(this.context, {});
  }

  private readOnly(flag: boolean | { enableIf: ConditionRunner }): boolean {
    return typeof flag === "boolean" ? flag : !flag.enableIf.runContext(this.context, {});
  }
}

function isChosen(value: unknown, other: { value: unknown; multiple: boolean }): boolean {
  return other.multiple ? Array.isArray(value) && value.includes(other.value) : value === other.value;
}

function own(data: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(data, key) ? data[key] : undefined;
}

type ValueContext = Parameters<ConditionRunner["runContext"]>[0];

interface ValuePath {
  path: { name: string; index?: number }[];
}

/**
 * The answers as survey-core's survey shows them to an expression: a question's name, in any letter
 * case, is found (with its value or undefined); anything else, such as a `q-Comment`, is looked up
 * among the answers' keys in any letter case and found only when it has a value.
 */
class AnswersContext {
  constructor(
    private readonly names: ReadonlyMap<string, string>,
    private readonly data: Record<string, unknown>,
  ) {}

  getValue(params: ValuePath): { isFound: boolean; value: unknown } | undefined {
    const [item, ...rest] = params.path;
    if (!item || rest.length > 0 || item.index !== undefined) return undefined;
    const lower = item.name.toLowerCase();
    const valueName = this.names.get(lower);
    if (valueName !== undefined) return { isFound: true, value: own(this.data, valueName) };
    for (const key of Object.keys(this.data)) {
      if (key.toLowerCase() !== lower) continue;
      const value = this.data[key];
      return value === undefined ? undefined : { isFound: true, value };
    }
    return undefined;
  }
}
