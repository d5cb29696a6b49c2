import { type DragEvent, useState } from "react";
import type { Position } from "../../shared/editor/definition.ts";
import { PLAIN_TARGET } from "../../shared/editor/plain-language.ts";
import type { QuestionCheck } from "../../shared/editor/plain-language-survey.ts";
import { isQuestionType, questionTypeLabels } from "../../shared/editor/question-types.ts";
import { type SurveyJson, textOf } from "../../shared/editor/survey-json.ts";

interface Props {
  survey: SurveyJson;
  selected: Position | null;
  checks: Map<string, QuestionCheck>;
  openSuggestions: Map<string, number>;
  comments: Map<string, number>;
  onSelect: (at: Position) => void;
  onMove: (from: Position, to: Position) => void;
  onStep: (at: Position, step: -1 | 1) => void;
}

const DRAG_TYPE = "application/x-alongside-question";

/**
 * The survey's questions, page by page. Reorder by dragging a row, or with the "Move up" and "Move
 * down" buttons on each row (the keyboard way, which also crosses page edges).
 */
export function QuestionList({
  survey,
  selected,
  checks,
  openSuggestions,
  comments,
  onSelect,
  onMove,
  onStep,
}: Props) {
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  const onDragStart = (event: DragEvent, at: Position) => {
    event.dataTransfer.setData(DRAG_TYPE, JSON.stringify(at));
    event.dataTransfer.effectAllowed = "move";
  };
  const onDragOver = (event: DragEvent, key: string) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    setDropTarget(key);
  };
  const onDrop = (event: DragEvent, to: Position) => {
    event.preventDefault();
    setDropTarget(null);
    const raw = event.dataTransfer.getData(DRAG_TYPE);
    if (!raw) return;
    const from = JSON.parse(raw) as Position;
    // Dropping on a row puts the question where that row is; on the same page, later rows shift up.
    const adjusted = from.page === to.page && from.index < to.index ? { ...to, index: to.index - 1 } : to;
    if (from.page !== adjusted.page || from.index !== adjusted.index) onMove(from, adjusted);
  };

  const total = survey.pages.reduce((n, p) => n + p.elements.length, 0);
  let number = 0;
  return (
    <div className="qlist">
      {survey.pages.map((page, pageIndex) => (
        <section key={page.name} className="qlist__page" aria-labelledby={`page-${pageIndex}-heading`}>
          <h3 id={`page-${pageIndex}-heading`} className="qlist__page-heading">
            Page {pageIndex + 1}
            {textOf(page.title) ? `: ${textOf(page.title)}` : ""}
          </h3>
          <ol className="qlist__items">
            {page.elements.map((element, index) => {
              number += 1;
              const at = { page: pageIndex, index };
              const key = `${pageIndex}:${index}`;
              const isSelected = selected?.page === pageIndex && selected.index === index;
              const title = textOf(element.title) || (element.type === "html" ? "Information" : element.name);
              const check = checks.get(element.name);
              const hard = check?.score !== null && check?.score !== undefined && check.score < PLAIN_TARGET;
              const suggestions = openSuggestions.get(element.name) ?? 0;
              const notes = comments.get(element.name) ?? 0;
              const first = number === 1;
              const last = number === total;
              return (
                <li
                  key={`${element.name}-${key}`}
                  className={`qlist__item${isSelected ? " qlist__item--selected" : ""}${dropTarget === key ? " qlist__item--drop" : ""}`}
                  draggable
                  onDragStart={(event) => onDragStart(event, at)}
                  onDragOver={(event) => onDragOver(event, key)}
                  onDragLeave={() => setDropTarget(null)}
                  onDrop={(event) => onDrop(event, at)}
                >
                  <span className="qlist__grip" aria-hidden="true">
                    ⋮⋮
                  </span>
                  <button
                    type="button"
                    className="qlist__select"
                    aria-current={isSelected ? "true" : undefined}
                    onClick={() => onSelect(at)}
                  >
                    <span className="qlist__title">{title}</span>
                    <span className="qlist__meta">
                      {isQuestionType(element.type) ? questionTypeLabels[element.type] : element.type}
                      {element.visibleIf ? " · asked only sometimes" : ""}
                      {element.locked === true ? " · locked" : ""}
                      {hard ? ` · hard to read (${check?.score} out of 100)` : ""}
                      {suggestions > 0 ? ` · ${suggestions} suggestion${suggestions === 1 ? "" : "s"}` : ""}
                      {notes > 0 ? ` · ${notes} comment${notes === 1 ? "" : "s"}` : ""}
                    </span>
                  </button>
                  <span className="qlist__moves">
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      aria-label={`Move “${title}” up`}
                      disabled={first}
                      onClick={() => onStep(at, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      aria-label={`Move “${title}” down`}
                      disabled={last}
                      onClick={() => onStep(at, 1)}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              );
            })}
            <li
              className={`qlist__end${dropTarget === `${pageIndex}:end` ? " qlist__item--drop" : ""}`}
              onDragOver={(event) => onDragOver(event, `${pageIndex}:end`)}
              onDragLeave={() => setDropTarget(null)}
              onDrop={(event) => onDrop(event, { page: pageIndex, index: page.elements.length })}
            >
              {page.elements.length === 0 ? (
                "No questions on this page yet."
              ) : (
                <span aria-hidden="true"> </span>
              )}
            </li>
          </ol>
        </section>
      ))}
    </div>
  );
}
