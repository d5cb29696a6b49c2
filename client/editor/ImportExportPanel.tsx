import { type ChangeEvent, useId, useState } from "react";
import type { DefinitionCheckResponse } from "../../shared/contract/index.ts";
import { type PreparedImport, prepareImport } from "../../shared/editor/import-surveyjs.ts";
import { checkDefinition, exportUrl } from "../api/editor.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";

interface Props {
  surveyId: string;
  unsaved: boolean;
  /**
   * Replaces the draft with this definition and saves it as an import; "confirm" when published data
   * names must be confirmed first (the editor then asks at the top of the page).
   */
  onImport: (definition: Record<string, unknown>) => Promise<"saved" | "confirm">;
}

const MAX_FILE_BYTES = 60 * 1024;

/**
 * SurveyJS JSON in and out. An imported file is checked first, and every problem is listed (survey-core's
 * own messages for unknown properties and types); nothing is dropped unless the person chooses to
 * import without exactly the parts listed.
 */
export function ImportExportPanel({ surveyId, unsaved, onImport }: Props) {
  const id = useId();
  const [text, setText] = useState("");
  const [report, setReport] = useState<DefinitionCheckResponse | null>(null);
  const [parsed, setParsed] = useState<Record<string, unknown> | null>(null);
  const [prepared, setPrepared] = useState<PreparedImport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setProblem(`That file is ${Math.round(file.size / 1024)} KB; a survey may be at most 60 KB.`);
      return;
    }
    setText(await file.text());
    setReport(null);
  };

  const check = async () => {
    setProblem(null);
    setFailure(null);
    setReport(null);
    setDone(null);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      setProblem(
        `This is not valid JSON: ${error instanceof Error ? error.message : "it could not be read"}.`,
      );
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      setProblem("A SurveyJS survey is a JSON object ({ … }), not a list or a value.");
      return;
    }
    // A file exported from Alongside's instruments folder wraps the survey in { definition }.
    const record = value as Record<string, unknown>;
    const definition =
      typeof record.definition === "object" && record.definition !== null && !record.pages && !record.elements
        ? (record.definition as Record<string, unknown>)
        : record;
    // Names with spaces, capitals or duplicates, and older settings, are put right before the check.
    const ready = prepareImport(definition);
    setBusy(true);
    try {
      setReport(await checkDefinition(ready.definition));
      setParsed(ready.definition);
      setPrepared(ready);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const apply = async (definition: Record<string, unknown>, message: string) => {
    setBusy(true);
    setFailure(null);
    try {
      const outcome = await onImport(definition);
      setDone(
        outcome === "saved"
          ? message
          : "Almost done: this import drops or changes published data names. Confirm them at the top of the page to save it.",
      );
      setReport(null);
      setText("");
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const errors = report?.issues.filter((i) => i.severity === "error") ?? [];
  const warnings = report?.issues.filter((i) => i.severity === "warning") ?? [];
  const onlyUnknownParts =
    errors.length > 0 &&
    errors.every((e) => e.code === "json_error") &&
    (report?.removedByStripping.length ?? 0) > 0;

  return (
    <section className="panel panel--wide" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Import and export</h2>
      <h3>Export</h3>
      <p>
        <a href={exportUrl(surveyId, "draft")} download>
          Download the saved draft as SurveyJS JSON
        </a>
        . Published versions can be downloaded from the history.
      </p>

      <h3>Import SurveyJS JSON</h3>
      <p className="hint">
        Importing replaces the whole draft. The change is saved and recorded as an import, so it can be
        compared with earlier versions.{unsaved ? " Your unsaved changes will be replaced." : ""}
      </p>
      {done && (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-file`}>Choose a .json file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          onChange={(e) => void readFile(e)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>Or paste the JSON</label>
        <textarea
          id={`${id}-text`}
          className="input input--area code"
          rows={8}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setReport(null);
          }}
        />
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {failure !== null && <ErrorAlert error={failure} heading="The import did not work" />}
      <button
        type="button"
        className="button button--secondary"
        disabled={busy || !text.trim()}
        onClick={check}
      >
        Check this JSON
      </button>

      {report && parsed && (
        <div className="import-report" role="status">
          <h4>What the check found</h4>
          {prepared && prepared.changes.length > 0 && (
            <>
              <h5>What was changed so the survey works here</h5>
              <ul className="issues">
                {prepared.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </>
          )}
          {prepared && prepared.renames.length > 0 && (
            <div className="table-scroll">
              <table className="table import-renames">
                <caption>New data names</caption>
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col">Name in the file</th>
                    <th scope="col">New data name</th>
                  </tr>
                </thead>
                <tbody>
                  {prepared.renames.map((r) => (
                    <tr key={`${r.within ?? ""}:${r.from}→${r.to}`}>
                      <td>{r.title}</td>
                      <td>{r.from || "(none)"}</td>
                      {/* A column, item or panel question: its answers sit under its question's name. */}
                      <td>{r.within ? `${r.within} › ${r.to}` : r.to}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>
            {report.questionCount} question{report.questionCount === 1 ? "" : "s"}; {errors.length} error
            {errors.length === 1 ? "" : "s"}; {warnings.length} warning{warnings.length === 1 ? "" : "s"}.
          </p>
          {errors.length > 0 && (
            <>
              <h5>Errors</h5>
              <ul className="issues">
                {errors.map((e) => (
                  <li key={`${e.code}:${e.message}`}>{e.message}</li>
                ))}
              </ul>
            </>
          )}
          {warnings.length > 0 && (
            <>
              <h5>Warnings</h5>
              <ul className="issues">
                {warnings.map((w) => (
                  <li key={`${w.code}:${w.message}`}>{w.message}</li>
                ))}
              </ul>
            </>
          )}
          {errors.length === 0 ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void apply(parsed, "Imported and saved.")}
            >
              Replace the draft with this survey
            </button>
          ) : onlyUnknownParts ? (
            <>
              <p>
                Alongside does not know these parts, so fieldwork would ignore them. You can import the survey
                without exactly these {report.removedByStripping.length} parts:
              </p>
              <ul className="issues code">
                {report.removedByStripping.map((path) => (
                  <li key={path}>{path}</li>
                ))}
              </ul>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() =>
                  void apply(
                    report.withoutUnknown,
                    `Imported without ${report.removedByStripping.length} unknown parts, and saved.`,
                  )
                }
              >
                Import without these parts
              </button>
            </>
          ) : (
            <p>Fix these errors in the file and check it again; nothing has been imported.</p>
          )}
        </div>
      )}
    </section>
  );
}
