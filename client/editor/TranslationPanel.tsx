import { type ChangeEvent, useCallback, useEffect, useId, useState } from "react";
import type { TranslationsImportReport, TranslationsView } from "../../shared/contract/translations.ts";
import { checkEasyRead } from "../../shared/editor/easy-read-check.ts";
import { EASY_READ, isRightToLeft, languageName } from "../../shared/survey/locales.ts";
import {
  addLanguage,
  fetchTranslations,
  importTranslationsCsv,
  saveTranslations,
  setMyLanguages,
  setOffered,
  signOffLanguage,
  translationsCsvUrl,
} from "../api/translations.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime, plural } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { EasyReadPictures } from "./EasyReadPictures.tsx";
import "./translations.css";

/** Languages people in the partnership areas speak most, offered first when adding one. */
const COMMON = ["pl", "ar", "ur", "pa", "bn", "so", "ro", "fa", "ku", "ti", "uk", "pt", "cy", EASY_READ];

/** "Polish (polski)"; a language whose own name the browser does not know is named once: "Somali". */
function nameOf(locale: string): string {
  if (locale === EASY_READ) return "Easy Read English";
  const english = languageName(locale, "en");
  const own = languageName(locale);
  return own === english ? english : `${english} (${own})`;
}

/**
 * Translation side by side (issue 18): the main-language wording on the left, the chosen language on
 * the right, one row per text a participant sees, with a marker where a translation is missing or
 * the wording changed after it was made. Each language is signed off by an expert who reads it, or
 * marked "not offered" so the survey can be published without it.
 */
