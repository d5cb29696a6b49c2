import { useId } from "react";
import type { ElementJson } from "../../../shared/editor/survey-json.ts";
import {
  patternProblem,
  rangeProblem,
  readValidation,
  writeValidation,
} from "../../../shared/editor/validation.ts";
import { NumberInput, TextInput } from "../fields.tsx";

/**
 * Checks on a short or long answer: the smallest and largest number, the shortest and longest text,
 * and (for people who know regular expressions) a pattern with its message.
 */
export function AnswerChecks({
  element,
  onChange,
}: {
  element: ElementJson;
  onChange: (element: ElementJson) => void;
}) {
  const id = useId();
  const type = element.type;
  const validation = readValidation(element);
  const setValidation = (change: Partial<typeof validation>) => {
    const next = { ...validation, ...change };
    for (const key of Object.keys(next) as (keyof typeof next)[])
      if (next[key] === undefined) delete next[key];
    onChange(writeValidation(element, next));
  };
  return (
    <fieldset className="group">
      <legend>Checks on the answer</legend>
      {type === "text" && (element.inputType === "number" || element.inputType === "range") && (
        <div className="row">
          <NumberInput
            label="Smallest number"
            value={validation.min}
            onChange={(min) => setValidation({ min })}
          />
          <NumberInput
            label="Largest number"
            value={validation.max}
            onChange={(max) => setValidation({ max })}
          />
        </div>
      )}
      {(type === "comment" || !element.inputType || element.inputType === "text") && (
        <>
          <div className="row">
            <NumberInput
              label="Shortest answer (characters)"
              integer
              value={validation.minLength}
              onChange={(minLength) => setValidation({ minLength })}
            />
            <NumberInput
              label="Longest answer (characters)"
              integer
              value={validation.maxLength}
              onChange={(maxLength) => setValidation({ maxLength })}
            />
          </div>
          {type === "text" && (
            <>
              <details className="advanced" open={validation.pattern ? true : undefined}>
                <summary>Advanced: a pattern the answer must match</summary>
                <TextInput
                  label="Pattern the answer must match"
                  hint="For people who know regular expressions, for example ^[A-Z]{2}[0-9]{4}$ for two capital letters and four digits."
                  className="input input--medium code"
                  value={validation.pattern ?? ""}
                  error={validation.pattern ? patternProblem(validation.pattern) : null}
                  onChange={(pattern) => setValidation({ pattern: pattern || undefined })}
                />
              </details>
              {validation.pattern && (
                <TextInput
                  label="Message when it does not match"
                  participantText
                  value={validation.patternMessage ?? ""}
                  onChange={(patternMessage) =>
                    setValidation({ patternMessage: patternMessage || undefined })
                  }
                />
              )}
            </>
          )}
        </>
      )}
      {rangeProblem(validation) && (
        <p className="field-error" id={`${id}-range`}>
          {rangeProblem(validation)}
        </p>
      )}
    </fieldset>
  );
}
