import { type FormEvent, useEffect, useRef, useState } from "react";
import {
  type ExportableSurvey,
  type ExportFile,
  type ExportStatus,
  exportFileLabels,
  exportFiles,
} from "../../shared/contract/index.ts";
import { listAreas } from "../api/areas.ts";
import {
  type DownloadedExport,
  downloadExport,
  type ExportProgress,
  fetchExportableSurveys,
} from "../api/exports.ts";
import { useResource } from "../api/use-resource.ts";
import { useMe } from "../auth/session.tsx";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { focusFirstError } from "../ui/focus-first-error.ts";
import { plural } from "../ui/format.ts";
import { Loading } from "../ui/Loading.tsx";
import { PageHeading } from "../ui/PageHeading.tsx";
import { RadioField } from "../ui/RadioField.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { waveOptions } from "../ui/wave-options.ts";
import { ExportProgressView } from "./ExportProgressView.tsx";
import "../review/review.css";

const STATUSES = [
  {
    value: "all",
    label: "Every response not rejected",
    hint: "Includes responses still waiting for review.",
  },
  { value: "approved", label: "Approved responses only" },
] as const satisfies readonly { value: ExportStatus; label: string; hint?: string }[];

const FILE_HINTS: Record<ExportFile, string> = {
  "responses-wide.csv":
    "For R, pandas, SPSS and Stata: every answer exactly as given. Do not open it in Excel: a cell starting with = or - could run as a formula. Missing answers are NA.",
  "responses-long.csv":
    "For R, pandas, SPSS and Stata: response, question, value, one row per answer, exactly as given.",
  "responses-wide-excel.csv":
    "For Excel and other spreadsheets: the same rows, with any text that starts like a formula (=, +, -, @) kept as text behind an apostrophe.",
  "responses-long-excel.csv": "For Excel and other spreadsheets: one row per answer, formulas kept as text.",
  "codebook.csv": "Every question's wording per version, its choices and their labels, and its outcome.",
  "responses.json": "The answers as given, with the survey's questions.",
  "datapackage.zip": "Both CSVs and the codebook with a datapackage.json describing their columns.",
};

type Download =
  | { state: "idle" }
  | { state: "running"; progress: ExportProgress }
  | { state: "done"; result: DownloadedExport; url: string }
  | { state: "failed"; error: unknown };

/** Choose a survey and a format; the file downloads as it streams, with its progress shown. */
/** The survey offered first: the one with the most responses (the first listed of equals), not an empty one. */
export function mostAnswered<T extends { responses: number }>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const s of list) if (best === undefined || s.responses > best.responses) best = s;
  return best;
}

export default function ExportsPage() {
  const me = useMe();
  const announce = useAnnounce();
  const [surveys] = useResource(fetchExportableSurveys);
  const [areas] = useResource(listAreas);
  const [surveyId, setSurveyId] = useState("");
  const [areaId, setAreaId] = useState("");
  const [wave, setWave] = useState("");
  const [status, setStatus] = useState<ExportStatus>("all");
  const [file, setFile] = useState<ExportFile>("responses-wide.csv");
  const [errors, setErrors] = useState<Partial<Record<"survey" | "wave", string>>>({});
  const [download, setDownload] = useState<Download>({ state: "idle" });
  const link = useRef<HTMLAnchorElement>(null);

  // A finished export is saved at once; the link stays for saving it again.
  useEffect(() => {
    if (download.state === "done") link.current?.click();
  }, [download]);

  if (surveys.status === "loading") return <Loading what="surveys" />;
  if (surveys.status === "error") {
    return (
      <>
        <PageHeading>Exports</PageHeading>
        <ErrorAlert heading="The surveys did not load" error={surveys.error} />
      </>
    );
  }
  const list: ExportableSurvey[] = surveys.data.surveys;
  const chosen = list.find((s) => s.id === surveyId) ?? mostAnswered(list);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!chosen) found.survey = "There is no survey to export yet.";
    setErrors(found);
    if (!chosen || Object.keys(found).length > 0) {
      focusFirstError(event.currentTarget);
      return;
    }
    if (download.state === "done") URL.revokeObjectURL(download.url);
    setDownload({ state: "running", progress: { bytes: 0, total: null, done: null } });
    announce("Export started.");
    try {
      const result = await downloadExport(
        {
          surveyId: chosen.id,
          file,
          areaId: areaId || undefined,
          wave: wave === "" ? undefined : Number(wave),
          status,
        },
        (progress) => setDownload({ state: "running", progress }),
      );
      const url = URL.createObjectURL(result.blob);
      setDownload({ state: "done", result, url });
      announce(`Export ready: ${result.filename}.`);
    } catch (error) {
      setDownload({ state: "failed", error });
      announce("The export failed.");
    }
  };

  return (
    <>
      <PageHeading>Exports</PageHeading>
      <p className="lead">
        Download responses for analysis in R, Python, SPSS or Excel. Rejected responses and those of
        participants who asked for their data to be deleted are never included. Every download is recorded in
        the audit log.
      </p>
      {(surveys.data.freeTextWithheld || surveys.data.misfitsWithheld) && (
        <div className="notice">
          {surveys.data.freeTextWithheld && (
            <p>
              Answers written in the participant's own words are left out of your exports: they are where a
              name or a story that identifies someone turns up. The codebook lists those questions.
            </p>
          )}
          {surveys.data.misfitsWithheld && (
            <p>
              An answer that does not fit its question, such as words typed where a number was asked for, is
              left out too and marked “[withheld]”: that is where a name or an address can slip in. Only the
              data manager's exports include them.
            </p>
          )}
        </div>
      )}
      {list.length === 0 ? (
        <p>No survey has been published yet.</p>
      ) : (
        <form className="panel" onSubmit={handleSubmit} noValidate aria-labelledby="export-heading">
          <h2 id="export-heading">What to export</h2>
          <SelectField
            label="Survey"
            value={chosen?.id ?? ""}
            onChange={(event) => setSurveyId(event.target.value)}
            error={errors.survey}
            options={list.map((s) => ({
              value: s.id,
              label: `${s.title} (${plural(s.responses, "response")}, ${plural(s.versions.length, "version")})`,
            }))}
          />
          <SelectField
            label="Area"
            value={areaId}
            onChange={(event) => setAreaId(event.target.value)}
            options={[
              { value: "", label: me.areaId ? "Your area" : "Every area" },
              ...(areas.status === "ready" ? areas.data.map((a) => ({ value: a.id, label: a.name })) : []),
            ]}
          />
          <SelectField
            label="Interview"
            hint="The files give it as a number in the wave column: 0 for the first interview, 1 for follow-up 1."
            value={wave}
            onChange={(event) => setWave(event.target.value)}
            options={[{ value: "", label: "Every interview" }, ...waveOptions()]}
            error={errors.wave}
          />
          <RadioField legend="Which responses" options={STATUSES} value={status} onChange={setStatus} />
          <RadioField
            legend="Format"
            options={exportFiles.map((f) => ({ value: f, label: exportFileLabels[f], hint: FILE_HINTS[f] }))}
            value={file}
            onChange={setFile}
          />
          <button type="submit" className="button" disabled={download.state === "running"}>
            Download
          </button>
        </form>
      )}
      <ExportProgressView download={download} />
      {download.state === "done" && (
        <p>
          <a ref={link} href={download.url} download={download.result.filename}>
            Save {download.result.filename} again
          </a>
        </p>
      )}
    </>
  );
}
