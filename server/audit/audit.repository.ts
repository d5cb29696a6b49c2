import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

export type AuditAction =
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "auth.setup"
  | "user.create"
  | "area.create"
  | "survey.publish"
  | "sync.batch";

/** Append-only: the application never updates or deletes audit rows. */
export async function audit(
  db: Kysely<Database>,
  entry: { at: Date; actorId: string | null; action: AuditAction; target?: string | null; detail?: object },
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      at: entry.at.toISOString(),
      actor_id: entry.actorId,
      action: entry.action,
      target: entry.target ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
