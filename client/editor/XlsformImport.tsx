import { type FormEvent, useState } from "react";
import type { XlsformImportResponse, XlsformRowNote } from "../../shared/contract/index.ts";
import { importXlsform } from "../api/xlsform.ts";
import { Link } from "../routing/router.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { TextField } from "../ui/TextField.tsx";

function Note({ note }: { note: XlsformRowNote }) {
  return (
    <li>
      <strong>
        Sheet “{note.sheet}”, row {note.row}
        {note.name ? ` (${note.name})` : ""}:
      </strong>{" "}
      {note.message}
    </li>
  );
}

/** Brings in a questionnaire made for ODK or KoboToolbox (an XLSForm spreadsheet) as a new draft. */
export function XlsformImport({ onImported }: { onImported?: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [id, setId] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<XlsformImportResponse | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(await importXlsform(file, id.trim()));
      onImported?.();
    } catch (error) {
      setFailure(error);
    }
    setBusy(false);
  };

  return (
    <section aria-labelledby="xlsform-heading" className="panel">
      <h2 id="xlsform-heading">Bring in a form from ODK or KoboToolbox</h2>
      <p>
        Choose the form’s spreadsheet (an XLSForm saved as .xlsx). It becomes a new draft here, and you will
        see what came across, what changed and what could not come across.
      </p>
      {failure !== null && <ErrorAlert error={failure} heading="The form was not brought in" />}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="xlsform-file">Spreadsheet (.xlsx)</label>
          <input
            id="xlsform-file"
            type="file"
            className="input xlsform-file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <TextField
          label="Short name (optional)"
          hint="Used in the survey’s web address and in downloaded answers. Leave empty to keep the one the form already has. Lower-case letters, numbers and hyphens."
          className="input input--medium code"
          value={id}
          onChange={(e) => setId(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy || !file}>
          {busy ? "Bringing in the form…" : "Bring in the form"}
        </button>
      </form>
      {result && (
        <div role="status" aria-live="polite" className="xlsform-result">
          <h3>“{result.draft.title}” is ready as a draft</h3>
          <p>
            {result.report.converted} rows came across
            {result.report.changed.length ? `, ${result.report.changed.length} with a change` : ""}.{" "}
            {result.report.notConverted.length
              ? `${result.report.notConverted.length} could not come across; add or fix them in the editor.`
              : "Nothing was left out."}
          </p>
          <p>
            <Link to={`/editor/${result.draft.surveyId}`} className="button">
              Open the draft
            </Link>
          </p>
          {result.report.notConverted.length > 0 && (
            <>
              <h4>Not brought across</h4>
              <ul>
                {result.report.notConverted.map((n) => (
                  <Note key={`${n.sheet}-${n.row}-${n.column ?? ""}`} note={n} />
                ))}
              </ul>
            </>
          )}
          {result.report.changed.length > 0 && (
            <>
              <h4>Brought across with a change</h4>
              <ul>
                {result.report.changed.map((n) => (
                  <Note key={`${n.sheet}-${n.row}-${n.column ?? ""}-${n.message}`} note={n} />
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
