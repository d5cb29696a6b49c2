import { ConditionRunner, type Model, type PanelModelBase, type Question } from "survey-core";

/** Triggers that decide, from an answer, whether the questions after them are asked at all. */
const ROUTING_TRIGGERS = new Set(["completetrigger", "skiptrigger"]);
/** Triggers that write an answer into a question from other answers. */
const WRITING_TRIGGERS = new Set(["setvaluetrigger", "copyvaluetrigger", "runexpressiontrigger"]);

/**
 * The data names of the questions that may be named as "to check" to someone who must not see answers
 * (a coordinator's "needs attention" list): every participant is asked them, whatever they answered
 * before, and the survey sets no rule of its own on their answers.
 *
 * That an answer to a question exists says something about the other answers when the question is
 * shown only after certain answers (its own condition, its panel's or its page's), when the survey can
 * end or jump on an answer, or when its value is worked out from other answers. That an answer needs
 * checking says what it was when the survey's own rule flagged it: a check written into the survey
 * ("please check a yes here"), a pattern, a range. What is left to name are problems of the tablet's
 * making: an answer of the wrong kind, not one of the choices, off the rating's scale, or missing.
 * Anything doubtful is left out: a data name shared by several questions is in only when every one of
 * them is.
 *
 * One condition is no secret: "consent is yes". Every interview with answers beyond consent had it
 * (a declined one keeps nothing else, shared/fieldwork/endings.ts), and how an interview ended is part
 * of the fieldwork everyone running it sees.
 */
export function nameableQuestions(model: Model): Set<string> {
  const triggers = (model.triggers ?? []) as { getType(): string; setToName?: string }[];
  if (triggers.some((trigger) => ROUTING_TRIGGERS.has(trigger.getType()))) return new Set();
  const written = new Set(
    triggers.filter((trigger) => WRITING_TRIGGERS.has(trigger.getType())).map((trigger) => trigger.setToName),
  );

  const always = new Set<string>();
  const sometimes = new Set<string>();
  for (const question of model.getAllQuestions(false, false, false)) {
    const name = question.getValueName();
    if (written.has(name) || dependsOnAnswers(question)) sometimes.add(name);
    else always.add(name);
  }
  for (const name of sometimes) always.delete(name);
  return always;
}

function dependsOnAnswers(question: Question): boolean {
  const q = question as Question & {
    defaultValueExpression?: string;
    setValueExpression?: string;
    setValueIf?: string;
    resetValueIf?: string;
    requiredIf?: string;
    min?: unknown;
    max?: unknown;
    minValueExpression?: string;
    maxValueExpression?: string;
  };
  if (q.defaultValueExpression || q.setValueExpression || q.setValueIf || q.resetValueIf) return true;
  // A rule of the survey's own about the answer (a check such as "{used} <> 'yes'", a pattern, a range,
  // "required only if"): that the answer broke it says what the answer was, or what others were.
  if (question.validators.length > 0 || readsAnswers(q.requiredIf)) return true;
  if (hasValue(q.min) || hasValue(q.max) || q.minValueExpression || q.maxValueExpression) return true;
  let element: Question | PanelModelBase | null = question;
  while (element) {
    // With a condition, `visible` is that condition worked out on no answers: the condition decides.
    const hidden = element.visibleIf ? readsAnswers(element.visibleIf) : !element.visible;
    if (hidden || readsAnswers(element.enableIf)) return true;
    element = (element.parent as PanelModelBase | null) ?? pageOf(element);
  }
  return false;
}

/** Whether a condition reads any answer but consent's (an empty condition reads none). */
function readsAnswers(condition: string | undefined): boolean {
  if (!condition) return false;
  const variables = new ConditionRunner(condition).getVariables();
  return variables.length === 0 || variables.some((name) => name !== "consent");
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** A question or panel's page, when it is the page's own element (survey-core gives it as `page`). */
function pageOf(element: Question | PanelModelBase): PanelModelBase | null {
  const page = (element as { page?: PanelModelBase | null }).page ?? null;
  return page === element ? null : page;
}
