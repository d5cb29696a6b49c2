import { useId, useState } from "react";
import { slug } from "../../shared/editor/question-types.ts";
import { isObject, textOf, withText } from "../../shared/editor/survey-json.ts";
import { PlainLanguageNote } from "./PlainLanguageNote.tsx";

interface Item {
  value: string;
  text: string;
  score?: number;
  /** The item as it was in the JSON, so properties this form does not show are kept. */
  raw: Record<string, unknown>;
}

/** Back to SurveyJS JSON: the item's own properties, with what the form changed. */
function toJson(item: Item): Record<string, unknown> {
  const { score: _score, ...raw } = item.raw;
  const json: Record<string, unknown> = {
    ...raw,
    value: item.value,
    text: withText(item.raw.text, item.text),
  };
  if (item.score !== undefined) json.score = item.score;
  return json;
}

interface Props {
  /** "Choices", "Rows", "Columns". */
  legend: string;
  /** "choice", "row", "column". */
  noun: string;
  items: unknown;
  onChange: (items: Record<string, unknown>[]) => void;
  withScores: boolean;
  readOnly: boolean;
  /**
   * Whether a value "Add" made (choice_3) may follow the text when the text is first written. Never
   * for a published question: its values are already in the data.
   */
  autoValues: boolean;
}

function toItems(value: unknown): Item[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw) => {
    if (isObject(raw)) {
      const item: Item = {
        value: String(raw.value ?? ""),
        text: textOf(raw.text) || String(raw.value ?? ""),
        raw,
      };
      if (typeof raw.score === "number") item.score = raw.score;
      return item;
    }
    return { value: String(raw), text: String(raw), raw: {} };
  });
}

/**
 * Choices (or matrix rows and columns): what a participant reads, the value stored, and, for scored
 * questions, the score each contributes to its outcome's indicator. Values stay as they are once
 * written, so renaming a choice's text never changes the data.
 */
export function ItemsEditor({ legend, noun, items, onChange, withScores, readOnly, autoValues }: Props) {
  const id = useId();
  const list = toItems(items);
  // How each answer is stored is advanced detail: shown on request, or when a value needs fixing.
  const [valuesOpen, setValuesOpen] = useState(false);
  const valueProblem =
    list.some((i) => !i.value.trim()) || new Set(list.map((i) => i.value)).size !== list.length;
  const showValues = valuesOpen || valueProblem;
  const emit = (next: Item[]) => onChange(next.map(toJson));
  const update = (index: number, change: Partial<Item>) =>
    emit(list.map((item, i) => (i === index ? { ...item, ...change } : item)));
  const move = (index: number, step: -1 | 1) => {
    const next = [...list];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + step, 0, item);
    emit(next);
  };
  const placeholder = new RegExp(`^${noun}_\\d+$`);
  const add = () => {
    const used = new Set(list.map((i) => i.value));
    let n = list.length + 1;
    while (used.has(`${noun}_${n}`)) n += 1;
    emit([...list, { value: `${noun}_${n}`, text: "", raw: {} }]);
  };
  /** A value still as "Add" made it follows the text when the text is first written. */
  const settleValue = (index: number, item: Item) => {
    if (!autoValues || !item.text.trim() || !placeholder.test(item.value)) return;
    const used = new Set(list.filter((_, i) => i !== index).map((i) => i.value));
    let value = slug(item.text);
    for (let n = 2; used.has(value); n += 1) value = `${slug(item.text)}_${n}`;
    update(index, { value });
  };
  return (
    <fieldset className="items">
      <legend>{legend}</legend>
      {readOnly && <p className="hint">These come from a licensed instrument and cannot be changed.</p>}
      <ol className="items__list">
        {list.map((item, index) => {
          const label = item.text || `${noun} ${index + 1}`;
          const textId = `${id}-${index}-text`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the value is edited in place, so it cannot be the key.
            <li key={index} className="items__row">
              <div className="items__fields">
                <div className="field">
                  <label htmlFor={textId}>
                    {noun[0]?.toUpperCase()}
                    {noun.slice(1)} {index + 1} text
                  </label>
                  <input
                    id={textId}
                    className="input"
                    value={item.text}
                    readOnly={readOnly}
                    aria-describedby={item.text.trim() ? `${textId}-plain` : undefined}
                    onChange={(event) => update(index, { text: event.target.value })}
                    onBlur={() => settleValue(index, item)}
                  />
                  <PlainLanguageNote id={`${textId}-plain`} text={item.text} />
                </div>
                {showValues && (
                  <div className="field">
                    <label htmlFor={`${id}-${index}-value`}>Stored as</label>
                    <input
                      id={`${id}-${index}-value`}
                      className="input input--medium code"
                      value={item.value}
                      readOnly={readOnly}
                      onChange={(event) => update(index, { value: event.target.value })}
                    />
                  </div>
                )}
                {withScores && (
                  <div className="field">
                    <label htmlFor={`${id}-${index}-score`}>Score</label>
                    <input
                      id={`${id}-${index}-score`}
                      className="input input--short"
                      type="number"
                      step="any"
                      value={item.score ?? ""}
                      readOnly={readOnly}
                      onChange={(event) => {
                        const n = Number(event.target.value);
                        const { score: _score, ...rest } = item;
                        const next =
                          event.target.value === "" || !Number.isFinite(n) ? rest : { ...rest, score: n };
                        emit(list.map((x, i) => (i === index ? next : x)));
                      }}
                    />
                  </div>
                )}
              </div>
              {!readOnly && (
                <div className="items__actions">
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    aria-label={`Move ${noun} “${label}” up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    aria-label={`Move ${noun} “${label}” down`}
                    disabled={index === list.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    aria-label={`Remove ${noun} “${label}”`}
                    onClick={() => emit(list.filter((_, i) => i !== index))}
                  >
                    Remove
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <div className="actions actions--tight">
        {!readOnly && (
          <button type="button" className="button button--secondary" onClick={add}>
            Add a {noun}
          </button>
        )}
        {!valueProblem && (
          <button
            type="button"
            className="button button--quiet"
            aria-expanded={valuesOpen}
            onClick={() => setValuesOpen((open) => !open)}
          >
            {valuesOpen ? "Hide how each answer is stored" : "Advanced: how each answer is stored"}
          </button>
        )}
      </div>
    </fieldset>
  );
}
