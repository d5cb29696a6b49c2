import { describe, expect, it } from "vitest";
import { isReleaseAnalyst } from "../../../shared/contract/releases.ts";
import { roles } from "../../../shared/contract/roles.ts";

describe("who works on releases as an analyst", () => {
  it("is the data manager or an evaluator of the whole study, never someone limited to one area", () => {
    const analysts = roles.filter((role) => isReleaseAnalyst({ role, areaId: null }));
    expect(analysts).toEqual(["admin", "evaluator"]);
    expect(roles.filter((role) => isReleaseAnalyst({ role, areaId: "north" }))).toEqual([]);
  });
});
