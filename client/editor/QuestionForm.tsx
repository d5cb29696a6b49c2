import { useId } from "react";
import { DATA_NAME } from "../../shared/editor/check-definition.ts";
import { dropEmpty } from "../../shared/editor/definition.ts";
import {
  hasChoices,
  inputTypeLabels,
  isQuestionType,
  newQuestion,
  type QuestionType,
  questionTypeLabels,
  questionTypes,
  textInputTypes,
} from "../../shared/editor/question-types.ts";
import { type ElementJson, textOf, withText } from "../../shared/editor/survey-json.ts";
import {
  patternProblem,
  rangeProblem,
  readValidation,
  writeValidation,
} from "../../shared/editor/validation.ts";
import { indicatorDirections } from "../../shared/survey/properties.ts";
import { ConditionBuilder } from "./ConditionBuilder.tsx";
import { Checkbox, NumberInput, Select, TextInput } from "./fields.tsx";
import { ItemsEditor } from "./ItemsEditor.tsx";
import { outcomeGroups, outcomeIds } from "./theory-of-change.ts";

interface Props {
  element: ElementJson;
  /** The name the question had when it was opened, to notice a rename. */
  originalName: string;
  allQuestions: ElementJson[];
  knownNames: ReadonlySet<string>;
  publishedNames: ReadonlySet<string>;
  /** Whether this person may unlock a licensed question (coordinators and admins). */
  canUnlock: boolean;
  onChange: (element: ElementJson) => void;
  wordingFieldId: string;
}

const KEEP_ON_TYPE_CHANGE = [
  "name",
  "title",
  "description",
  "visibleIf",
  "isRequired",
  "outcome",
  "indicator",
  "interviewerNote",
  "sensitive",
  "valueName",
];

/** A new type keeps what every question has (wording, condition, tags) and starts the rest afresh. */
function changeType(element: ElementJson, type: QuestionType): ElementJson {
  const fresh = newQuestion(type, element.name);
  const kept: Record<string, unknown> = {};
  for (const key of KEEP_ON_TYPE_CHANGE) if (element[key] !== undefined) kept[key] = element[key];
  if (hasChoices(type) && hasChoices(element.type) && Array.isArray(element.choices))
    kept.choices = element.choices;
  if (type === "html") {
    delete kept.title;
    delete kept.isRequired;
    delete kept.outcome;
    delete kept.indicator;
  }
  return { ...fresh, ...kept, type, name: element.name };
}

