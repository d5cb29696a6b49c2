import type { Problem, XlsformExportReport, XlsformImportResponse } from "../../shared/contract/index.ts";
import { ApiError, NetworkError } from "./api-error.ts";
import { get } from "./http.ts";

/** Sends an .xlsx XLSForm; the server makes a new survey draft from it and reports on every row. */
export async function importXlsform(file: File, id: string): Promise<XlsformImportResponse> {
  let response: Response;
  try {
    response = await fetch(`/api/editor/xlsform${id ? `?id=${encodeURIComponent(id)}` : ""}`, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      body: file,
    });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Problem | null;
    if (body && typeof body.code === "string") throw new ApiError(body);
    throw new NetworkError("The server is not answering right now. Try again soon.");
  }
  return (await response.json()) as XlsformImportResponse;
}

export const xlsformUrl = (id: string, version: number) =>
  `/api/editor/surveys/${encodeURIComponent(id)}/xlsform?version=${version}`;

export const xlsformReport = (id: string, version: number) =>
  get<XlsformExportReport>(`/api/editor/surveys/${encodeURIComponent(id)}/xlsform-report?version=${version}`);
