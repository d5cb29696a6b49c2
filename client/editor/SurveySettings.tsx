import { useId } from "react";
import { describeCondition } from "../../shared/editor/condition-words.ts";
import { addPage, removePage, updatePage } from "../../shared/editor/definition.ts";
import {
  allElements,
  isContainer,
  type SurveyJson,
  textOf,
  withText,
} from "../../shared/editor/survey-json.ts";
import { TextInput } from "./fields.tsx";

interface Props {
  survey: SurveyJson;
  catalogue: { title: string; description: string };
  onCatalogue: (catalogue: { title: string; description: string }) => void;
  onChange: (survey: SurveyJson) => void;
}

/** The survey as a whole: its name in lists, what participants see first, and its pages. */
export function SurveySettings({ survey, catalogue, onCatalogue, onChange }: Props) {
  const id = useId();
  const questions = allElements(survey)
    .map((v) => v.element)
    .filter((e) => !isContainer(e));
  const setSurveyText = (key: "title" | "description", value: string) => {
    const next = { ...survey, [key]: value ? withText(survey[key], value) : undefined };
    if (!value) delete next[key];
    onChange(next);
  };
  return (
    <details className="settings">
      <summary>Survey title, introduction and pages</summary>
      <TextInput
        label="Name in lists"
        hint="How coordinators and peer researchers find this survey."
        value={catalogue.title}
        onChange={(title) => onCatalogue({ ...catalogue, title })}
      />
      <TextInput
        label="What this survey is for (for staff)"
        multiline
        value={catalogue.description}
        onChange={(description) => onCatalogue({ ...catalogue, description })}
      />
      <TextInput
        label="Title participants see"
        participantText
        value={textOf(survey.title)}
        onChange={(value) => setSurveyText("title", value)}
      />
      <TextInput
        label="Introduction participants see"
        multiline
        participantText
        value={textOf(survey.description)}
        onChange={(value) => setSurveyText("description", value)}
      />
      <h3 id={`${id}-pages`}>Pages</h3>
      <ol className="pages" aria-labelledby={`${id}-pages`}>
        {survey.pages.map((page, index) => (
          <li key={page.name} className="pages__item">
            <TextInput
              label={`Page ${index + 1} title`}
              participantText
              value={textOf(page.title)}
              onChange={(value) =>
                onChange(
                  updatePage(survey, index, { title: value ? withText(page.title, value) : undefined }),
                )
              }
            />
            {typeof page.visibleIf === "string" && page.visibleIf.trim() && (
              <p className="condition__sentence">
                {describeCondition(page.visibleIf, questions).sentence.replace(
                  "Only ask this if",
                  "Only show this page if",
                )}
              </p>
            )}
            <details className="advanced">
              <summary>Advanced: when to show page {index + 1}</summary>
              <TextInput
                label={`Page ${index + 1}: show only if, in the survey software’s own notation`}
                hint="Leave empty to show the page always."
                className="input input--wide code"
                value={typeof page.visibleIf === "string" ? page.visibleIf : ""}
                onChange={(value) => onChange(updatePage(survey, index, { visibleIf: value || undefined }))}
              />
            </details>
            {survey.pages.length > 1 && (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => onChange(removePage(survey, index))}
              >
                Remove page {index + 1} (its questions move to the page {index === 0 ? "after" : "before"})
              </button>
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange(addPage(survey, ""))}
      >
        Add a page
      </button>
    </details>
  );
}
