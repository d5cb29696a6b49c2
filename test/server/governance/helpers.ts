import { expect } from "vitest";
import type { ReviewDetail } from "../../../shared/contract/review.ts";
import type { SyncItem, SyncOutcome, SyncResponse } from "../../../shared/contract/sync.ts";
import type { TestContext } from "../../helpers/test-app.ts";

/** Uploads interviews as a signed-in fieldworker and answers each item's outcome. */
export async function upload(t: TestContext, cookie: string, items: SyncItem[]): Promise<SyncOutcome[]> {
  const res = await t.request("/api/sync", { method: "POST", cookie, json: { items } });
  expect(res.status).toBe(200);
  return ((await res.json()) as SyncResponse).results;
}

export async function reviewDetail(t: TestContext, cookie: string, id: string): Promise<ReviewDetail> {
  const res = await t.request(`/api/review/responses/${id}`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as ReviewDetail;
}

/** What the reviewer saw, as the decision endpoint wants it back. */
export function seenOf(detail: ReviewDetail) {
  return {
    status: detail.response.reviewStatus,
    revisions: detail.response.revisions,
    currentRevision: detail.response.currentRevision,
  };
}

export async function countRows(
  t: TestContext,
  table: "responses" | "response_revisions" | "review_events" | "withdrawals",
): Promise<number> {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function auditEntries(t: TestContext, action: string) {
  return t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("at").execute();
}
