import { useEffect, useId, useState } from "react";
import type { PublishedSurveySummary } from "../../shared/contract/index.ts";
import { wordsLocaleFor } from "../../shared/fieldwork/participant-words.ts";
import { languageName, mainLocale } from "../../shared/survey/locales.ts";
import { fetchSurveyVersion } from "../api/surveys.ts";
import { languageAttributes, languageLabel, offeredLanguages } from "./participant-language.ts";

interface Props {
  survey: PublishedSurveySummary;
  /** The chosen language; undefined until the version is read (then its main language is chosen). */
  value: string | undefined;
  onChange: (locale: string) => void;
}

/**
 * Which language the participant will be asked in (issue 18). Shown only when the version offers more
 * than one; the survey's main language is chosen to start with. The version comes from the tablet's
 * cache when offline, as starting the interview does.
 */
export function ParticipantLanguageField({ survey, value, onChange }: Props) {
  const id = useId();
  const [languages, setLanguages] = useState<{ main: string; all: string[] } | null>(null);
  useEffect(() => {
    let live = true;
    fetchSurveyVersion(survey.id, survey.version).then(
      (version) => {
        if (!live) return;
        const main = mainLocale(version.definition);
        setLanguages({ main, all: offeredLanguages(version.definition) });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [survey.id, survey.version]);
  useEffect(() => {
    if (languages && value === undefined) onChange(languages.main);
  }, [languages, value, onChange]);

  if (!languages || languages.all.length < 2) return null;
  const untranslated = value !== undefined && wordsLocaleFor(value) === null;
  return (
    <fieldset className="field choices">
      <legend>Which language does the participant want?</legend>
      <p className="hint" id={`${id}-hint`}>
        You keep the questions in your language. What the participant sees and hears is in theirs.
      </p>
      {languages.all.map((locale) => {
        const { lang, dir } = languageAttributes(locale);
        return (
          <label key={locale} className="choice">
            <input
              type="radio"
              name={`${id}-language`}
              value={locale}
              checked={value === locale}
              onChange={() => onChange(locale)}
            />
            <span lang={lang} dir={dir}>
              {languageLabel(locale, languages.main)}
            </span>
          </label>
        );
      })}
      {untranslated && (
        <p className="notice notice--warning" role="status">
          The questions will be in {languageName(value, "en")}. Our own words for the participant, such as “I
          want a break” and “Give the tablet back”, are not translated into {languageName(value, "en")} yet:
          the participant will see those in English.
        </p>
      )}
    </fieldset>
  );
}
