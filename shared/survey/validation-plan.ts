import {
  AnswerRequiredError,
  ConditionRunner,
  CustomError,
  getLocaleString,
  type Model,
  type PanelModelBase,
  type Question,
  settings,
} from "survey-core";
import { type AnswerField, COMMENT_SUFFIX } from "./answer-checks.ts";
import { definitionSupport } from "./plan-support.ts";
import { answerFields } from "./validate-answers.ts";

/**
 * A published version compiled once into what validating an interview against it needs: its
 * questions in document order with their conditions (parsed by survey-core's own expression engine),
 * their required flags and the exact messages survey-core would give, and what each question accepts.
 * compiled-validation.ts runs it; a version using anything the plan does not model is "unsupported"
 * and stays on the survey-core Model (plan-support.ts decides).
 */
export interface ValidationPlan {
  fields: ReadonlyMap<string, AnswerField>;
  pages: readonly PlanContainer[];
  /** Every question's value name by its lower-case form: survey-core finds variables by any letter case. */
  names: ReadonlyMap<string, string>;
}

export interface PlanContainer {
  kind: "container";
  visible: boolean | ConditionRunner;
  /** survey-core's enableIf sets readOnly to the opposite of the condition. */
  readOnly: boolean | { enableIf: ConditionRunner };
  elements: readonly (PlanContainer | PlanQuestion)[];
}

export interface PlanQuestion {
  kind: "question";
  valueName: string;
  visible: boolean | ConditionRunner;
  readOnly: boolean | { enableIf: ConditionRunner };
  required: boolean | ConditionRunner;
  requiredError: string;
  /** A choice question's "Other" item, whose comment survey-core requires once it is chosen. */
  other?: { value: unknown; multiple: boolean; commentKey: string; error: string };
  /** Numbers for a number input, YYYY-MM-DD text for a date input. */
  min?: { value: number | string; error: string };
  max?: { value: number | string; error: string };
}

export type CompiledValidation =
  | { supported: true; plan: ValidationPlan }
  | { supported: false; reason: string };

/** Compiles a version's definition; the Model is survey-core's own reading of it, built by the caller. */
export function compileValidationPlan(definition: unknown, model: Model): CompiledValidation {
  const support = definitionSupport(definition);
  if (support) return { supported: false, reason: support };
  if (settings.readOnly.enableValidation)
    return { supported: false, reason: "read-only questions are validated" };
  const compiler = new Compiler();
  try {
    const pages = model.pages.map((page) => compiler.container(page));
    compiler.checkVariables();
    return { supported: true, plan: { fields: answerFields(model), pages, names: compiler.names } };
  } catch (error) {
    if (error instanceof Unsupported) return { supported: false, reason: error.message };
    throw error;
  }
}

class Unsupported extends Error {}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

type QuestionInternals = Question & {
  enableIf?: string;
  requiredIf?: string;
  readOnly: boolean;
  showOtherItem?: boolean;
  otherItem?: { value: unknown };
  otherErrorText?: string;
  inputType?: string;
  min?: unknown;
  max?: unknown;
  minValueExpression?: string;
  maxValueExpression?: string;
  renderedMin?: unknown;
  renderedMax?: unknown;
  minErrorText?: string;
  maxErrorText?: string;
  getMinMaxErrorText(text: string, value: unknown): string;
  getCalculatedMinMax(value: unknown): unknown;
};

type ContainerInternals = PanelModelBase & { enableIf?: string; readOnly: boolean; visible: boolean };

class Compiler {
  readonly names = new Map<string, string>();
  private readonly conditions = new Map<string, ConditionRunner>();

  container(container: PanelModelBase): PlanContainer {
    const c = container as ContainerInternals;
    return {
      kind: "container",
      visible: c.visibleIf ? this.condition(c.visibleIf) : c.visible,
      readOnly: c.enableIf ? { enableIf: this.condition(c.enableIf) } : c.readOnly,
      elements: container.elements.map((element) =>
        element.isPanel
          ? this.container(element as unknown as PanelModelBase)
          : this.question(element as Question),
      ),
    };
  }

