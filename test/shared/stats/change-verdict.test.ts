import { describe, expect, it } from "vitest";
import { changeVerdict, expectedByChance } from "../../../shared/stats/change-verdict.ts";

describe("changeVerdict", () => {
  it("says no clear change when the interval includes zero, whatever the direction of the mean", () => {
    // The A&E example: mean change −1.2, CI −3.27 to 0.86 — lower would be better, but it could be chance.
    expect(changeVerdict({ lower: -3.27, upper: 0.86 }, "lowerIsBetter")).toBe("no_clear_change");
    expect(changeVerdict({ lower: -0.1, upper: 2 }, "higherIsBetter")).toBe("no_clear_change");
    expect(changeVerdict({ lower: 0, upper: 2 }, "higherIsBetter")).toBe("no_clear_change");
    expect(changeVerdict({ lower: -1, upper: 1 }, null)).toBe("no_clear_change");
  });

  it("says better or worse only when the interval excludes zero, read with the direction", () => {
    expect(changeVerdict({ lower: 0.2, upper: 0.6 }, "higherIsBetter")).toBe("better");
    expect(changeVerdict({ lower: 0.2, upper: 0.6 }, "lowerIsBetter")).toBe("worse");
    expect(changeVerdict({ lower: -0.6, upper: -0.2 }, "lowerIsBetter")).toBe("better");
    expect(changeVerdict({ lower: -0.6, upper: -0.2 }, "higherIsBetter")).toBe("worse");
  });

  it("says up or down, not better or worse, when the indicator has no direction", () => {
    expect(changeVerdict({ lower: 0.2, upper: 0.6 }, null)).toBe("up");
    expect(changeVerdict({ lower: -0.6, upper: -0.2 }, null)).toBe("down");
  });

  it("rejects something that is not an interval", () => {
    expect(() => changeVerdict({ lower: 1, upper: 0 }, null)).toThrow(RangeError);
    expect(() => changeVerdict({ lower: Number.NaN, upper: 0 }, null)).toThrow(RangeError);
  });
});

describe("expectedByChance", () => {
  it("is one in twenty of the indicators compared at the 95% level", () => {
    expect(expectedByChance(18)).toBe(0.9);
    expect(expectedByChance(40)).toBe(2);
    expect(expectedByChance(0)).toBe(0);
    expect(expectedByChance(10, 0.9)).toBe(1);
  });

  it("rejects a count that is not one", () => {
    expect(() => expectedByChance(-1)).toThrow(RangeError);
    expect(() => expectedByChance(1.5)).toThrow(RangeError);
  });
});
