import type { AuditPage, AuditQuery } from "./audit.ts";
import { route } from "./route.ts";

/** The audit log, searched and read a page at a time, newest first (admin). */
export const auditApi = {
  search: route("GET", "/api/audit", ["admin"]).takes<{ query: AuditQuery }>().answers<AuditPage>(),
};
