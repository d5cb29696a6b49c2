import { ConditionsParser } from "survey-core";

/**
 * "Show this question only if…": a small builder for the everyday conditions, which writes the
 * SurveyJS `visibleIf` expression. An expression the builder did not write (or cannot show) stays
 * editable as text; `parseCondition` returns null for it and the editor shows the text box alone.
 */
export const conditionOperators = [
  "equals",
  "notEquals",
  "contains",
  "notContains",
  "greater",
  "greaterOrEqual",
  "less",
  "lessOrEqual",
  "answered",
  "notAnswered",
] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

export const operatorLabels: Record<ConditionOperator, string> = {
  equals: "is",
  notEquals: "is not",
  contains: "includes",
  notContains: "does not include",
  greater: "is more than",
  greaterOrEqual: "is at least",
  less: "is less than",
  lessOrEqual: "is at most",
  answered: "is answered",
  notAnswered: "is not answered",
};

const symbols: Record<ConditionOperator, string> = {
  equals: "=",
  notEquals: "<>",
  contains: "contains",
  notContains: "notcontains",
  greater: ">",
  greaterOrEqual: ">=",
  less: "<",
  lessOrEqual: "<=",
  answered: "notempty",
  notAnswered: "empty",
};

export type ConditionValue = string | number | boolean;

export interface ConditionRule {
  question: string;
  operator: ConditionOperator;
  /** Ignored by "answered" and "notAnswered". */
  value?: ConditionValue;
}

export interface Condition {
  combinator: "and" | "or";
  rules: ConditionRule[];
}

export function needsValue(operator: ConditionOperator): boolean {
  return operator !== "answered" && operator !== "notAnswered";
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function literal(value: ConditionValue): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean") return String(value);
  // SurveyJS's expression language has no escape for a quote inside a string.
  if (value.includes("'")) return null;
  return `'${value}'`;
}

export type BuildResult = { ok: true; expression: string } | { ok: false; message: string };

export function buildCondition(condition: Condition): BuildResult {
  const clauses: string[] = [];
  for (const rule of condition.rules) {
    if (!NAME.test(rule.question))
      return { ok: false, message: "Choose the question the condition depends on." };
    const left = `{${rule.question}}`;
    const op = symbols[rule.operator];
    if (!needsValue(rule.operator)) {
      clauses.push(`${left} ${op}`);
      continue;
    }
    if (rule.value === undefined || rule.value === "")
      return { ok: false, message: "Choose or type the answer." };
    const right = literal(rule.value);
    if (right === null)
      return { ok: false, message: "An answer used in a condition cannot contain a ' mark." };
    clauses.push(`${left} ${op} ${right}`);
  }
  return { ok: true, expression: clauses.join(` ${condition.combinator} `) };
}

const CLAUSE =
  /^\{([A-Za-z_][A-Za-z0-9_.-]*)\}\s*(=|==|<>|!=|>=|<=|>|<|contains|notcontains|notempty|empty)\s*(.*)$/i;

const bySymbol: Record<string, ConditionOperator> = {
  "=": "equals",
  "==": "equals",
  "<>": "notEquals",
  "!=": "notEquals",
  contains: "contains",
  notcontains: "notContains",
  ">": "greater",
  ">=": "greaterOrEqual",
  "<": "less",
  "<=": "lessOrEqual",
  notempty: "answered",
  empty: "notAnswered",
};

function parseValue(text: string): ConditionValue | undefined {
  const t = text.trim();
  const quoted = /^'([^']*)'$/.exec(t) ?? /^"([^"]*)"$/.exec(t);
  if (quoted) return quoted[1];
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return undefined;
}

/** The builder's view of an expression, or null when only the text box can show it faithfully. */
export function parseCondition(expression: string): Condition | null {
  const text = expression.trim();
  if (!text) return { combinator: "and", rules: [] };
  if (/[()]/.test(text)) return null;
  const hasAnd = /\s+and\s+/i.test(text);
  const hasOr = /\s+or\s+/i.test(text);
  if (hasAnd && hasOr) return null;
  const combinator = hasOr ? "or" : "and";
  const rules: ConditionRule[] = [];
  for (const part of text.split(hasOr ? /\s+or\s+/i : /\s+and\s+/i)) {
    const match = CLAUSE.exec(part.trim());
    if (!match) return null;
    const operator = bySymbol[(match[2] ?? "").toLowerCase()];
    if (!operator) return null;
    const question = match[1] ?? "";
    const rest = (match[3] ?? "").trim();
    if (!needsValue(operator)) {
      if (rest) return null;
      rules.push({ question, operator });
      continue;
    }
    const value = parseValue(rest);
    if (value === undefined) return null;
    rules.push({ question, operator, value });
  }
  return { combinator, rules };
}

/** The question names an expression reads (`{name}`, `{name.row}`, `{panel[0].name}` → the first part). */
export function referencedNames(expression: string): string[] {
  const names = new Set<string>();
  for (const match of expression.matchAll(/\{([^}]+)\}/g)) {
    const name = (match[1] ?? "").trim().split(/[.[]/)[0] ?? "";
    if (name) names.add(name);
  }
  return [...names];
}

/** `{$survey.locale}` and the like: the survey's own properties (the interview's language, issue 18). */
const SURVEY_PROPERTIES = "$survey";

export interface ExpressionProblem {
  message: string;
}

/** Syntax by survey-core's own parser, then names: a condition on a question that does not exist never fires. */
export function checkExpression(expression: string, knownNames: ReadonlySet<string>): ExpressionProblem[] {
  if (!expression.trim()) return [];
  const parser = new ConditionsParser();
  if (!parser.parseExpression(expression)) {
    const at = parser.error?.at;
    return [
      {
        message: `The condition is not a valid expression${typeof at === "number" ? ` (near character ${at + 1})` : ""}.`,
      },
    ];
  }
  return referencedNames(expression)
    .filter((name) => !knownNames.has(name) && name !== SURVEY_PROPERTIES)
    .map((name) => ({
      message: `The condition refers to “${name}”, which is not a question in this survey.`,
    }));
}
