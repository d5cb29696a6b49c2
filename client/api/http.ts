import { DEVICE_HEADER } from "../../shared/contract/devices.ts";
import type { Problem } from "../../shared/contract/index.ts";
import { deviceToken } from "../offline/transport.ts";
import { tabletReportedLost } from "../offline/wipe.ts";
import { ApiError, NetworkError } from "./api-error.ts";

/**
 * The one place the client talks HTTP. Same-origin cookie session, JSON in and out, and every
 * failure turned into an `ApiError` (the server's problem) or a `NetworkError` (no answer). Pages
 * call routes through `call()` (call.ts), which builds the address from the route's declaration.
 */
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

let sessionExpiredHandler: (() => void) | undefined;

/** Called when any request learns that the session is gone, so the app can show the sign-in page. */
export function onSessionExpired(handler: () => void): void {
  sessionExpiredHandler = handler;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  // An enrolled tablet names itself on every request, so a lost one is refused everywhere (0036).
  const token = deviceToken();
  if (token) headers[DEVICE_HEADER] = token;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (problem.code === "not_signed_in") sessionExpiredHandler?.();
    if (problem.code === "device_lost") await tabletReportedLost(token);
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const { code, title } = value as Record<string, unknown>;
  return typeof code === "string" && typeof title === "string";
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    const body: unknown = await response.json().catch(() => undefined);
    if (isProblem(body)) return body;
  }
  // Not one of ours: a proxy or gateway answered. Treat a 5xx as "not reached" so callers keep data.
  if (response.status >= 500)
    throw new NetworkError("The server is not answering right now. Try again soon.");
  return {
    type: "about:blank",
    title: `The server answered with an unexpected error (${response.status}).`,
    status: response.status,
    code: "internal",
  };
}
