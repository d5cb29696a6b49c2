import { dropEmpty } from "../../../shared/editor/definition.ts";
import { isQuestionType, questionTypeLabels, questionTypes } from "../../../shared/editor/question-types.ts";
import { type ElementJson, textOf, withText } from "../../../shared/editor/survey-json.ts";
import { ConditionBuilder } from "../ConditionBuilder.tsx";
import { Checkbox, Select, TextInput } from "../fields.tsx";
import { AnswerChecks } from "./AnswerChecks.tsx";
import { changeType } from "./change-type.ts";
import { DataNameField } from "./DataNameField.tsx";
import { LicenceFields } from "./LicenceFields.tsx";
import { OutcomeFields } from "./OutcomeFields.tsx";
import { TypeFields } from "./TypeFields.tsx";

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

/**
 * The form for one question: every property the editor offers, each labelled, wording checked. What
 * every question has is here; what a type has of its own is in that type's part (TypeFields.tsx).
 */
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
  const locked = element.locked === true;
  const set = (key: string, value: unknown) =>
    onChange(dropEmpty({ ...element, [key]: value }) as ElementJson);
  const setText = (key: string, value: string) =>
    set(key, value === "" ? undefined : withText(element[key], value));
  const type = element.type;
  const known = isQuestionType(type);

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
      <TypeFields
        element={element}
        locked={locked}
        autoValues={!publishedNames.has(originalName)}
        set={set}
        setText={setText}
      />

      {type !== "html" && (
        <Checkbox
          label="An answer is required"
          hint="Use sparingly: people may skip any question."
          checked={element.isRequired === true}
          onChange={(checked) => set("isRequired", checked || undefined)}
        />
      )}

      {(type === "text" || type === "comment") && <AnswerChecks element={element} onChange={onChange} />}

      <ConditionBuilder
        self={element.name}
        questions={allQuestions}
        knownNames={knownNames}
        expression={typeof element.visibleIf === "string" ? element.visibleIf : ""}
        onChange={(expression) => set("visibleIf", expression.trim() ? expression : undefined)}
      />

      {type !== "html" && <OutcomeFields element={element} set={set} onChange={onChange} />}

      <LicenceFields element={element} canUnlock={canUnlock} set={set} />
      <DataNameField
        element={element}
        originalName={originalName}
        allQuestions={allQuestions}
        publishedNames={publishedNames}
        onChange={onChange}
      />
    </div>
  );
}
