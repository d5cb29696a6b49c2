import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

export type AuditAction =
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "auth.setup"
  | "auth.lockout"
  | "auth.logout_all"
  | "user.create"
  | "user.disable"
  | "user.enable"
  | "user.role_change"
  | "area.create"
  | "survey.publish"
  | "survey.create"
  | "survey.unlock"
  | "survey.language_offered"
  | "survey.language_not_offered"
  | "survey.language_signoff"
  | "user.languages"
  | "sync.batch"
  | "settings.suppression"
  | "review.decision"
  | "review.comment"
  | "review.read"
  | "participant.withdraw"
  | "retention.settings"
  | "retention.delete"
  | "export.download"
  | "user.invite"
  | "user.invite_renew"
  | "area.update"
  | "area.targets"
  | "device.enrolment_code"
  | "device.enrol"
  | "device.revoke"
  | "device.upload_key"
  | "device.interviews"
  | "area.upload_rule"
  | "assignment.set"
  | "assignment.status"
  | "safeguarding.acknowledge"
  | "safeguarding.action"
  | "safeguarding.close"
  | "plan.update"
  | "reward.record"
  | "reward.statement"
  | "training.record"
  | "safeguarding.raise"
  | "followups.schedule"
  // Account security (issue 14).
  | "auth.password_change"
  | "auth.password_change_failed"
  | "auth.password_reset"
  | "user.reset_link"
  | "release.compose"
  | "release.update"
  | "release.check"
  | "release.signoff"
  | "release.annotate"
  | "release.summary"
  | "release.publish"
  | "release.read"
  | "release.list"
  | "release.public_read"
  // Live outcome figures, exact or as they would be released (issue 13: every analyst's read audited).
  | "outcome.read"
  | "outcome.map_read"
  // A lost tablet (issue 17).
  | "device.lost"
  | "device.found"
  | "device.lost_refused"
  | "device.wiped"
  | "device.lost_report";

/** Who did what, when, and from which device (see `requestOrigin()` in `audit-origin.ts`). */
export interface AuditInput {
  at: Date;
  actorId: string | null;
  action: AuditAction;
  target?: string | null;
  detail?: object;
  ip?: string | null;
  userAgent?: string | null;
  deviceId?: string | null;
}

/**
 * Append-only: the application never updates or deletes audit rows, and this module exports no way to
 * (a test holds it to that). Reading is in `audit-search.repository.ts`.
 */
export async function audit(db: Kysely<Database>, entry: AuditInput): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      at: entry.at.toISOString(),
      actor_id: entry.actorId,
      action: entry.action,
      target: entry.target ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
      user_agent: entry.userAgent ?? null,
      device_id: entry.deviceId ?? null,
    })
    .execute();
}
