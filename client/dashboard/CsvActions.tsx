import { useState } from "react";
import { downloadCsv } from "./csv.ts";

/** Copy a figure's table as CSV, or download it; the outcome is said in a status line beside the buttons. */
export function CsvActions({ csv, filename, what }: { csv: () => string; filename: string; what: string }) {
  const [status, setStatus] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(csv());
      setStatus(`Copied ${what} as CSV.`);
    } catch {
      setStatus("Copying is not allowed here: download the CSV instead.");
    }
  };
  return (
    <div className="csv-actions">
      <button type="button" className="button button--quiet" onClick={copy}>
        Copy as CSV<span className="visually-hidden">: {what}</span>
      </button>
      <button
        type="button"
        className="button button--quiet"
        onClick={() => {
          downloadCsv(filename, csv());
          setStatus(`Downloaded ${filename}.`);
        }}
      >
        Download CSV<span className="visually-hidden">: {what}</span>
      </button>
      <p className="csv-actions__status" role="status">
        {status}
      </p>
    </div>
  );
}