/** The form for one question: every property the editor offers, each labelled, wording checked. */
export function QuestionForm({
  element,
  originalName,
  allQuestions,
  knownNames,
  publishedNames,
  canUnlock,
  onChange,
  wordingFieldId,
}: Props) {
  const id = useId();
  const locked = element.locked === true;
  const set = (key: string, value: unknown) =>
    onChange(dropEmpty({ ...element, [key]: value }) as ElementJson);
  const setText = (key: string, value: string) =>
    set(key, value === "" ? undefined : withText(element[key], value));
  const type = element.type;
  const known = isQuestionType(type);
  const validation = readValidation(element);
  const setValidation = (change: Partial<typeof validation>) => {
    const next = { ...validation, ...change };
    for (const key of Object.keys(next) as (keyof typeof next)[])
      if (next[key] === undefined) delete next[key];
    onChange(writeValidation(element, next));
  };
  const renamedPublished = originalName !== element.name && publishedNames.has(originalName);
  const nameProblem = !DATA_NAME.test(element.name)
    ? "Start with a letter; use only letters, digits and _ (up to 64)."
    : allQuestions.filter((q) => q.name === element.name).length > 1
      ? "Another question already uses this name. Choose another."
      : null;
  const outcome = typeof element.outcome === "string" ? element.outcome : "";

  return (
    <div className="qform">
      {locked && (
        <div className="notice notice--warning" role="note">
          <p className="alert__heading">Licensed wording: locked</p>
          <p>
            This question comes from a licensed instrument. Its wording and options cannot be changed
            {canUnlock ? " unless you unlock it" : "; a coordinator can unlock it if the licence allows"}.
          </p>
          {textOf(element.licence) && <p className="licence">{textOf(element.licence)}</p>}
        </div>
      )}

      <Select
        label="Question type"
        value={type}
        disabled={locked || !known}
        hint={known ? undefined : `“${type}” is kept as it is; edit it in the JSON.`}
        onChange={(value) => {
          if (isQuestionType(value)) onChange(changeType(element, value));
        }}
      >
        {!known && <option value={type}>{type}</option>}
        {questionTypes.map((t) => (
          <option key={t} value={t}>
            {questionTypeLabels[t]}
          </option>
        ))}
      </Select>

      {type === "html" ? (
        <TextInput
          label="Information shown to the participant"
          hint="Simple formatting only: paragraphs, bold, lists, links."
          multiline
          participantText
          readOnly={locked}
          value={textOf(element.html)}
          onChange={(value) => setText("html", value)}
          autoFocusId={wordingFieldId}
        />
      ) : (
        <TextInput
          label="Question wording"
          hint="What the participant reads or hears."
          multiline
          participantText
          readOnly={locked}
          value={textOf(element.title)}
          onChange={(value) => setText("title", value)}
          autoFocusId={wordingFieldId}
        />
      )}
      {type !== "html" && (
        <TextInput
          label="Help text for participants"
          hint="Optional. Shown under the question."
          multiline
          participantText
          readOnly={locked}
          value={textOf(element.description)}
          onChange={(value) => setText("description", value)}
        />
      )}
      <TextInput
        label="Note for the interviewer"
        hint="Read by the peer researcher only; never shown to the participant."
        multiline
        value={textOf(element.interviewerNote)}
        onChange={(value) => set("interviewerNote", value || undefined)}
      />
      {type === "text" && (
        <Select
          label="Kind of answer"
          value={typeof element.inputType === "string" ? element.inputType : "text"}
          disabled={locked}
          onChange={(value) => set("inputType", value === "text" ? undefined : value)}
        >
          {textInputTypes.map((t) => (
            <option key={t} value={t}>
              {inputTypeLabels[t]}
            </option>
          ))}
        </Select>
      )}
      {hasChoices(type) && (
        <ItemsEditor
          legend="Choices"
          noun="choice"
          items={element.choices}
          withScores={type !== "ranking"}
          readOnly={locked}
          autoValues={!publishedNames.has(originalName)}
          onChange={(items) => set("choices", items)}
        />
      )}
      {type === "matrix" && (
        <>
          <ItemsEditor
            legend="Rows (statements)"
            noun="row"
            items={element.rows}
            withScores={false}
            readOnly={locked}
            autoValues={!publishedNames.has(originalName)}
            onChange={(items) => set("rows", items)}
          />
          <ItemsEditor
            legend="Columns (answers)"
            noun="column"
            items={element.columns}
            withScores
            readOnly={locked}
            autoValues={!publishedNames.has(originalName)}
            onChange={(items) => set("columns", items)}
          />
        </>
      )}
      {type === "rating" && (
        <fieldset className="group">
          <legend>Scale</legend>
          <div className="row">
            <NumberInput
              label="Lowest point"
              integer
              readOnly={locked}
              value={typeof element.rateMin === "number" ? element.rateMin : 1}
              onChange={(value) => set("rateMin", value)}
            />
            <NumberInput
              label="Highest point"
              integer
              readOnly={locked}
              value={typeof element.rateMax === "number" ? element.rateMax : 5}
              onChange={(value) => set("rateMax", value)}
            />
          </div>
          <TextInput
            label="Label for the lowest point"
            participantText
            readOnly={locked}
            value={textOf(element.minRateDescription)}
            onChange={(value) => setText("minRateDescription", value)}
          />
          <TextInput
            label="Label for the highest point"
            participantText
            readOnly={locked}
            value={textOf(element.maxRateDescription)}
            onChange={(value) => setText("maxRateDescription", value)}
          />
        </fieldset>
      )}
      {type === "boolean" && (
        <div className="row">
          <TextInput
            label="Label for yes"
            participantText
            readOnly={locked}
            value={textOf(element.labelTrue)}
            onChange={(value) => setText("labelTrue", value)}
          />
          <TextInput
            label="Label for no"
            participantText
            readOnly={locked}
            value={textOf(element.labelFalse)}
            onChange={(value) => setText("labelFalse", value)}
          />
        </div>
      )}

      {type !== "html" && (
        <Checkbox
          label="An answer is required"
          hint="Use sparingly: people may skip any question."
          checked={element.isRequired === true}
          onChange={(checked) => set("isRequired", checked || undefined)}
        />
      )}

      {(type === "text" || type === "comment") && (
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
      )}

      <ConditionBuilder
        self={element.name}
        questions={allQuestions}
        knownNames={knownNames}
        expression={typeof element.visibleIf === "string" ? element.visibleIf : ""}
        onChange={(expression) => set("visibleIf", expression.trim() ? expression : undefined)}
      />

      {type !== "html" && (
        <fieldset className="group">
          <legend>What it measures</legend>
          <Select
            label="Outcome in the theory of change"
            value={outcome}
            hint="Tag questions that measure an outcome, so the dashboard can show them."
            onChange={(value) => {
              const next = dropEmpty({ ...element, outcome: value || undefined }) as ElementJson;
              if (!value) delete next.indicator;
              else if (!next.indicator) next.indicator = "higherIsBetter";
              onChange(next);
            }}
          >
            <option value="">Not tagged</option>
            {outcome && !outcomeIds.has(outcome) && (
              <option value={outcome}>{outcome} (not in the theory of change)</option>
            )}
            {outcomeGroups.map((group) => (
              <optgroup key={group.strand} label={group.strand}>
                {group.outcomes.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.short}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
          {outcome && (
            <Select
              label="Which way is better"
              value={typeof element.indicator === "string" ? element.indicator : "higherIsBetter"}
              onChange={(value) => set("indicator", value)}
            >
              {indicatorDirections.map((d) => (
                <option key={d} value={d}>
                  {d === "higherIsBetter" ? "A higher score is better" : "A lower score is better"}
                </option>
              ))}
            </Select>
          )}
          <Checkbox
            label="Sensitive: offer to hand the tablet over"
            checked={element.sensitive === true}
            onChange={(checked) => set("sensitive", checked || undefined)}
          />
        </fieldset>
      )}

      <fieldset className="group">
        <legend>Licence</legend>
        <Checkbox
          label="Locked: wording from a licensed instrument"
          hint={locked && !canUnlock ? "Only a coordinator or administrator can unlock it." : undefined}
          checked={locked}
          disabled={locked && !canUnlock}
          onChange={(checked) => set("locked", checked || undefined)}
        />
        {(locked || textOf(element.licence)) && (
          <TextInput
            label="Copyright notice"
            hint="Shown beside the locked question, for example “SWEMWBS © NHS Health Scotland, 2008”."
            readOnly={locked}
            value={textOf(element.licence)}
            onChange={(value) => set("licence", value || undefined)}
          />
        )}
      </fieldset>
      <details className="advanced" open={nameProblem !== null || renamedPublished || undefined}>
        <summary>Advanced: the name answers are stored under</summary>
        <TextInput
          label="Name the answers are stored under"
          hint="Used in downloaded answers and in conditions. Letters, numbers and _ only. Change it only before the survey is first published."
          className="input input--medium code"
          value={element.name}
          error={nameProblem}
          onChange={(value) => onChange({ ...element, name: value.trim() })}
        />
        {renamedPublished && (
          <p className="notice notice--warning">
            “{originalName}” was published. Answers already collected stay under “{originalName}”; answers
            under “{element.name}” start a new series. You will be asked to confirm when you save.
          </p>
        )}
      </details>
    </div>
  );
}
