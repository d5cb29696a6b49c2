import type { DownloadedExport, ExportProgress } from "../api/exports.ts";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { plural } from "../ui/format.ts";

type Download =
  | { state: "idle" }
  | { state: "running"; progress: ExportProgress }
  | { state: "done"; result: DownloadedExport }
  | { state: "failed"; error: unknown };

const number = new Intl.NumberFormat("en-GB");

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${number.format(Math.ceil(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * How far the download has got: responses of the total where the format lets them be counted, bytes
 * otherwise. The bar is visual; the live region announces only the start and the end.
 */
export function ExportProgressView({ download }: { download: Download }) {
  if (download.state === "idle") return null;
  if (download.state === "failed") return <ErrorAlert heading="The export failed" error={download.error} />;
  if (download.state === "done") {
    return (
      <div className="notice notice--success">
        <p>
          Export ready: {download.result.filename}
          {download.result.total !== null ? `, ${plural(download.result.total, "response")}` : ""},{" "}
          {size(download.result.blob.size)}.
        </p>
      </div>
    );
  }
  const { bytes, total, done } = download.progress;
  const known = total !== null && done !== null && total > 0;
  const count = known ? Math.min(done, total) : 0;
  return (
    <div className="panel">
      <label htmlFor="export-progress">
        {known
          ? `Exporting: ${number.format(count)} of ${plural(total, "response")} (${size(bytes)})`
          : `Exporting${total !== null ? ` ${plural(total, "response")}` : ""}: ${size(bytes)} so far`}
      </label>
      {known ? (
        <progress id="export-progress" className="progress" max={total} value={count} />
      ) : (
        <progress id="export-progress" className="progress" />
      )}
    </div>
  );
}
