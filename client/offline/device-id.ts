import { newResponseId } from "./response-id.ts";

const KEY = "alongside.deviceId";

/** A stable id for this browser, sent with each sync so the server can tell tablets apart. */
export function deviceId(): string | undefined {
  try {
    const existing = window.localStorage.getItem(KEY);
    if (existing) return existing;
    const created = newResponseId();
    window.localStorage.setItem(KEY, created);
    return created;
  } catch {
    return undefined;
  }
}
