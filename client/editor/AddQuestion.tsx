import { useState } from "react";
import { type QuestionType, questionTypeLabels, questionTypes } from "../../shared/editor/question-types.ts";

/** Choose a type and add a question of it after the open one (or at the end). */
export function AddQuestion({ onAdd }: { onAdd: (type: QuestionType) => void }) {
  const [type, setType] = useState<QuestionType>("radiogroup");
  return (
    <div className="add-question">
      <label htmlFor="new-question-type">New question type</label>
      <select
        id="new-question-type"
        className="input"
        value={type}
        onChange={(e) => setType(e.target.value as QuestionType)}
      >
        {questionTypes.map((t) => (
          <option key={t} value={t}>
            {questionTypeLabels[t]}
          </option>
        ))}
      </select>
      <button type="button" className="button button--secondary" onClick={() => onAdd(type)}>
        Add question
      </button>
    </div>
  );
}
