import { useEffect, useId, useState } from "react";
import {
  buildCondition,
  type Condition,
  type ConditionOperator,
  type ConditionRule,
  checkExpression,
  needsValue,
  operatorLabels,
  parseCondition,
} from "../../shared/editor/condition.ts";
import { describeCondition } from "../../shared/editor/condition-words.ts";
import { type ElementJson, itemsOf, textOf } from "../../shared/editor/survey-json.ts";

interface Props {
  /** The question whose visibility this is; it cannot depend on itself. */
  self: string;
  /** Questions it may depend on, in survey order. */
  questions: ElementJson[];
  expression: string;
  onChange: (expression: string) => void;
  knownNames: ReadonlySet<string>;
}

function operatorsFor(type: string | undefined): ConditionOperator[] {
  switch (type) {
    case "checkbox":
    case "ranking":
      return ["contains", "notContains", "answered", "notAnswered"];
    case "rating":
      return [
        "equals",
        "notEquals",
        "greater",
        "greaterOrEqual",
        "less",
        "lessOrEqual",
        "answered",
        "notAnswered",
      ];
    case "text":
      return ["equals", "notEquals", "greater", "less", "answered", "notAnswered"];
    default:
      return ["equals", "notEquals", "answered", "notAnswered"];
  }
}

interface ValueOption {
  value: string | number | boolean;
  label: string;
}

function valueOptions(question: ElementJson | undefined): ValueOption[] | null {
  if (!question) return null;
  if (question.type === "boolean") {
    return [
      { value: true, label: textOf(question.labelTrue) || "Yes" },
      { value: false, label: textOf(question.labelFalse) || "No" },
    ];
  }
  if (question.type === "rating" && !Array.isArray(question.rateValues)) {
    const min = Number(question.rateMin ?? 1);
    const max = Number(question.rateMax ?? 5);
    if (Number.isFinite(min) && Number.isFinite(max) && max - min <= 20) {
      return Array.from({ length: max - min + 1 }, (_, i) => ({ value: min + i, label: String(min + i) }));
    }
  }
  const items = itemsOf(question.choices ?? question.rateValues);
  if (items.length > 0) {
    return items.map((item) => ({
      value:
        typeof item.value === "number" || typeof item.value === "boolean" ? item.value : String(item.value),
      label: item.text,
    }));
  }
  return null;
}

/**
 * "Only ask this if…". The builder writes the SurveyJS `visibleIf` expression and says the condition in
 * a plain sentence built from it; the expression itself is under "Advanced", editable as text. An
 * expression the builder cannot show is kept as text, never rewritten.
 */