  question(question: Question): PlanQuestion {
    const q = question as QuestionInternals;
    const valueName = question.getValueName();
    this.names.set(valueName.toLowerCase(), valueName);
    const planned: PlanQuestion = {
      kind: "question",
      valueName,
      visible: q.visibleIf ? this.condition(q.visibleIf) : q.visible,
      readOnly: q.enableIf ? { enableIf: this.condition(q.enableIf) } : q.readOnly,
      required: q.requiredIf ? this.condition(q.requiredIf) : q.isRequired,
      requiredError: new AnswerRequiredError(q.requiredErrorText, question).getText(),
    };
    if (q.showOtherItem && q.otherItem) {
      if (q.otherItem.value !== "other") throw new Unsupported(`${valueName}: "Other" has its own value`);
      // survey-core raises an OtherEmptyError (not exported) with this text, or by default its localised
      // "otherRequiredError"; its getText() is every SurveyError's, so CustomError's gives the same.
      const text = q.otherErrorText || getLocaleString("otherRequiredError", question.getLocale());
      planned.other = {
        value: q.otherItem.value,
        multiple: question.getType() === "checkbox",
        commentKey: `${valueName}${COMMENT_SUFFIX}`,
        error: new CustomError(text, question).getText(),
      };
    }
    if (question.getType() === "text") this.range(q, planned);
    return planned;
  }

  /**
   * A number or date input's min and max as survey-core renders them, with its messages. survey-core
   * gives every date input a max (settings.maxDate) unless it sets its own. Dates that passed the answer
   * checks are YYYY-MM-DD, so comparing the text compares the days.
   */
  private range(q: QuestionInternals, planned: PlanQuestion): void {
    if (q.minValueExpression || q.maxValueExpression) throw new Unsupported(`${q.name}: a computed bound`);
    const bound = (given: unknown, rendered: unknown, text: string | undefined) => {
      if (rendered === undefined || rendered === null || rendered === "") {
        if (given !== undefined) throw new Unsupported(`${q.name}: a bound survey-core does not use`);
        return undefined;
      }
      if (given !== undefined && given !== rendered) throw new Unsupported(`${q.name}: a computed bound`);
      const plain =
        (q.inputType === "number" && typeof rendered === "number") ||
        (q.inputType === "date" && typeof rendered === "string" && DAY.test(rendered));
      if (!plain) throw new Unsupported(`${q.name}: a bound other than a plain number or day`);
      const message = q.getMinMaxErrorText(text ?? "", q.getCalculatedMinMax(rendered));
      return { value: rendered as number | string, error: new CustomError(message, q).getText() };
    };
    const min = bound(q.min, q.renderedMin, q.minErrorText);
    const max = bound(q.max, q.renderedMax, q.maxErrorText);
    if (min) planned.min = min;
    if (max) planned.max = max;
  }

  /**
   * Conditions may name questions and their comments only: anything else (variables, calculated
   * values, properties, built-ins like {pageno}, paths into values) survey-core resolves from state the
   * plan does not model.
   */
  checkVariables(): void {
    for (const [expression, runner] of this.conditions) {
      for (const variable of runner.getVariables()) {
        const name = variable.toLowerCase();
        const comment = name.endsWith(COMMENT_SUFFIX.toLowerCase())
          ? name.slice(0, -COMMENT_SUFFIX.length)
          : undefined;
        if (!this.names.has(name) && !(comment !== undefined && this.names.has(comment)))
          throw new Unsupported(`a condition on something other than a question: ${expression}`);
      }
    }
  }

  private condition(expression: string): ConditionRunner {
    let runner = this.conditions.get(expression);
    if (!runner) {
      runner = new ConditionRunner(expression);
      if (!runner.canRun()) throw new Unsupported(`a condition survey-core cannot parse: ${expression}`);
      if (runner.hasFunction()) throw new Unsupported(`a condition with a function: ${expression}`);
      if (runner.isAsync) throw new Unsupported(`an asynchronous condition: ${expression}`);
      this.conditions.set(expression, runner);
    }
    return runner;
  }
}
