import { type FormEvent, useState } from "react";
import { type DraftStatus, draftStatusLabels } from "../../shared/contract/index.ts";
import { issuesByField } from "../api/api-error.ts";
import { createSurvey, listEditorSurveys } from "../api/editor.ts";
import { useResource } from "../api/use-resource.ts";
import { Link, navigate } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { formatDateTime } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { TextField } from "../ui/TextField.tsx";
import { XlsformImport } from "./XlsformImport.tsx";

/** Every survey, with where its draft stands, and a form to start a new one. */
export function EditorHome() {
  const [surveys, reload] = useResource(listEditorSurveys);
  return (
    <>
      <PageHeading>Co-design editor</PageHeading>
      <p className="lead">
        Write and reword questions together, check they read plainly, and see exactly what a participant will
        see.
      </p>
      <section aria-labelledby="surveys-heading">
        <h2 id="surveys-heading">Surveys</h2>
        {surveys.status === "loading" && <Loading what="surveys" />}
        {surveys.status === "error" && (
          <>
            <ErrorAlert heading="The surveys did not load" error={surveys.error} />
            <button type="button" className="button button--secondary" onClick={reload}>
              Try again
            </button>
          </>
        )}
        {surveys.status === "ready" && (
          <div className="table-scroll">
            <table className="table">
              <caption>Surveys and their drafts</caption>
              <thead>
                <tr>
                  <th scope="col">Survey</th>
                  <th scope="col">Draft</th>
                  <th scope="col">Published</th>
                  <th scope="col">Open suggestions</th>
                  <th scope="col">Last change</th>
                </tr>
              </thead>
              <tbody>
                {surveys.data.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/editor/${s.id}`}>{s.title}</Link>
                    </th>
                    <td>{draftCell(s)}</td>
                    <td>{s.latestVersion === null ? "Not yet" : `Version ${s.latestVersion}`}</td>
                    <td>{s.openSuggestions}</td>
                    <td>{s.updatedAt ? formatDateTime(s.updatedAt) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateSurveyForm />
      <XlsformImport onImported={reload} />
    </>
  );
}

/**
 * The draft column: a survey whose working copy is its published version has no draft open, so it
 * says that, not "Published" under the heading "Draft" (a newcomer read it as a draft that was
 * published).
 */
function draftCell(s: { status: DraftStatus; revision: number; latestVersion: number | null }): string {
  if (s.status === "published" && s.latestVersion !== null)
    return `None: no changes since version ${s.latestVersion}`;
  return `${draftStatusLabels[s.status]}${s.revision > 0 ? `, revision ${s.revision}` : ""}`;
}

/**
 * A short name for links from the survey's name: "Having a say!" → "having-a-say". Empty until there
 * is a name (issue 15: it was pre-filled "q-item").
 */
export function proposeSurveyId(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 48)
    .replace(/-+$/, "");
}

function CreateSurveyForm() {
  const [title, setTitle] = useState("");
  const [id, setId] = useState("");
  const [idTouched, setIdTouched] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const surveyId = idTouched ? id : proposeSurveyId(title);
  const fieldErrors = issuesByField(failure);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await createSurvey({ id: surveyId, title: title.trim(), description: "" });
      navigate(`/editor/${surveyId}`);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="create-heading" className="panel">
      <h2 id="create-heading">Start a new survey</h2>
      {failure !== null && <ErrorAlert error={failure} heading="The survey was not created" />}
      <form onSubmit={submit} noValidate>
        <TextField
          label="Survey name"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={fieldErrors.title}
          required
        />
        <TextField
          label="Short name for links"
          hint="Used in the survey’s web address and in downloaded answers. We suggest one from the survey name; you can change it. Use lower-case letters, numbers and hyphens, for example having-a-say."
          className="input input--medium code"
          value={surveyId}
          onChange={(e) => {
            setIdTouched(true);
            setId(e.target.value);
          }}
          error={fieldErrors.id}
        />
        <button type="submit" className="button" disabled={busy || !title.trim() || !surveyId.trim()}>
          Create the survey
        </button>
      </form>
    </section>
  );
}
