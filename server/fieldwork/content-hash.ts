import { createHash } from "node:crypto";
import type { SyncItem } from "../../shared/contract/sync.ts";

/**
 * The fingerprint that tells a resend from a change: SHA-256 over the item in a canonical form (object
 * keys sorted at every level), so the same interview hashes the same whatever order a device wrote it in.
 */
export function contentHash(item: SyncItem): string {
  return createHash("sha256").update(canonicalJson(item)).digest("hex");
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
