import fc from "fast-check";
import { expect, it } from "vitest";
import { canonicalJson, contentHash } from "../../server/fieldwork/content-hash.ts";
import { syncItem } from "../helpers/sync-items.ts";

/** The canonical form as first written (entries, filter, sort, join): stored hashes depend on it. */
function reference(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(",")}}`;
}

it("writes exactly the canonical form stored hashes were made from, for any JSON value", () => {
  const withUndefined = fc.oneof(
    fc.jsonValue(),
    fc.dictionary(fc.string(), fc.oneof(fc.constant(undefined), fc.jsonValue()), { maxKeys: 6 }),
    fc.array(fc.oneof(fc.constant(undefined), fc.string(), fc.integer()), { maxLength: 4 }),
  );
  fc.assert(
    fc.property(withUndefined, (value) => {
      expect(canonicalJson(value)).toBe(reference(value));
    }),
    { numRuns: 2_000 },
  );
});

it("hashes an interview the same whatever order its keys were written in", () => {
  const item = syncItem();
  const reordered = Object.fromEntries(Object.entries(item).reverse());
  reordered.data = Object.fromEntries(Object.entries(item.data).reverse());
  expect(contentHash(reordered as typeof item)).toBe(contentHash(item));
  expect(contentHash({ ...item, data: { ...item.data, visits: 4 } })).not.toBe(contentHash(item));
});
