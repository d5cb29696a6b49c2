import { useId } from "react";
import { addPage, removePage, updatePage } from "../../shared/editor/definition.ts";
import { type SurveyJson, textOf, withText } from "../../shared/editor/survey-json.ts";
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
            <TextInput
              label={`Page ${index + 1}: show only if (expression)`}
              className="input input--wide code"
              value={typeof page.visibleIf === "string" ? page.visibleIf : ""}
              onChange={(value) => onChange(updatePage(survey, index, { visibleIf: value || undefined }))}
            />
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
