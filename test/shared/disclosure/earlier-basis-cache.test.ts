import { describe, expect, it } from "vitest";
import { EarlierBasisCache } from "../../../shared/disclosure/check-release.ts";
import { SpanBasis } from "../../../shared/disclosure/span.ts";

/**
 * The kept parts are found by a hash of each key's length and ends only (decision 0072); a part is
 * used only when every key equals, so keys the hash cannot tell apart must still not be confused.
 */
describe("the earlier releases' kept basis", () => {
  const key = (middle: string) => `0:1,1:1,2:1,3:1,${middle},90:1,91:1,92:1,93:1,`;
  const basis = new SpanBasis().snapshot();

  it("is not used for keys that differ only where the hash does not look", () => {
    const cache = new EarlierBasisCache();
    const kept = ["n", key("40:1,41:1")];
    const other = ["n", key("40:1,42:1")];
    expect(kept[1]).toHaveLength((other[1] as string).length);
    cache.keep(kept, basis, []);
    expect(cache.find(other)).toBeUndefined();
    expect(cache.find(["z", key("40:1,41:1")])).toBeUndefined();
    expect(cache.find([...kept, "k", ""])).toBeUndefined();
    expect(cache.hits).toBe(0);
  });

  it("is used for equal keys made anew", () => {
    const cache = new EarlierBasisCache();
    cache.keep(["n", key("40:1,41:1"), "k", "7:1,"], basis, ["u3"]);
    const found = cache.find(["n", key(["40:1", "41:1"].join(",")), "k", `${7}:1,`]);
    expect(found?.present).toEqual(["u3"]);
    expect(cache.hits).toBe(1);
  });
});
