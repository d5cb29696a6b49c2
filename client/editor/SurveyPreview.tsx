import "survey-core/survey-core.fontless.min.css";
import { useEffect, useRef, useState } from "react";
import type { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import { isUnsafeHtml } from "../../shared/editor/check-definition.ts";
import { allElements, isObject, type SurveyJson } from "../../shared/editor/survey-json.ts";
import { sanitiseRenderedHtml } from "../../shared/html/survey-model-html.ts";
import { createSurveyModel } from "../../shared/survey/model.ts";
import { applySurveyTheme } from "../fieldwork/survey-theme.ts";

interface Props {
  definition: SurveyJson;
  /** The page of the question being edited, so the preview shows it. */
  pageIndex: number | null;
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
 * What a participant will see, rendered by survey-react-ui exactly as the tablet renders it, at a
 * tablet's width. It rebuilds shortly after each change and carries over the answers given in the
 * preview, so a condition that was met stays met while the wording is edited.
 */
export function SurveyPreview({ definition, pageIndex }: Props) {
  const [model, setModel] = useState<Model | null>(null);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const previous = useRef<Model | null>(null);

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
    const page = model.pages[pageIndex];
    if (page?.isVisible) model.currentPage = page;
  }, [model, pageIndex]);

  const clear = () => {
    if (!model) return;
    model.clear(true, true);
    setAnswers({});
  };

  const answered = Object.entries(answers);
  return (
    <section className="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <p className="hint">
        As a participant sees it on a 10-inch tablet. Answer the questions here to check conditions: nothing
        you answer in the preview is saved.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
      <section className="preview__frame" aria-label="Survey preview at tablet size" tabIndex={0}>
        {model ? <Survey model={model} /> : <p className="loading">Building the preview…</p>}
      </section>
      <div className="preview__answers">
        <p>
          <strong>Answers in the preview:</strong>{" "}
          {answered.length === 0
            ? "none yet."
            : answered.map(([name, value]) => `${name} = ${JSON.stringify(value)}`).join("; ")}
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
