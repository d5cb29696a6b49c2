import { DEVICE_HEADER, DEVICE_TOKEN_KEY } from "../../shared/contract/devices.ts";
import type { Problem } from "../../shared/contract/problems.ts";
import type { AnswerOf, AnyRoute } from "../../shared/contract/route.ts";
import { retryAfterMs } from "../../shared/fieldwork/backoff.ts";
import { type InputArgs, routeUrl } from "../api/route-url.ts";
import { tabletReportedLost } from "./wipe.ts";

/**
 * How queued items travel. Unlike `client/api/http.ts` this never throws and never signs the app out
 * by itself: an upload runs in the background, perhaps while an interview is on screen, and a session
 * that expired offline must not pull the researcher to the sign-in page mid-interview. The sync
 * engine reads the answer and decides. The tablet's enrolment token, when it has one, goes with every
 * upload so a coordinator can revoke a lost tablet. Every upload is a POST to a route declared in
 * `shared/contract/*.routes.ts`: its address, body and answer come from the declaration, so a changed
 * route breaks the compile here as it does for `call()`.
 */
export type UploadAnswer<T> =
  | { kind: "ok"; status: number; body: T }
  | { kind: "problem"; problem: Problem }
  /**
   * No answer we can trust: offline, the connection dropped, a proxy answered for the server, or the
   * server said it cannot store anything just now (503/507, e.g. its database is restarting). Every
   * item stays waiting; `retryAfterMs` is how long the server asked us to wait, when it said.
   */
  | { kind: "unreachable"; reason: string; retryAfterMs?: number };

/** A route the transport can send: a POST (uploads are not retried as reads are). */
type Upload = AnyRoute & { method: "POST" };

export async function upload<R extends Upload>(
  route: R,
  ...args: InputArgs<R>
): Promise<UploadAnswer<AnswerOf<R>>> {
  // A route that takes no body is still sent `{}`: the server reads POSTs as JSON.
  const body: unknown = args[0]?.body ?? {};
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
  const token = deviceToken();
  if (token) headers[DEVICE_HEADER] = token;
  let response: Response;
  try {
    response = await fetch(routeUrl(route, ...args), {
      method: "POST",
      credentials: "same-origin",
      headers,
      body: JSON.stringify(body),
    });
  } catch {
    return { kind: "unreachable", reason: "No connection to the server." };
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = undefined;
  }
  // Reported lost (decision 0036): every store is deleted before the caller hears the answer.
  if (isProblem(parsed) && parsed.code === "device_lost") await tabletReportedLost(token);
  if (response.ok && parsed !== undefined)
    return { kind: "ok", status: response.status, body: parsed as AnswerOf<R> };
  if (!response.ok && isProblem(parsed) && response.status < 500) return { kind: "problem", problem: parsed };
  const wait = retryAfterMs(response.headers.get("retry-after"));
  return {
    kind: "unreachable",
    reason:
      response.status >= 500
        ? // Our own server's problems are written for the person reading them; a proxy's page is not.
          isProblem(parsed)
          ? parsed.title
          : "The server is not answering properly right now."
        : `The server gave an answer this app does not understand (${response.status}).`,
    ...(wait === null ? {} : { retryAfterMs: wait }),
  };
}

export function deviceToken(): string | null {
  try {
    return window.localStorage.getItem(DEVICE_TOKEN_KEY);
  } catch {
    return null;
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const { code, title, status } = value as Record<string, unknown>;
  return typeof code === "string" && typeof title === "string" && typeof status === "number";
}
