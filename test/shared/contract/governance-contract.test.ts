import { describe, expect, it } from "vitest";
import { ExportQuery } from "../../../shared/contract/exports.schema.ts";
import { KeysetCursor } from "../../../shared/contract/keyset.schema.ts";
import { keysetCursor } from "../../../shared/contract/keyset.ts";
import { ReviewDecisionRequest } from "../../../shared/contract/review.schema.ts";
import { RecordWithdrawalRequest } from "../../../shared/contract/withdrawals.schema.ts";

const seen = { status: "needs_review", revisions: 1, currentRevision: 1 };

describe("the governance contract", () => {
  it("round-trips a keyset cursor and refuses anything else", () => {
    const row = { receivedAt: "2026-11-26T10:00:00.000Z", id: "0d864857-42db-497a-9704-8e18e08f23d9" };
    expect(KeysetCursor.parse(keysetCursor(row))).toEqual(row);
    for (const bad of ["", "yesterday", `${row.receivedAt}_x`, `${row.receivedAt}_${row.id}' OR 1=1`]) {
      expect(KeysetCursor.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("asks for a reason to reject, and for nothing more to approve", () => {
    expect(ReviewDecisionRequest.safeParse({ status: "rejected", seen }).success).toBe(false);
    expect(ReviewDecisionRequest.safeParse({ status: "rejected", comment: "  ", seen }).success).toBe(false);
    expect(ReviewDecisionRequest.safeParse({ status: "rejected", comment: "Duplicate.", seen }).success).toBe(
      true,
    );
    expect(ReviewDecisionRequest.safeParse({ status: "approved", seen }).success).toBe(true);
    expect(ReviewDecisionRequest.safeParse({ status: "received", seen }).success).toBe(false);
  });

  it("accepts a participant code in any case, with or without its hyphen, but not with a wrong check character", () => {
    expect(
      RecordWithdrawalRequest.safeParse({ participantCode: "8udg 8v6m", choice: "delete_all" }).success,
    ).toBe(true);
    expect(
      RecordWithdrawalRequest.safeParse({ participantCode: "8UDG-8V6N", choice: "delete_all" }).success,
    ).toBe(false);
  });

  it("reads export filters from a query string", () => {
    expect(ExportQuery.parse({ wave: "2", status: "approved" })).toEqual({ wave: 2, status: "approved" });
    expect(ExportQuery.parse({})).toEqual({ status: "all" });
    for (const wave of ["-1", "1.5", "101", ""])
      expect(ExportQuery.safeParse({ wave }).success, wave).toBe(false);
  });
});