export function TranslationPanel({
  surveyId,
  role,
  unsaved,
  onChanged,
}: {
  surveyId: string;
  role: string;
  unsaved: boolean;
  onChanged: () => void;
}) {
  const id = useId();
  const [view, setView] = useState<TranslationsView | null>(null);
  const [locale, setLocale] = useState<string | null>(null);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState(COMMON[0] ?? "pl");
  const [note, setNote] = useState("");
  const [report, setReport] = useState<{ csv: string; report: TranslationsImportReport } | null>(null);
  const [message, setMessage] = useState("");

  const show = useCallback((next: TranslationsView) => {
    setView(next);
    setLocale((current) => current ?? next.languages[0]?.locale ?? null);
  }, []);

  useEffect(() => {
    fetchTranslations(surveyId).then(show, setFailure);
  }, [surveyId, show]);

  const act = async (action: () => Promise<TranslationsView | undefined>, done?: string) => {
    setBusy(true);
    setFailure(null);
    setMessage("");
    try {
      const next = await action();
      if (next) show(next);
      if (done) setMessage(done);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (!view) return failure ? <ErrorAlert error={failure} /> : <Loading what="the translations" />;
  const language = view.languages.find((l) => l.locale === locale) ?? null;
  const rtl = locale ? isRightToLeft(locale) : false;
  const reads = locale !== null && view.myLanguages.includes(locale);
  const pending = Object.keys(edits).length;
  const main = languageName(view.mainLocale, "en");
  // Rows say which question they belong to by its wording, never by its data name.
  const questionTitles = new Map(
    view.strings.filter((s) => s.key === `q:${s.where}:title`).map((s) => [s.where, s.source]),
  );

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    const csv = await file.text();
    await act(async () => {
      setReport({ csv, report: await importTranslationsCsv(surveyId, view.revision, csv, true) });
      return undefined;
    });
  };

  return (
    <div className="translations">
      {unsaved && (
        <p className="alert">
          Save your changes to the questions first: translations are made from saved wording.
        </p>
      )}
      {failure !== null && <ErrorAlert error={failure} />}
      <p role="status" className="translations__status">
        {message}
      </p>

      <section className="panel" aria-labelledby={`${id}-languages`}>
        <h2 id={`${id}-languages`}>Languages</h2>
        <p>
          The survey is written in {main}. Each other language needs every text translated and an expert who
          reads it to sign it off. A language that is not ready can be marked “not offered”: the survey is
          then published without it.
        </p>
        {view.languages.length === 0 ? (
          <p>No other languages yet.</p>
        ) : (
          <ul className="translations__languages">
            {view.languages.map((l) => (
              <li key={l.locale}>
                <button
                  type="button"
                  className={`button ${l.locale === locale ? "" : "button--quiet"}`}
                  aria-pressed={l.locale === locale}
                  onClick={() => {
                    setLocale(l.locale);
                    setEdits({});
                  }}
                >
                  {nameOf(l.locale)}
                </button>{" "}
                <span>
                  {l.total - l.missing - l.outOfDate} of {l.total} texts done
                  {l.missing > 0 ? `, ${l.missing} not translated` : ""}
                  {l.outOfDate > 0 ? `, ${l.outOfDate} out of date` : ""}.{" "}
                  {l.signOff?.current
                    ? `Signed off by ${l.signOff.by.name} on ${formatDateTime(l.signOff.at)}.`
                    : l.signOff
                      ? "Signed off before the wording changed: needs signing off again."
                      : "Not signed off yet."}{" "}
                  {l.offered ? "" : "Not offered."}
                </span>
              </li>
            ))}
          </ul>
        )}
        <div className="translations__add">
          <label htmlFor={`${id}-add`}>Add a language</label>
          <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(e.target.value)}>
            {COMMON.filter((l) => !view.languages.some((x) => x.locale === l)).map((l) => (
              <option key={l} value={l}>
                {nameOf(l)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              act(
                async () => {
                  const next = await addLanguage(surveyId, adding);
                  setLocale(adding);
                  return next;
                },
                `${nameOf(adding)} added.`,
              )
            }
          >
            Add
          </button>
        </div>
      </section>

      {language && locale && (
        <section className="panel panel--wide" aria-labelledby={`${id}-side`}>
          <h2 id={`${id}-side`}>
            {main} and {nameOf(locale)}
          </h2>
          <table className="translations__table">
            <thead>
              <tr>
                <th scope="col">Where</th>
                <th scope="col">{main}</th>
                <th scope="col">{nameOf(locale)}</th>
              </tr>
            </thead>
            <tbody>
              {view.strings.map((s) => {
                const current = s.texts[locale];
                const value = edits[s.key] ?? current?.text ?? "";
                const fieldId = `${id}-t-${s.key}`;
                return (
                  <tr key={s.key}>
                    <th scope="row">
                      {s.label}
                      {s.where && !s.key.endsWith(":title") && questionTitles.get(s.where) ? (
                        <span className="translations__where"> of “{questionTitles.get(s.where)}”</span>
                      ) : null}
                    </th>
                    <td lang={view.mainLocale === "en" ? "en" : view.mainLocale}>{s.source}</td>
                    <td>
                      <label className="visually-hidden" htmlFor={fieldId}>
                        {s.label} in {nameOf(locale)}
                      </label>
                      <textarea
                        id={fieldId}
                        lang={locale === EASY_READ ? "en" : locale}
                        dir={rtl ? "rtl" : "ltr"}
                        rows={2}
                        value={value}
                        onChange={(e) => setEdits((all) => ({ ...all, [s.key]: e.target.value }))}
                      />
                      {locale === EASY_READ &&
                        value !== "" &&
                        checkEasyRead(value)
                          .slice(0, 2)
                          .map((hint) => (
                            <p key={hint.message} className="translations__hint">
                              {hint.message}
                            </p>
                          ))}
                      {current?.state === "missing" && edits[s.key] === undefined && (
                        <p className="translations__marker">Not translated yet</p>
                      )}
                      {current?.state === "out_of_date" && edits[s.key] === undefined && (
                        <p className="translations__marker">
                          Out of date: the {main} changed after this was translated. It was: “
                          {current.madeFrom}”
                        </p>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p>
            <button
              type="button"
              className="button"
              disabled={busy || pending === 0 || unsaved}
              onClick={() =>
                act(
                  async () => {
                    const next = await saveTranslations(surveyId, locale, {
                      revision: view.revision,
                      strings: Object.entries(edits).map(([key, text]) => ({ key, text })),
                    });
                    setEdits({});
                    onChanged();
                    return next;
                  },
                  `Saved ${plural(pending, "translation")}.`,
                )
              }
            >
              Save {pending > 0 ? plural(pending, "translation") : "translations"}
            </button>
          </p>

          <h3>Sign off {nameOf(locale)}</h3>
          {role !== "expert" ? (
            <p>An expert by experience who reads {nameOf(locale)} signs it off.</p>
          ) : !reads ? (
            <p>
              You have not said you read {nameOf(locale)}.{" "}
              <button
                type="button"
                className="button button--quiet"
                disabled={busy}
                onClick={() =>
                  act(
                    async () => {
                      await setMyLanguages([...view.myLanguages, locale]);
                      return fetchTranslations(surveyId);
                    },
                    `${nameOf(locale)} added to the languages you read.`,
                  )
                }
              >
                I read {nameOf(locale)}
              </button>
            </p>
          ) : (
            <div>
              <label htmlFor={`${id}-note`}>Anything to note (optional)</label>
              <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
              <button
                type="button"
                className="button"
                disabled={busy || pending > 0 || language.missing > 0 || language.outOfDate > 0}
                onClick={() =>
                  act(
                    async () => {
                      const next = await signOffLanguage(surveyId, locale, note);
                      setNote("");
                      return next;
                    },
                    `You signed off ${nameOf(locale)}.`,
                  )
                }
              >
                I have read every text and sign off {nameOf(locale)}
              </button>
              {(language.missing > 0 || language.outOfDate > 0) && (
                <p>Every text needs an up-to-date translation before you can sign off.</p>
              )}
            </div>
          )}

          <h3>Offer {nameOf(locale)} to participants</h3>
          <label className="translations__offered">
            <input
              type="checkbox"
              checked={language.offered}
              disabled={busy}
              onChange={(e) =>
                act(
                  () => setOffered(surveyId, locale, e.target.checked),
                  e.target.checked
                    ? `${nameOf(locale)} will be offered.`
                    : `${nameOf(locale)} will not be offered.`,
                )
              }
            />{" "}
            Offer this language when the survey is published
          </label>
        </section>
      )}

      {locale === EASY_READ && (
        <EasyReadPictures
          surveyId={surveyId}
          unsaved={unsaved}
          onChanged={() => {
            onChanged();
            void fetchTranslations(surveyId).then(show, setFailure);
          }}
        />
      )}

      <section className="panel" aria-labelledby={`${id}-csv`}>
        <h2 id={`${id}-csv`}>Work with a translator</h2>
        <p>
          Download a spreadsheet with one row per text and a column per language. A translator fills it in (no
          account needed) and you bring it back here. You see what will change before anything does.
        </p>
        <p>
          <a className="button button--quiet" href={translationsCsvUrl(surveyId)} download>
            Download the spreadsheet
          </a>
        </p>
        <label htmlFor={`${id}-file`}>Bring back a filled-in spreadsheet</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          disabled={busy || unsaved}
          onChange={onFile}
        />
        {report && (
          <div className="translations__report">
            <p>
              {report.report.changes.length === 0
                ? "Nothing in the file is different from the survey."
                : `${plural(report.report.changes.length, "text")} will change:`}
            </p>
            <ul>
              {report.report.changes.slice(0, 200).map((c) => (
                <li key={`${c.key}:${c.locale}`}>
                  {nameOf(c.locale)}, {c.label}
                  {c.where && questionTitles.get(c.where) && !c.key.endsWith(":title")
                    ? ` of “${questionTitles.get(c.where)}”`
                    : ""}
                  : “{c.before || "(empty)"}” becomes “{c.after}”
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button"
              disabled={busy || report.report.changes.length === 0}
              onClick={() =>
                act(async () => {
                  await importTranslationsCsv(surveyId, view.revision, report.csv, false);
                  setReport(null);
                  onChanged();
                  return fetchTranslations(surveyId);
                }, "The translations from the spreadsheet are in.")
              }
            >
              Make these changes
            </button>{" "}
            <button type="button" className="button button--quiet" onClick={() => setReport(null)}>
              Cancel
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
