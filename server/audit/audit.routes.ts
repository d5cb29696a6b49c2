import type { Hono } from "hono";
import { auditApi } from "../../shared/contract/audit.routes.ts";
import { AuditQuery } from "../../shared/contract/audit.schema.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { ProblemError } from "../http/problem.ts";
import { searchAudit } from "./audit-search.repository.ts";

/** A date alone means the whole day: `from` at its start, `to` up to the start of the next day. */
function instant(value: string, endOfDay: boolean): string {
  if (value.length === 10) {
    const day = new Date(`${value}T00:00:00.000Z`);
    if (endOfDay) day.setUTCDate(day.getUTCDate() + 1);
    return day.toISOString();
  }
  return new Date(value).toISOString();
}

export function auditRoutes(api: Hono<AppEnv>): void {
  mount(api, auditApi.search, { query: AuditQuery }, async (c, { query }) => {
    const from = query.from === undefined ? undefined : instant(query.from, false);
    const to = query.to === undefined ? undefined : instant(query.to, true);
    if (from !== undefined && to !== undefined && from >= to) {
      throw new ProblemError("invalid_query", "`from` must be before `to`.", [
        { path: ["to"], message: "Choose a date on or after the start date." },
      ]);
    }
    return searchAudit(c.get("deps").db, { ...query, from, to });
  });
}
