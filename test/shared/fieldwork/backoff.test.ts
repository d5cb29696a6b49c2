import { describe, expect, it } from "vitest";
import { batches } from "../../../shared/batches.ts";
import { MAX_RETRY_MS, retryDelayMs } from "../../../shared/fieldwork/backoff.ts";
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