export function ConditionBuilder({ self, questions, expression, onChange, knownNames }: Props) {
  const id = useId();
  const [text, setText] = useState(expression);
  useEffect(() => setText(expression), [expression]);
  const parsed = parseCondition(text);
  const candidates = questions.filter((q) => q.name !== self && q.type !== "html");
  const byName = new Map(candidates.map((q) => [q.name, q]));
  const problems = checkExpression(text, knownNames);
  const [buildProblem, setBuildProblem] = useState<string | null>(null);

  const commit = (condition: Condition) => {
    const built = buildCondition(condition);
    if (!built.ok) {
      setBuildProblem(built.message);
      return;
    }
    setBuildProblem(null);
    setText(built.expression);
    onChange(built.expression);
  };
  const rules = parsed?.rules ?? [];
  const setRule = (index: number, rule: ConditionRule) =>
    commit({ combinator: parsed?.combinator ?? "and", rules: rules.map((r, i) => (i === index ? rule : r)) });
  const addRule = () => {
    const first = candidates[0];
    if (!first) return;
    const options = valueOptions(first);
    const operator = operatorsFor(first.type)[0] ?? "answered";
    commit({
      combinator: parsed?.combinator ?? "and",
      rules: [
        ...rules,
        needsValue(operator) && options?.[0]
          ? { question: first.name, operator, value: options[0].value }
          : { question: first.name, operator: "answered" },
      ],
    });
  };

  const words = describeCondition(text, questions);
  return (
    <fieldset className="condition">
      <legend>When to ask this question</legend>
      <p className="condition__sentence" aria-live="polite">
        {words.sentence}
      </p>
      {parsed === null || rules.length === 0 ? null : (
        <>
          {rules.length > 1 && (
            <div className="field field--inline">
              <label htmlFor={`${id}-combinator`}>Ask it when</label>
              <select
                id={`${id}-combinator`}
                className="input input--medium"
                value={parsed.combinator}
                onChange={(event) =>
                  commit({ combinator: event.target.value === "or" ? "or" : "and", rules })
                }
              >
                <option value="and">all of these are true</option>
                <option value="or">any of these is true</option>
              </select>
            </div>
          )}
          <ol className="condition__rules">
            {rules.map((rule, index) => {
              const question = byName.get(rule.question);
              const operators = operatorsFor(question?.type);
              const options = valueOptions(question);
              const ruleId = `${id}-rule-${index}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity beyond their place.
                <li key={index} className="condition__rule">
                  <div className="field">
                    <label htmlFor={`${ruleId}-q`}>Rule {index + 1}: the question</label>
                    <select
                      id={`${ruleId}-q`}
                      className="input"
                      value={rule.question}
                      onChange={(event) => {
                        const next = byName.get(event.target.value);
                        const nextOptions = valueOptions(next);
                        const operator = operatorsFor(next?.type)[0] ?? "answered";
                        setRule(
                          index,
                          needsValue(operator) && nextOptions?.[0]
                            ? { question: event.target.value, operator, value: nextOptions[0].value }
                            : { question: event.target.value, operator: "answered" },
                        );
                      }}
                    >
                      {!question && (
                        <option value={rule.question}>{rule.question} (not in this survey)</option>
                      )}
                      {candidates.map((q) => (
                        <option key={q.name} value={q.name}>
                          {textOf(q.title) || q.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${ruleId}-op`}>Rule {index + 1}: its answer</label>
                    <select
                      id={`${ruleId}-op`}
                      className="input input--medium"
                      value={rule.operator}
                      onChange={(event) => {
                        const operator = event.target.value as ConditionOperator;
                        setRule(
                          index,
                          needsValue(operator)
                            ? { ...rule, operator, value: rule.value ?? options?.[0]?.value ?? "" }
                            : { question: rule.question, operator },
                        );
                      }}
                    >
                      {(operators.includes(rule.operator) ? operators : [rule.operator, ...operators]).map(
                        (op) => (
                          <option key={op} value={op}>
                            {operatorLabels[op]}
                          </option>
                        ),
                      )}
                    </select>
                  </div>
                  {needsValue(rule.operator) && (
                    <div className="field">
                      <label htmlFor={`${ruleId}-value`}>Rule {index + 1}: this answer</label>
                      {options ? (
                        <select
                          id={`${ruleId}-value`}
                          className="input"
                          value={JSON.stringify(rule.value ?? "")}
                          onChange={(event) =>
                            setRule(index, { ...rule, value: JSON.parse(event.target.value) })
                          }
                        >
                          {!options.some((o) => o.value === rule.value) && (
                            <option value={JSON.stringify(rule.value ?? "")}>
                              {String(rule.value ?? "")}
                            </option>
                          )}
                          {options.map((o) => (
                            <option key={JSON.stringify(o.value)} value={JSON.stringify(o.value)}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input
                          id={`${ruleId}-value`}
                          className="input input--medium"
                          value={String(rule.value ?? "")}
                          onChange={(event) => {
                            const raw = event.target.value;
                            const numeric = question?.type === "rating" || question?.inputType === "number";
                            setRule(index, {
                              ...rule,
                              value:
                                numeric && raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw,
                            });
                          }}
                        />
                      )}
                    </div>
                  )}
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    aria-label={`Remove rule ${index + 1}`}
                    onClick={() =>
                      commit({ combinator: parsed.combinator, rules: rules.filter((_, i) => i !== index) })
                    }
                  >
                    Remove
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
      {parsed !== null && candidates.length > 0 && (
        <button type="button" className="button button--secondary" onClick={addRule}>
          {rules.length === 0 ? "Only ask it after a certain answer" : "Add another rule"}
        </button>
      )}
      {buildProblem && (
        <p className="field-error" role="alert">
          {buildProblem}
        </p>
      )}
      <details className="advanced" open={parsed === null || problems.length > 0 || undefined}>
        <summary>Advanced: the condition as the survey software writes it</summary>
        <div className={`field${problems.length ? " field--invalid" : ""}`}>
          <label htmlFor={`${id}-expression`}>The condition in the survey software’s own notation</label>
          <p className="hint" id={`${id}-expression-hint`}>
            The rules above write this for you. Change it here only if you know the notation; the sentence
            above shows what it means.
          </p>
          {problems.length > 0 && (
            <div id={`${id}-expression-error`}>
              {problems.map((p) => (
                <p key={p.message} className="field-error">
                  <span className="visually-hidden">Error: </span>
                  {p.message}
                </p>
              ))}
            </div>
          )}
          <input
            id={`${id}-expression`}
            className="input input--wide code"
            value={text}
            aria-describedby={`${id}-expression-hint${problems.length ? ` ${id}-expression-error` : ""}`}
            aria-invalid={problems.length ? true : undefined}
            onChange={(event) => {
              setText(event.target.value);
              onChange(event.target.value);
            }}
          />
        </div>
      </details>
    </fieldset>
  );
}
