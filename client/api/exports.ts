import { exportsApi } from "../../shared/contract/exports.routes.ts";
import {
  EXPORT_RESPONSES_HEADER,
  type ExportFile,
  type ExportStatus,
  type Problem,
} from "../../shared/contract/index.ts";
import { ApiError, NetworkError } from "./api-error.ts";
import { call } from "./call.ts";
import { routeUrl } from "./route-url.ts";

export const fetchExportableSurveys = () => call(exportsApi.list);

export interface ExportRequest {
  surveyId: string;
  file: ExportFile;
  areaId?: string | undefined;
  wave?: number | undefined;
  status: ExportStatus;
}

export function exportUrl(request: ExportRequest): string {
  return routeUrl(exportsApi.file, {
    params: { surveyId: request.surveyId, file: request.file },
    query: {
      status: request.status,
      areaId: request.areaId,
      wave: request.wave === undefined ? undefined : String(request.wave),
    },
  });
}

export interface ExportProgress {
  bytes: number;
  /** Responses in the export, as the server counted them before sending; null when not said. */
  total: number | null;
  /** Responses received so far, where the format lets us count them; null otherwise. */
  done: number | null;
}

export interface DownloadedExport {
  blob: Blob;
  filename: string;
  total: number | null;
}

/**
 * Downloads an export as it streams, reporting progress as chunks arrive. The server sends the
 * number of responses first; for the wide CSV (one record per response) and the JSON (one response
 * per line) the responses received so far are counted as the bytes come in.
 */
export async function downloadExport(
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void,
  signal?: AbortSignal,
): Promise<DownloadedExport> {
  let response: Response;
  try {
    response = await fetch(exportUrl(request), { credentials: "same-origin", signal: signal ?? null });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError();
  }
  if (!response.ok || !response.body) throw await problemOf(response);
  const totalHeader = response.headers.get(EXPORT_RESPONSES_HEADER);
  const total = totalHeader === null ? null : Number(totalHeader);
  const counter = recordCounter(request.file);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.length;
      onProgress({ bytes, total, done: counter ? counter(value) : null });
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError("The download stopped before the end. Try again.");
  }
  const type = response.headers.get("content-type") ?? "application/octet-stream";
  return {
    blob: new Blob(chunks as BlobPart[], { type }),
    filename: filenameOf(response.headers.get("content-disposition")) ?? request.file,
    total,
  };
}

/**
 * Counts responses in the bytes seen so far: records outside quotes in the wide CSV (less the header),
 * lines in the JSON (one response per line after the opening one). Other formats are not counted.
 */
function recordCounter(file: ExportFile): ((chunk: Uint8Array) => number) | null {
  const QUOTE = 0x22;
  const LF = 0x0a;
  if (file === "responses-wide.csv" || file === "responses-wide-excel.csv") {
    let inQuotes = false;
    let records = 0;
    return (chunk) => {
      for (const byte of chunk) {
        if (byte === QUOTE) inQuotes = !inQuotes;
        else if (byte === LF && !inQuotes) records += 1;
      }
      return Math.max(0, records - 1);
    };
  }
  if (file === "responses.json") {
    // Each response starts on a new line; the closing "]}" adds two more, which the caller caps.
    let lines = 0;
    return (chunk) => {
      for (const byte of chunk) if (byte === LF) lines += 1;
      return lines;
    };
  }
  return null;
}

function filenameOf(disposition: string | null): string | null {
  const match = disposition ? /filename="([^"]+)"/.exec(disposition) : null;
  return match?.[1] ?? null;
}

async function problemOf(response: Response): Promise<Error> {
  const body: unknown = await response.json().catch(() => undefined);
  if (body && typeof body === "object" && "code" in body && "title" in body)
    return new ApiError(body as Problem);
  return new NetworkError(`The server answered ${response.status}. Try again soon.`);
}
