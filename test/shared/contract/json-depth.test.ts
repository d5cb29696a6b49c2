import { describe, expect, it } from "vitest";
import { jsonDepthExceeds } from "../../../shared/contract/json-depth.ts";

describe("jsonDepthExceeds", () => {
  it("counts objects and arrays as levels and scalars as none", () => {
    expect(jsonDepthExceeds("text", 0)).toBe(false);
    expect(jsonDepthExceeds({ a: 1 }, 1)).toBe(false);
    expect(jsonDepthExceeds({ a: { b: [1] } }, 2)).toBe(true);
    expect(jsonDepthExceeds({ a: { b: [1] } }, 3)).toBe(false);
  });

  it("measures a value nested far beyond the call stack without overflowing", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(jsonDepthExceeds(deep, 12)).toBe(true);
  });
});
