import { useState } from "react";
import type { XlsformExportReport } from "../../shared/contract/index.ts";
import { errorMessage } from "../api/api-error.ts";
import { xlsformReport, xlsformUrl } from "../api/xlsform.ts";

/**
 * A version as an XLSForm spreadsheet (for ODK or KoboToolbox), and on request what the spreadsheet
 * cannot hold, so nobody finds out in the field.
 */
export function XlsformDownload({ surveyId, version }: { surveyId: string; version: number }) {
  const [report, setReport] = useState<XlsformExportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  const toggle = async () => {
    setOpen(!open);
    if (open || report) return;
    try {
      setReport(await xlsformReport(surveyId, version));
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  return (
    <div className="xlsform-download">
      <a href={xlsformUrl(surveyId, version)} download>
        As XLSForm (.xlsx)
      </a>
      <button type="button" className="button button--secondary" aria-expanded={open} onClick={toggle}>
        What XLSForm leaves out
      </button>
      {open && (
        <div role="status">
          {failure && <p>{failure}</p>}
          {!failure && !report && <p>Checking…</p>}
          {report && report.lost.length === 0 && (
            <p>Nothing: everything in version {version} fits in XLSForm.</p>
          )}
          {report && report.lost.length > 0 && (
            <ul>
              {report.lost.map((l) => (
                <li key={`${l.name}-${l.message}`}>
                  {l.name ? <strong>{l.name}: </strong> : null}
                  {l.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
