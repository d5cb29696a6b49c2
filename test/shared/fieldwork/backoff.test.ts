import { describe, expect, it } from "vitest";
import { batches } from "../../../shared/batches.ts";
import { MAX_RETRY_MS, retryAfterMs, retryDelayMs } from "../../../shared/fieldwork/backoff.ts";
import { isOnServer, stateForOutcome } from "../../../shared/fieldwork/outbox-state.ts";

describe("retryDelayMs", () => {
  it("doubles from 5 seconds, spread over the upper half, up to 5 minutes", () => {
    expect(retryDelayMs(0)).toBe(0);
    expect(retryDelayMs(1, () => 0)).toBe(2_500);
    expect(retryDelayMs(1, () => 0.999_999)).toBe(5_000);
    expect(retryDelayMs(3, () => 0)).toBe(10_000);
    expect(retryDelayMs(50, () => 0.999_999)).toBe(MAX_RETRY_MS);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds or an HTTP date, never negative, never more than the longest backoff", () => {
    const now = Date.parse("2026-11-26T10:00:00.000Z");
    expect(retryAfterMs("5", now)).toBe(5_000);
    expect(retryAfterMs(" 60 ", now)).toBe(60_000);
    expect(retryAfterMs("Thu, 26 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Thu, 26 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("86400", now)).toBe(MAX_RETRY_MS);
    for (const junk of [null, "", "-5", "1.5", "soon", "1e9", "99999999999"]) {
      expect(retryAfterMs(junk, now), String(junk)).toBeNull();
    }
  });
});

describe("batches", () => {
  it("splits a queue of 120 into 50, 50 and 20 in order", () => {
    const queue = Array.from({ length: 120 }, (_, i) => i);
    expect(batches(queue, 50).map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches(queue, 50)[2]?.[0]).toBe(100);
    expect(batches([], 50)).toEqual([]);
  });
});

describe("stateForOutcome", () => {
  it("keeps the answers on the tablet only for a refused item", () => {
    expect(stateForOutcome("accepted")).toBe("stored");
    expect(stateForOutcome("duplicate")).toBe("stored");
    expect(stateForOutcome("conflict")).toBe("conflict");
    expect(stateForOutcome("needs_review")).toBe("needs_review");
    expect(stateForOutcome("rejected")).toBe("refused");
    expect(isOnServer(stateForOutcome("refused"))).toBe(false);
    expect(isOnServer("conflict")).toBe(true);
  });
});
