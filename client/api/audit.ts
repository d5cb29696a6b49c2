import type { AuditPage, AuditQuery } from "../../shared/contract/index.ts";
import { get } from "./http.ts";

/** One page of the audit log; filters left empty are not sent. */
export function searchAudit(query: AuditQuery): Promise<AuditPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(name, String(value));
  }
  const search = params.toString();
  return get<AuditPage>(`/api/audit${search ? `?${search}` : ""}`);
}
