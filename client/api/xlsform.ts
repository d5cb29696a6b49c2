import type { Problem, XlsformImportResponse } from "../../shared/contract/index.ts";
import { xlsformApi } from "../../shared/contract/xlsform.routes.ts";
import { ApiError, NetworkError } from "./api-error.ts";
import { call } from "./call.ts";
import { routeUrl } from "./route-url.ts";

/** Sends an .xlsx XLSForm; the server makes a new survey draft from it and reports on every row. */
export async function importXlsform(file: File, id: string): Promise<XlsformImportResponse> {
  let response: Response;
  try {
    response = await fetch(routeUrl(xlsformApi.import, { query: { id } }), {
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
  routeUrl(xlsformApi.export, { params: { id }, query: { version: String(version) } });

export const xlsformReport = (id: string, version: number) =>
  call(xlsformApi.report, { params: { id }, query: { version: String(version) } });
