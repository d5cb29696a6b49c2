import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import type { PicturesView } from "../../shared/contract/translations.ts";
import { fetchPictures, savePicture } from "../api/translations.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Loading } from "../ui/Loading.tsx";

/** What the server accepts (shared/editor/easy-read-pictures.ts checks again, bytes and all). */
const TYPES = ["image/png", "image/jpeg", "image/webp", "image/svg+xml"];
const MAX_BYTES = 300 * 1024;

type Picture = { dataUrl: string; alt: string } | null;

/** A problem with a chosen file, in plain words, or null when it may be sent. */
export function fileProblem(file: { type: string; size: number }): string | null {
  if (!TYPES.includes(file.type)) return "Choose a PNG, JPEG, WebP or SVG picture.";
  if (file.size > MAX_BYTES)
    return `This picture is ${Math.ceil(file.size / 1024)} KB. Pictures can be up to 300 KB: make it smaller first.`;
  return null;
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error("The picture could not be read."));
    reader.readAsDataURL(file);
  });
}

/**
 * Easy Read pictures (issue 18, decisions 0038 and 0043): one per question and per answer, each with
 * words saying what it shows. Shown in the Languages tab when Easy Read English is chosen.
 */
export function EasyReadPictures({
  surveyId,
  unsaved,
  onChanged,
}: {
  surveyId: string;
  unsaved: boolean;
  onChanged: () => void;
}) {
  const id = useId();
  const [view, setView] = useState<PicturesView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const load = useCallback(() => fetchPictures(surveyId).then(setView, setFailure), [surveyId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!view) return failure ? <ErrorAlert error={failure} /> : <Loading what="the pictures" />;
  const saved = async (question: string, choice: string | undefined, picture: Picture): Promise<void> => {
    await savePicture(surveyId, { revision: view.revision, question, choice, picture });
    await load();
    onChanged();
  };
  return (
    <section className="panel panel--wide" aria-labelledby={`${id}-pictures`}>
      <h2 id={`${id}-pictures`}>Easy Read pictures</h2>
      <p>
        A picture helps people who read little to understand a question or an answer. Each picture needs a few
        words saying what it shows, for people who cannot see it. Pictures are shown only in Easy Read.
      </p>
      {unsaved && <p className="alert">Save your changes to the questions first.</p>}
      {view.questions.length === 0 && <p>The survey has no questions yet.</p>}
      {view.questions.map((q) => (
        <div key={q.question} className="pictures__question">
          <h3>{q.title}</h3>
          <PictureField
            label="Picture for this question"
            picture={q.picture}
            disabled={unsaved}
            onSave={(picture) => saved(q.question, undefined, picture)}
          />
          {q.choices.length > 0 && (
            <details className="pictures__choices">
              <summary>
                Pictures for the answers ({q.choices.filter((c) => c.picture).length} of {q.choices.length})
              </summary>
              {q.choices.map((c) => (
                <PictureField
                  key={c.value}
                  label={`Picture for the answer “${c.text}”`}
                  picture={c.picture}
                  disabled={unsaved}
                  onSave={(picture) => saved(q.question, c.value, picture)}
                />
              ))}
            </details>
          )}
        </div>
      ))}
    </section>
  );
}

/** One picture: shown if there is one; a file to choose and words for it; save or take it away. */
function PictureField({
  label,
  picture,
  disabled,
  onSave,
}: {
  label: string;
  picture: Picture;
  disabled: boolean;
  onSave: (picture: Picture) => Promise<void>;
}) {
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const [alt, setAlt] = useState(picture?.alt ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState("");

  const run = async (action: () => Promise<void>, message: string) => {
    setBusy(true);
    setFailure(null);
    setDone("");
    try {
      await action();
      setChosen(null);
      setDone(message);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (file: File | undefined) => {
    setProblem(null);
    setChosen(null);
    if (!file) return;
    const wrong = fileProblem(file);
    if (wrong) {
      setProblem(wrong);
      return;
    }
    try {
      setChosen(await readAsDataUrl(file));
    } catch {
      setProblem("The picture could not be read. Try another file.");
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const dataUrl = chosen ?? picture?.dataUrl;
    if (!dataUrl) {
      setProblem("Choose a picture first.");
      return;
    }
    if (alt.trim() === "") {
      setProblem("Say in a few words what the picture shows.");
      return;
    }
    setProblem(null);
    void run(() => onSave({ dataUrl, alt: alt.trim() }), "Picture saved.");
  };

  const shown = chosen ?? picture?.dataUrl ?? null;
  return (
    <form className="pictures__field" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{label}</legend>
        {shown ? (
          <img className="pictures__image" src={shown} alt={alt.trim() || "The chosen picture"} />
        ) : (
          <p className="pictures__none">No picture yet.</p>
        )}
        <div className="pictures__inputs">
          <label htmlFor={`${id}-file`}>{picture ? "Choose another picture" : "Choose a picture"}</label>
          <span id={`${id}-file-hint`} className="hint">
            PNG, JPEG, WebP or SVG, up to 300 KB.
          </span>
          <input
            id={`${id}-file`}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/svg+xml"
            aria-describedby={`${id}-file-hint`}
            disabled={disabled || busy}
            onChange={(event) => void onFile(event.target.files?.[0])}
          />
          <label htmlFor={`${id}-alt`}>What the picture shows</label>
          <input
            id={`${id}-alt`}
            type="text"
            value={alt}
            maxLength={500}
            required
            aria-invalid={problem === "Say in a few words what the picture shows." || undefined}
            disabled={disabled || busy}
            onChange={(event) => setAlt(event.target.value)}
          />
        </div>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {failure !== null && <ErrorAlert error={failure} />}
        <p className="pictures__actions">
          <button type="submit" className="button" disabled={disabled || busy}>
            Save picture
          </button>
          {picture && (
            <button
              type="button"
              className="button button--quiet"
              disabled={disabled || busy}
              onClick={() => {
                setProblem(null);
                void run(() => onSave(null), "Picture taken away.");
              }}
            >
              Take the picture away
            </button>
          )}
          <span role="status">{done}</span>
        </p>
      </fieldset>
    </form>
  );
}
