import "survey-core/survey-core.fontless.min.css";
import { useEffect, useRef, useState } from "react";
import type { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { isUnsafeHtml } from "../../shared/editor/check-definition.ts";
import { allElements, isObject, type SurveyJson } from "../../shared/editor/survey-json.ts";
import { sanitiseRenderedHtml } from "../../shared/html/survey-model-html.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { applySurveyTheme } from "../fieldwork/survey-theme.ts";
import { fillToReach, type PreviewFills } from "./preview-answers.ts";

interface Props {
  definition: SurveyJson;
  /** The page of the question being edited, so the preview shows it. */
  pageIndex: number | null;
  /** The question being edited: the preview opens at it, with what it needs answered to be seen. */
  questionName?: string | null;
}

const REBUILD_AFTER_MS = 150;

/**
 * survey-react-ui renders information text as HTML. What the editor has not saved yet has not been
 * checked, so anything a save would refuse is shown as a notice instead (the CSP would block it too).
 */
function safeForPreview(definition: SurveyJson): SurveyJson {
  const copy = structuredClone(definition) as SurveyJson;
  for (const { element } of allElements(copy)) {
    const html = element.html;
    const texts = typeof html === "string" ? [html] : isObject(html) ? Object.values(html) : [];
    if (texts.some((t) => typeof t === "string" && isUnsafeHtml(t))) {
      element.html =
        "<p><strong>This information text contains script or a form, so it is not shown.</strong></p>";
    }
  }
  return copy;
}

/**
 * What a participant will see, rendered by survey-react-ui as the tablet renders it. It opens at the
 * question being edited, with earlier required answers (and what its condition needs) filled in, so
 * it can be seen at once. It rebuilds shortly after each change and carries over the answers given in
 * the preview, so a condition that was met stays met while the wording is edited.
 */
export function SurveyPreview({ definition, pageIndex, questionName = null }: Props) {
  const [model, setModel] = useState<Model | null>(null);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [filled, setFilled] = useState<string[]>([]);
  const previous = useRef<Model | null>(null);
  const frame = useRef<HTMLElement | null>(null);
  const shown = useRef<string | null>(null);
  const fills = useRef<PreviewFills>(new Map());

  useEffect(() => {
    const timer = window.setTimeout(() => {
      const next = createSurveyModel(safeForPreview(definition));
      // Unsaved text has not been sanitised by the server yet: the preview shows what a save would keep.
      sanitiseRenderedHtml(next);
      next.showCompletePage = false;
      applySurveyTheme(next);
      const old = previous.current;
      if (old) {
        next.data = old.data;
        const page = old.currentPageNo;
        if (page >= 0 && page < next.visiblePageCount) next.currentPageNo = page;
      }
      next.onValueChanged.add(() => setAnswers({ ...next.data }));
      next.onComplete.add(() => {
        // In the preview, "Complete" just starts again with the same answers.
        next.clear(false, true);
      });
      previous.current = next;
      setModel(next);
      setAnswers({ ...next.data });
    }, REBUILD_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [definition]);

  useEffect(() => {
    if (!model || pageIndex === null) return;
    const added = fillToReach(model, questionName, pageIndex, fills.current);
    if (added.length > 0) {
      setFilled((before) => [...new Set([...before, ...added])]);
      setAnswers({ ...model.data });
    }
    const page = model.pages[pageIndex];
    if (page?.isVisible) model.currentPage = page;
    // Bring the question into view when another question is chosen, not on every keystroke.
    if (questionName && shown.current !== questionName) {
      shown.current = questionName;
      requestAnimationFrame(() => {
        const element = frame.current?.querySelector(`[data-name="${CSS.escape(questionName)}"]`);
        element?.scrollIntoView({ block: "nearest" });
      });
    }
  }, [model, pageIndex, questionName]);

  const clear = () => {
    if (!model) return;
    model.clear(true, true);
    setAnswers({});
    setFilled([]);
    fills.current.clear();
    shown.current = null;
  };

  const answered = Object.keys(answers)
    .map((name) => model?.getQuestionByValueName(name) ?? model?.getQuestionByName(name))
    .filter((q) => q !== null && q !== undefined)
    .map(
      (q) =>
        `“${q.title}”: ${q.displayValue === "" || q.displayValue === undefined ? "answered" : String(q.displayValue)}`,
    );
  return (
    <section className="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <p className="hint">
        What a participant sees. Answer the questions here to check when questions are asked: nothing you
        answer in the preview is saved.
      </p>
      {filled.length > 0 && (
        <p className="hint preview__filled">
          So you can see this question straight away, the preview answered{" "}
          {filled.length === 1 ? "one earlier question" : `${filled.length} earlier questions`} for you.{" "}
          {filled.length === 1 ? "Change it below if you like." : "Change them below if you like."}
        </p>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
      <section ref={frame} className="preview__frame" aria-label="Survey preview" tabIndex={0}>
        {model ? <Survey model={model} /> : <p className="loading">Building the preview…</p>}
      </section>
      <div className="preview__answers">
        <p>
          <strong>Answers in the preview:</strong> {answered.length === 0 ? "none yet." : answered.join("; ")}
        </p>
        <button
          type="button"
          className="button button--quiet"
          onClick={clear}
          disabled={answered.length === 0}
        >
          Clear preview answers
        </button>
      </div>
    </section>
  );
}
